/**
 * A fictional city government, 嘉禾市政府, for demos and manual testing. Every name, number and
 * address here is invented.
 */
import type { OrgType } from '@menhu/contracts';

export interface DemoOrg {
  code: string;
  name: string;
  shortName: string;
  type: OrgType;
  parent: string | null;
  mailQuota: number;
  /** Units under this organisation: [code suffix, name]. */
  units?: [string, string][];
}

export const CITY = '嘉禾市政府';
export const ROOT_CODE = '399000000A';
export const INFO_CENTRE_CODE = '399010000A';
export const DEMO_PASSWORD = 'Menhu@2026demo';
export const MAIL_DOMAIN = 'mail.jiahe.example';

const dept = (code: string, short: string, type: OrgType, units: [string, string][] = []): DemoOrg => ({
  code,
  name: `${CITY}${short}`,
  shortName: short,
  type,
  parent: ROOT_CODE,
  mailQuota: 20,
  units,
});

export const DEMO_ORGS: DemoOrg[] = [
  { code: ROOT_CODE, name: CITY, shortName: '市府', type: 'internal', parent: null, mailQuota: 50 },
  dept(INFO_CENTRE_CODE, '資訊中心', 'internal', [
    ['01', '系統發展科'],
    ['02', '網路管理科'],
    ['03', '資安管理科'],
  ]),
  dept('399020000A', '秘書處', 'internal', [
    ['01', '文書科'],
    ['02', '事務科'],
  ]),
  dept('399030000A', '民政局', 'internal', [
    ['01', '自治行政科'],
    ['02', '戶政科'],
  ]),
  dept('399040000A', '財政稅務局', 'internal', [['01', '公產管理科']]),
  dept('399050000A', '教育局', 'internal', [
    ['01', '國小教育科'],
    ['02', '中等教育科'],
  ]),
  dept('399060000A', '經濟發展局', 'internal', [['01', '商業科']]),
  dept('399070000A', '工務局', 'internal', [
    ['01', '土木工程科'],
    ['02', '建築管理科'],
  ]),
  dept('399080000A', '交通局', 'internal', [['01', '運輸管理科']]),
  dept('399090000A', '社會局', 'internal', [['01', '社會救助科']]),
  dept('399100000A', '人事處', 'internal', [['01', '任免科']]),
  dept('399110000A', '主計處', 'internal'),
  dept('399120000A', '政風處', 'internal'),
  dept('399130000A', '警察局', 'external', [['01', '資訊室']]),
  dept('399140000A', '消防局', 'external', [['01', '救災救護指揮中心']]),
  dept('399150000A', '衛生局', 'external', [['01', '疾病管制科']]),
  dept('399160000A', '環境保護局', 'external', [['01', '空氣品質科']]),
  dept('399170000A', '文化局', 'external'),
  dept('399180000A', '地政局', 'external'),
  ...(
    [
      ['399210000A', '中山區公所'],
      ['399220000A', '東興區公所'],
      ['399230000A', '南湖區公所'],
      ['399240000A', '北港區公所'],
      ['399250000A', '新禾區公所'],
      ['399260000A', '安和區公所'],
    ] as const
  ).map(([code, short]) => dept(code, short, 'district', [['01', '民政課']])),
  ...(
    [
      ['399310000B', '嘉禾市立第一高級中學'],
      ['399320000B', '嘉禾市立中山國民中學'],
      ['399330000B', '嘉禾市立南湖國民中學'],
      ['399340000B', '嘉禾市立東興國民小學'],
      ['399350000B', '嘉禾市立北港國民小學'],
      ['399360000B', '嘉禾市立安和國民小學'],
    ] as const
  ).map(([code, name]) => ({
    code,
    name,
    shortName: name.replace('嘉禾市立', ''),
    type: 'school' as const,
    parent: '399050000A',
    mailQuota: 10,
  })),
];

export const SURNAMES = [...'陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高簡朱鍾施游詹沈彭胡余盧潘顏'];
export const GIVEN = [...'怡君雅婷志明家豪淑芬俊傑美玲建宏佩珊冠廷宗翰詩涵承恩宇軒欣妤柏翰靜宜文彬嘉玲'];
export const TITLES = ['科員', '科員', '科員', '專員', '辦事員', '技士', '技正', '股長', '科長', '約僱人員', '視察'];
export const SCHOOL_TITLES = ['教師', '教師', '組長', '主任', '幹事'];
