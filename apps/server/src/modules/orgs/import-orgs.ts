/**
 * ACC-1 CSV import. Idempotent: a row whose code exists updates it (or leaves it unchanged),
 * a new code creates it. Parents may appear after their children in the file. Invalid rows
 * are rejected with a reason and do not stop the others; the valid rows commit together.
 */
import { parse } from 'csv-parse/sync';
import { OrgInput, ORG_TYPE_LABELS, ORG_TYPES, type ImportReport, type OrgType } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { audit } from '../audit/service.ts';
import { createOrgIn, updateOrgIn } from './service.ts';
import { findOrgByCode } from './store.ts';

/** Accepted header names: English and the seeds' Chinese labels. */
const HEADERS: Record<string, keyof RawRow> = {
  code: 'code',
  機關代碼: 'code',
  name: 'name',
  機關全銜: 'name',
  short_name: 'shortName',
  機關簡稱: 'shortName',
  type: 'type',
  類型: 'type',
  機關類型: 'type',
  parent_code: 'parentCode',
  上層機關代碼: 'parentCode',
  mail_quota: 'mailQuota',
  郵件配額: 'mailQuota',
};

interface RawRow {
  code: string;
  name: string;
  shortName: string;
  type: string;
  parentCode: string;
  mailQuota: string;
}

export const ORG_IMPORT_MAX_ROWS = 5000;

function parseType(v: string): OrgType | null {
  const t = v.trim();
  if ((ORG_TYPES as readonly string[]).includes(t)) return t as OrgType;
  const hit = ORG_TYPES.find((k) => ORG_TYPE_LABELS[k].zh === t);
  return hit ?? null;
}

export function parseOrgCsv(text: string): { line: number; raw: RawRow }[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/u, ''), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new AppError('MENHU_ERR_CSV', { message: (err as Error).message });
  }
  const [header, ...rows] = records;
  if (!header) throw new AppError('MENHU_ERR_CSV', { message: 'empty file' });
  const columns = header.map((h) => HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()]);
  for (const needed of ['code', 'name', 'shortName', 'type'] as const) {
    if (!columns.includes(needed))
      throw new AppError('MENHU_ERR_CSV', { message: `missing column ${needed}`, expected: Object.keys(HEADERS) });
  }
  if (rows.length > ORG_IMPORT_MAX_ROWS)
    throw new AppError('MENHU_ERR_CSV', { message: `at most ${ORG_IMPORT_MAX_ROWS} rows per file` });
  return rows.map((cells, i) => {
    const raw: RawRow = { code: '', name: '', shortName: '', type: '', parentCode: '', mailQuota: '' };
    columns.forEach((col, j) => {
      if (col) raw[col] = cells[j] ?? '';
    });
    return { line: i + 2, raw };
  });
}

export async function importOrgs(ctx: Ctx, text: string, actor: Actor): Promise<ImportReport> {
  const parsed = parseOrgCsv(text);
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, rejected: 0, rows: [] };
  const reject = (line: number, code: string | null, reason: string) => {
    report.rejected++;
    report.rows.push({ line, code, result: 'rejected', reason });
  };

  // Validate each row on its own first.
  const seen = new Set<string>();
  let pending: { line: number; code: string; input: Omit<OrgInput, 'parentId'>; parentCode: string | null }[] = [];
  for (const { line, raw } of parsed) {
    const type = parseType(raw.type);
    const quota = raw.mailQuota === '' ? 0 : Number(raw.mailQuota);
    const candidate = OrgInput.safeParse({
      code: raw.code,
      name: raw.name,
      shortName: raw.shortName,
      type: type ?? raw.type,
      parentId: null,
      mailQuota: quota,
    });
    if (!candidate.success) {
      reject(line, raw.code || null, candidate.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      continue;
    }
    const { parentId: _ignored, ...input } = candidate.data;
    if (seen.has(input.code)) {
      reject(line, input.code, 'duplicate code in this file');
      continue;
    }
    seen.add(input.code);
    const parentCode = raw.parentCode.trim().toUpperCase() || null;
    if (parentCode === input.code) {
      reject(line, input.code, 'an organisation cannot be its own parent');
      continue;
    }
    pending.push({ line, code: input.code, input, parentCode });
  }

  await ctx.db.transaction(async (tx) => {
    // Resolve parents in passes, so a child listed before its parent still finds it.
    for (let progress = true; progress && pending.length;) {
      progress = false;
      const next: typeof pending = [];
      for (const row of pending) {
        const parent = row.parentCode ? await findOrgByCode(tx, row.parentCode) : null;
        if (row.parentCode && !parent) {
          next.push(row);
          continue;
        }
        progress = true;
        const existing = await findOrgByCode(tx, row.code);
        const parentId = parent?.id ?? null;
        if (!existing) {
          await createOrgIn(ctx, tx, { ...row.input, parentId }, actor);
          report.created++;
          report.rows.push({ line: row.line, code: row.code, result: 'created', reason: null });
          continue;
        }
        const same =
          existing.name === row.input.name &&
          existing.shortName === row.input.shortName &&
          existing.type === row.input.type &&
          existing.mailQuota === row.input.mailQuota &&
          existing.parentId === parentId;
        if (same) {
          report.unchanged++;
          report.rows.push({ line: row.line, code: row.code, result: 'unchanged', reason: null });
          continue;
        }
        try {
          await tx.transaction((sp) => updateOrgIn(ctx, sp, existing.id, { ...row.input, parentId }, actor));
          report.updated++;
          report.rows.push({ line: row.line, code: row.code, result: 'updated', reason: null });
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          reject(
            row.line,
            row.code,
            err.code === 'MENHU_ERR_ORG_CYCLE' ? 'moving here would create a cycle' : err.code,
          );
        }
      }
      pending = next;
    }
    for (const row of pending) reject(row.line, row.code, `parent code ${row.parentCode} not found`);
    await audit(tx, ctx, actor, {
      action: 'org.import',
      after: {
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: report.rejected,
      },
    });
  });
  report.rows.sort((a, b) => a.line - b.line);
  return report;
}
