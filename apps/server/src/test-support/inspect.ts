/**
 * Reading what the server wrote where no API shows it: audit rows and exported workbooks.
 * Tests use these to check a side effect, never to arrange data.
 */
import ExcelJS from 'exceljs';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { auditEvents } from '../platform/db/schema.ts';
import type { Harness } from './harness.ts';

export type AuditRow = typeof auditEvents.$inferSelect;

/** Audit events matching every given field, oldest first. */
export async function auditRows(
  h: Harness,
  where: { action?: string; targetType?: string; targetId?: string | number; targetLabel?: string; result?: string },
): Promise<AuditRow[]> {
  const parts: SQL[] = [];
  if (where.action) parts.push(eq(auditEvents.action, where.action));
  if (where.targetType) parts.push(eq(auditEvents.targetType, where.targetType));
  if (where.targetId !== undefined) parts.push(eq(auditEvents.targetId, String(where.targetId)));
  if (where.targetLabel) parts.push(eq(auditEvents.targetLabel, where.targetLabel));
  if (where.result) parts.push(eq(auditEvents.result, where.result));
  return h.ctx.db
    .select()
    .from(auditEvents)
    .where(and(...parts))
    .orderBy(asc(auditEvents.id));
}

/** The first worksheet of an xlsx file as rows of cell texts (header row first). */
export async function readXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('workbook has no sheet');
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(Array.from(values.slice(1), (v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}
