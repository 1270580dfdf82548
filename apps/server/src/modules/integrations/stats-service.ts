/** INT-3 呼叫次數統計: calls and failures per service and day, for the chart, table and 匯出. */
import { SERVICE_LABELS, type Service } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { buildXlsx } from '../../platform/xlsx.ts';
import { visibleApp, type Caller } from './apps-service.ts';
import { callCounter, taipeiDay } from './call-stats.ts';
import { callStats } from './store.ts';

const DAY = 86_400_000;
const MAX_DAYS = 366;

export interface StatsRange {
  from?: string;
  to?: string;
  service?: Service;
}

export async function appStats(ctx: Ctx, caller: Caller, appId: number, q: StatsRange) {
  await visibleApp(ctx, caller, appId);
  const today = taipeiDay(ctx.clock.now());
  const to = q.to ?? today;
  const from = q.from ?? taipeiDay(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY));
  const span = (Date.parse(to) - Date.parse(from)) / DAY;
  if (!(span >= 0) || span > MAX_DAYS)
    throw new AppError('MENHU_ERR_VALIDATION', [{ path: 'from', message: `from ≤ to, at most ${MAX_DAYS} days` }]);
  // This node's latest counts first, so the figures include calls made a moment ago.
  await callCounter(ctx).flush();
  const rows = await callStats(ctx.db, { appId, from, to, service: q.service });
  return {
    from,
    to,
    items: rows.map((r) => ({ day: r.day, service: r.service as Service, calls: r.calls, failures: r.failures })),
  };
}

export async function statsXlsx(ctx: Ctx, caller: Caller, appId: number, q: StatsRange): Promise<Buffer> {
  const { items } = await appStats(ctx, caller, appId, q);
  return buildXlsx(
    '呼叫次數統計',
    [
      { header: '日期', value: (r: (typeof items)[number]) => r.day },
      { header: '服務類型', value: (r) => SERVICE_LABELS[r.service].zh },
      { header: '呼叫次數', value: (r) => r.calls },
      { header: '失敗次數', value: (r) => r.failures },
    ],
    items,
  );
}
