/**
 * Calls per day as plain CSS bars (no charting library), failures marked within each bar.
 * The bars are decoration for sighted users; the same facts are in the text summary (the
 * chart's accessible name and caption) and in the table below it (WCAG 1.1.1).
 */
import dayjs from 'dayjs';
import type { StatsRow } from '../../api/integrations.ts';
import { useI18n } from '../../i18n/index.tsx';

interface Day {
  day: string;
  calls: number;
  failures: number;
}

/** Every day of the range, zero where nothing was called (the server lists only days with calls). */
export function dailyTotals(from: string, to: string, items: StatsRow[]): Day[] {
  const byDay = new Map<string, Day>();
  for (let d = dayjs(from); !d.isAfter(dayjs(to), 'day') && byDay.size <= 366; d = d.add(1, 'day')) {
    const day = d.format('YYYY-MM-DD');
    byDay.set(day, { day, calls: 0, failures: 0 });
  }
  for (const r of items) {
    const d = byDay.get(r.day);
    if (d) {
      d.calls += r.calls;
      d.failures += r.failures;
    }
  }
  return [...byDay.values()];
}

export function StatsChart({ from, to, items }: { from: string; to: string; items: StatsRow[] }) {
  const { t, date } = useI18n();
  const days = dailyTotals(from, to, items);
  const calls = days.reduce((n, d) => n + d.calls, 0);
  const failures = days.reduce((n, d) => n + d.failures, 0);
  const peak = days.reduce<Day | null>((p, d) => (!p || d.calls > p.calls ? d : p), null);
  const max = Math.max(1, peak?.calls ?? 0);
  const summary =
    calls === 0
      ? t('int.chartEmpty', { from: date(from), to: date(to) })
      : t('int.chartSummary', {
          from: date(from),
          to: date(to),
          calls: calls.toLocaleString(),
          failures: failures.toLocaleString(),
          max: (peak?.calls ?? 0).toLocaleString(),
          day: date(peak?.day ?? ''),
        });

  return (
    <figure className="stats-figure">
      <div className="stats-chart" role="img" aria-label={summary}>
        <div className="stats-axis" aria-hidden>
          <span>{max.toLocaleString()}</span>
          <span>0</span>
        </div>
        <div className="stats-bars" aria-hidden>
          {days.map((d) => (
            <div
              key={d.day}
              className="stats-bar"
              title={`${date(d.day)}：${t('int.calls')} ${d.calls}，${t('int.failures')} ${d.failures}`}
              style={{ height: `${(d.calls / max) * 100}%` }}
            >
              {d.failures > 0 && (
                <div className="stats-bar-failed" style={{ height: `${(d.failures / d.calls) * 100}%` }} />
              )}
            </div>
          ))}
        </div>
      </div>
      <div className="stats-dates" aria-hidden>
        <span>{date(from)}</span>
        <span>{date(to)}</span>
      </div>
      <figcaption>
        <ul className="stats-legend" aria-label={t('int.legend')}>
          <li>
            <span className="swatch swatch-ok" aria-hidden /> {t('int.legendCalls')}
          </li>
          <li>
            <span className="swatch swatch-failed" aria-hidden /> {t('int.legendFailures')}
          </li>
        </ul>
        <p className="stats-summary">{summary}</p>
      </figcaption>
    </figure>
  );
}
