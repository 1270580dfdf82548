/** The import template, headed in the UI language (the server accepts both header sets). */
import type { Locale } from '../../../lib/format.ts';

const ROWS = {
  'zh-TW': [
    ['機關代碼', '機關全銜', '機關簡稱', '類型', '上層機關代碼', '郵件配額'],
    ['399990000A', '嘉禾市政府範例局', '範例局', '府內單位', '399000000A', '20'],
    ['399990100A', '嘉禾市政府範例局第一科', '第一科', '府內單位', '399990000A', '5'],
  ],
  en: [
    ['code', 'name', 'short_name', 'type', 'parent_code', 'mail_quota'],
    ['399990000A', '嘉禾市政府範例局', '範例局', 'internal', '399000000A', '20'],
    ['399990100A', '嘉禾市政府範例局第一科', '第一科', 'internal', '399990000A', '5'],
  ],
};

export function downloadTemplate(locale: Locale): void {
  // A BOM so Excel opens the UTF-8 file with the Chinese intact.
  const csv = '\uFEFF' + ROWS[locale].map((r) => r.join(',')).join('\r\n') + '\r\n';
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = locale === 'en' ? 'organisations-template.csv' : '組織匯入範本.csv';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
