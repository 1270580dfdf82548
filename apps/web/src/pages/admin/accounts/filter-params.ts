/** The account list's filter lives in the URL, so 返回 from a detail page keeps the search. */
import { ACCOUNT_STATUSES, ROLES, type AccountStatus, type Role } from '@menhu/contracts';
import type { AccountFilter } from '../../../api/accounts.ts';

export interface ListState {
  filter: AccountFilter;
  page: number;
  pageSize: number;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
  v !== null && (list as readonly string[]).includes(v) ? (v as T) : undefined;

const positive = (v: string | null, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export function parseListState(p: URLSearchParams): ListState {
  const locked = p.get('locked');
  const orgId = positive(p.get('orgId'), 0);
  return {
    filter: {
      q: p.get('q') || undefined,
      orgId: orgId || undefined,
      includeSubOrgs: orgId ? p.get('sub') !== 'false' : undefined,
      status: oneOf<AccountStatus>(ACCOUNT_STATUSES, p.get('status')),
      role: oneOf<Role>(ROLES, p.get('role')),
      locked: locked === 'true' ? true : locked === 'false' ? false : undefined,
    },
    page: positive(p.get('page'), 1),
    pageSize: Math.min(positive(p.get('pageSize'), 20), 200),
  };
}

export function toSearchParams({ filter, page, pageSize }: ListState): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.q) out.q = filter.q;
  if (filter.orgId) {
    out.orgId = String(filter.orgId);
    if (filter.includeSubOrgs === false) out.sub = 'false';
  }
  if (filter.status) out.status = filter.status;
  if (filter.role) out.role = filter.role;
  if (filter.locked !== undefined) out.locked = String(filter.locked);
  if (page > 1) out.page = String(page);
  if (pageSize !== 20) out.pageSize = String(pageSize);
  return out;
}
