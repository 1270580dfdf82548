/** The audit log as a spreadsheet, shared by the audit page and each account's history. */
import { AUDIT_ACTION_LABELS, type AuditEvent } from '@menhu/contracts';
import { buildXlsx, taipeiTime } from '../../platform/xlsx.ts';

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

export function auditXlsx(rows: AuditEvent[]): Promise<Buffer> {
  return buildXlsx(
    '稽核紀錄',
    [
      { header: '時間', width: 20, value: (e) => taipeiTime(e.at) },
      { header: '操作者', value: (e) => e.actor },
      { header: '動作', width: 18, value: (e) => AUDIT_ACTION_LABELS[e.action]?.zh ?? e.action },
      { header: '對象', value: (e) => e.targetLabel },
      { header: '結果', value: (e) => (e.result === 'success' ? '成功' : '失敗') },
      { header: '變更前', width: 40, value: (e) => json(e.before) },
      { header: '變更後', width: 40, value: (e) => json(e.after) },
      { header: 'IP', value: (e) => e.ip },
    ],
    rows,
  );
}
