/**
 * The demo 系統列表 (PORTAL-3): about thirty systems of 嘉禾市政府 in six categories, a few
 * limited to one agency. Every address is a fictional *.example.gov.tw. Systems are added by
 * name, so a second run adds nothing. 範例 OIDC 應用系統, 範例帳號驗證系統 and 範例轉登系統 are
 * not here: they come with the example integrated applications.
 */
import type { LaunchMode } from '@menhu/contracts';
import type { Executor } from '../../platform/db/client.ts';
import { findOrgByCode } from '../orgs/store.ts';
import {
  findCategoryByName,
  insertCategory,
  insertSystem,
  listSystemNames,
  replaceVisibility,
} from '../launcher/store.ts';

/** [name, description, host under example.gov.tw, how it opens and who sees it (default: plain link, everyone)] */
type Row = [name: string, description: string, host: string, extra?: { mode?: LaunchMode; only?: string[] }];

const DISTRICTS = ['399210000A', '399220000A', '399230000A', '399240000A', '399250000A', '399260000A'];
const sso = { mode: 'oidc' as const };

/** Categories in display order, each with its systems in display order. */
const DEMO_LAUNCHER: [category: string, systems: Row[]][] = [
  [
    '行政作業',
    [
      ['公文管理系統', '公文線上簽核、發文、歸檔與流程查詢', 'edoc'],
      ['差勤管理系統', '請假、加班、出差申請與差勤紀錄查詢', 'attendance'],
      ['人事服務網', '個人人事資料、待遇、考績與訓練時數', 'hr', sso],
      ['會議室管理系統', '會議室預約、借用紀錄與設備需求', 'meeting-room'],
      ['電子請購暨核銷系統', '請購、驗收與核銷線上作業', 'procure'],
      ['數位表單整合平臺', '各類行政表單線上填寫與簽核', 'eform', sso],
      ['無紙會議系統', '會議資料電子化、議程與決議追蹤', 'paperless'],
      ['檔案管理系統', '機關檔案點收、編目、調閱與銷毀', 'archives'],
    ],
  ],
  [
    '研考便民',
    [
      ['市政會議服務網', '市政會議議程、提案與會議紀錄', 'council'],
      ['1999 市民熱線派工系統', '1999 話務案件分派、處理與回覆', 'hotline1999'],
      ['研考管制系統', '施政計畫與列管案件進度追蹤', 'rdec'],
      ['人民陳情案件管理系統', '陳情案件收文、分辦、回覆與統計', 'petition'],
      ['市長信箱管理系統', '市長信箱來信分派與回覆', 'mayor-mail'],
      ['停車管理系統', '路邊停車開單、繳費與停車場管理', 'parking'],
    ],
  ],
  [
    '資訊服務',
    [
      ['資訊服務台', '電腦與網路問題線上報修及進度查詢', 'helpdesk'],
      ['公務電子郵件', '公務信箱網頁版', 'webmail', sso],
      ['雲端硬碟', '公務檔案雲端儲存與分享', 'drive'],
      ['視訊會議平臺', '跨機關視訊會議預約與連線', 'video'],
      ['資安通報系統', '資安事件通報與應變處理', 'isac'],
      ['網站內容管理系統', '機關網站資訊發布與維護', 'cms'],
    ],
  ],
  [
    '財務地政',
    [
      ['財產管理系統', '財產與物品登記、移動、盤點及報廢', 'property'],
      ['歲計會計系統', '預算編列、執行與會計報表', 'accounting'],
      ['薪資管理系統', '薪資、津貼與扣繳憑單查詢', 'payroll'],
      ['地政整合系統', '土地登記、測量與地價資料', 'land', { only: ['399180000A'] }],
      ['稅務資訊系統', '地方稅籍、課徵與欠稅管理', 'tax', { only: ['399040000A'] }],
    ],
  ],
  [
    '衛生警消',
    [
      ['災害應變管理系統', '災情通報、應變中心開設與資源調度', 'emergency'],
      ['衛生局防疫系統', '傳染病通報、疫調與防疫物資管理', 'epidemic', { only: ['399150000A'] }],
      ['消防救災派遣系統', '119 案件受理、派遣與出勤紀錄', 'dispatch119', { only: ['399140000A'] }],
      ['警政勤務管理系統', '勤務編排、案件與警力調度', 'police-duty', { only: ['399130000A'] }],
    ],
  ],
  [
    '機關內網',
    [
      ['資訊中心內部網站', '資訊中心公告、值班表與系統維運文件', 'itc-intra', { only: ['399010000A'] }],
      ['校務行政系統', '學籍、成績與校務行政作業', 'school-admin', { only: ['399050000A'] }],
      ['區公所聯合服務網', '區公所公告、里鄰業務與案件協調', 'district', { only: DISTRICTS }],
    ],
  ],
];

export const DEMO_CATEGORIES = DEMO_LAUNCHER.map(([category]) => category);
export const DEMO_SYSTEMS = DEMO_LAUNCHER.flatMap(([category, rows]) =>
  rows.map(([name, description, host, extra]) => ({
    category,
    name,
    description,
    url: `https://${host}.example.gov.tw/`,
    launchMode: extra?.mode ?? ('link' as LaunchMode),
    only: extra?.only ?? [],
  })),
);

/** Adds the demo categories and the demo systems not yet present; answers how many systems it added. */
export async function seedDemoLauncher(exec: Executor): Promise<number> {
  const categoryIds = new Map<string, number>();
  for (const [i, name] of DEMO_CATEGORIES.entries()) {
    const existing = await findCategoryByName(exec, name);
    categoryIds.set(name, existing?.id ?? (await insertCategory(exec, { name, sortOrder: (i + 1) * 10 })).id);
  }
  const present = new Set(await listSystemNames(exec));
  let added = 0;
  for (const [i, s] of DEMO_SYSTEMS.entries()) {
    if (present.has(s.name)) continue;
    const orgs = await Promise.all(s.only.map((code) => findOrgByCode(exec, code)));
    // An agency-only system whose agency is missing is left out rather than shown to everyone.
    if (orgs.some((o) => !o)) continue;
    const { id } = await insertSystem(exec, {
      name: s.name,
      description: s.description,
      categoryId: categoryIds.get(s.category)!,
      launchMode: s.launchMode,
      url: s.url,
      sortOrder: (i + 1) * 10,
    });
    await replaceVisibility(
      exec,
      id,
      orgs.map((o) => o!.id),
    );
    added++;
  }
  return added;
}
