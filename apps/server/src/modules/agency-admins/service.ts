/**
 * ACC-5 機關管理員查詢: anyone on the intranet can find who administers an agency — its own
 * agency administrators, or else those of the nearest organisation above it (an agency admin
 * manages their organisation and everything below it). Only office contact details are shown.
 */
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { adminsOver, findPublicOrg, listPublicOrgs } from './store.ts';

export async function publicOrgs(ctx: Ctx) {
  return { items: await listPublicOrgs(ctx.db) };
}

export async function agencyAdminsOf(ctx: Ctx, orgId: number) {
  const found = await findPublicOrg(ctx.db, orgId);
  if (!found) throw new AppError('MENHU_ERR_NOT_FOUND');
  const { path, ...org } = found;
  const rows = await adminsOver(ctx.db, path);
  const nearest = rows[0]?.depth;
  const mine = rows.filter((r) => r.depth === nearest);
  return {
    org,
    administeredBy: mine[0]?.org ?? null,
    admins: mine.map(({ name, title, officePhone, phoneExt, email }) => ({
      name,
      title,
      officePhone,
      phoneExt,
      email,
    })),
  };
}
