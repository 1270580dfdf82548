/**
 * `menhu seed --demo`: the fictional 嘉禾市政府 with about 60 organisations, 300 accounts, two
 * agency admins per agency, the fixed demo logins and the 系統列表. Refused in production; a
 * second run changes nothing.
 */
import { isValidTaiwanId } from '@menhu/contracts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { accountRoles, accounts, passwordHistory, passwords } from '../../platform/db/schema.ts';
import { hashPassword } from '../credentials/hashing.ts';
import { findOrgByCode, insertOrg, type OrgRow } from '../orgs/store.ts';
import {
  DEMO_ORGS,
  DEMO_PASSWORD,
  GIVEN,
  INFO_CENTRE_CODE,
  MAIL_DOMAIN,
  ROOT_CODE,
  SCHOOL_TITLES,
  SURNAMES,
  TITLES,
} from './demo-data.ts';
import { seedDemoLauncher } from './demo-launcher.ts';

export const DEMO_LOGINS = [
  { account: 'sysadmin', role: '系統管理者 system admin' },
  { account: 'agencyadmin', role: '資訊中心 機關管理者 agency admin' },
  { account: 'user01', role: '一般使用者 user' },
] as const;

/** The demo's published ID number (user01 王小明), for 行動自然人憑證 sign-in on the simulator. */
export const DEMO_USER01_ID_NUMBER = 'A123456789';

export interface SeedSummary {
  skipped: boolean;
  orgs: number;
  accounts: number;
  agencyAdmins: number;
  /** 系統列表 systems added. */
  systems: number;
}

/** Small deterministic PRNG so every demo database looks the same. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fakeId(rand: () => number, female: boolean): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
  for (;;) {
    const body = `${letters[Math.floor(rand() * 22)]}${female ? 2 : 1}${String(Math.floor(rand() * 1e7)).padStart(7, '0')}`;
    for (let check = 0; check < 10; check++) if (isValidTaiwanId(body + check)) return body + check;
  }
}

interface PlannedAccount {
  account: string;
  name: string;
  title: string;
  org: OrgRow;
  roles: string[];
}

export async function seedDemo(ctx: Ctx): Promise<SeedSummary> {
  if (ctx.config.env === 'production') throw new AppError('MENHU_ERR_DEMO_IN_PRODUCTION');
  if (await findOrgByCode(ctx.db, ROOT_CODE)) {
    // A demo database made before the 系統列表 existed gets its systems; otherwise nothing changes.
    const systems = await ctx.db.transaction((tx) => seedDemoLauncher(tx));
    return { skipped: systems === 0, orgs: 0, accounts: 0, agencyAdmins: 0, systems };
  }
  const rand = prng(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // One hash for every demo account: the demo password is public anyway, and 300 argon2 runs would slow the first start.
  const hash = await hashPassword(DEMO_PASSWORD);
  const now = ctx.clock.now();

  return ctx.db.transaction(async (tx) => {
    const byCode = new Map<string, OrgRow>();
    const agencies: OrgRow[] = [];
    const unitsOf = new Map<string, OrgRow[]>();
    for (const o of DEMO_ORGS) {
      const parent = o.parent ? byCode.get(o.parent)! : null;
      const row = await insertOrg(
        tx,
        {
          code: o.code,
          name: o.name,
          shortName: o.shortName,
          type: o.type,
          parentId: parent?.id ?? null,
          mailQuota: o.mailQuota,
          createdAt: now,
          updatedAt: now,
        },
        parent?.path ?? '/',
      );
      byCode.set(o.code, row);
      if (parent) agencies.push(row);
      const units: OrgRow[] = [];
      for (const [suffix, unitName] of o.units ?? []) {
        const code = `${o.code.slice(0, 5)}${suffix}${o.code.slice(7)}`;
        units.push(
          await insertOrg(
            tx,
            {
              code,
              name: `${o.name}${unitName}`,
              shortName: unitName,
              type: o.type,
              parentId: row.id,
              mailQuota: 0,
              createdAt: now,
              updatedAt: now,
            },
            row.path,
          ),
        );
      }
      unitsOf.set(o.code, units);
    }

    const info = byCode.get(INFO_CENTRE_CODE)!;
    const infoDev = unitsOf.get(INFO_CENTRE_CODE)![0]!;
    const planned: PlannedAccount[] = [
      { account: 'sysadmin', name: '系統管理者', title: '系統管理師', org: info, roles: ['system_admin'] },
      { account: 'agencyadmin', name: '林資管', title: '科長', org: info, roles: ['agency_admin'] },
      { account: 'user01', name: '王小明', title: '科員', org: infoDev, roles: [] },
    ];
    const usedNames = new Set<string>();
    let seq = 1001;
    const person = () => {
      for (;;) {
        const name = `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`;
        if (!usedNames.has(name)) {
          usedNames.add(name);
          return name;
        }
      }
    };
    for (const agency of agencies) {
      const places = [agency, ...(unitsOf.get(agency.code) ?? [])];
      const count = agency.code === INFO_CENTRE_CODE ? 9 : 8 + Math.floor(rand() * 4);
      for (let i = 0; i < count; i++) {
        const org = places[i % places.length]!;
        planned.push({
          account: `jh${seq++}`,
          name: person(),
          title: org.type === 'school' ? pick(SCHOOL_TITLES) : pick(TITLES),
          org,
          // Two admins per agency, both in the agency itself (an admin placed in a unit manages only
          // that unit): the accounts at i = 0 and i = places.length, which land on the agency; the
          // info centre's second is the fixed agencyadmin.
          roles: i === 0 || (i === places.length && agency.code !== INFO_CENTRE_CODE) ? ['agency_admin'] : [],
        });
      }
    }

    let agencyAdmins = 0;
    for (const p of planned) {
      const female = rand() < 0.5;
      const generated = fakeId(rand, female);
      // user01's ID number is published (行動自然人憑證 demo, docs/user-guide.md); the draw above
      // still happens so every other demo account keeps its number.
      const id = p.account === 'user01' ? DEMO_USER01_ID_NUMBER : generated;
      const [row] = await tx
        .insert(accounts)
        .values({
          account: p.account,
          name: p.name,
          title: p.title,
          email: `${p.account}@${MAIL_DOMAIN}`,
          officePhone: `06-29${String(Math.floor(rand() * 1e5)).padStart(5, '0')}`,
          phoneExt: String(1000 + Math.floor(rand() * 9000)),
          birthday: `19${60 + Math.floor(rand() * 40)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
          workAddress: `嘉禾市中山區府前路${1 + Math.floor(rand() * 300)}號`,
          orgId: p.org.id,
          status: 'active',
          idNumberEnc: ctx.cipher.encrypt(id),
          idNumberLast4: id.slice(-4),
          idNumberIndex: ctx.cipher.index(id),
          needsOfficeMail: true,
          createdAt: now,
          updatedAt: now,
          passwordChangedAt: now,
        })
        .returning({ id: accounts.id });
      await tx.insert(passwords).values({ accountId: row!.id, hash, updatedAt: now });
      await tx.insert(passwordHistory).values({ accountId: row!.id, hash, createdAt: now });
      for (const role of p.roles) {
        await tx.insert(accountRoles).values({ accountId: row!.id, role, grantedAt: now });
        if (role === 'agency_admin') agencyAdmins++;
      }
    }
    return {
      skipped: false,
      orgs: byCode.size + [...unitsOf.values()].reduce((n, u) => n + u.length, 0),
      accounts: planned.length,
      agencyAdmins,
      systems: await seedDemoLauncher(tx),
    };
  });
}
