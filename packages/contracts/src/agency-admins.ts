/** ACC-5 機關管理員查詢: who administers an agency (intranet only, no sign-in needed). */
import { z } from 'zod';
import { MAX_ID } from './common.ts';

export const PublicOrg = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  parentId: z.number().int().nullable(),
});
export type PublicOrg = z.infer<typeof PublicOrg>;
export const PublicOrgList = z.object({ items: z.array(PublicOrg) });

export const AgencyAdminQuery = z.object({ orgId: z.coerce.number().int().positive().max(MAX_ID) });

export const AgencyAdminContact = z.object({
  name: z.string(),
  title: z.string().nullable(),
  officePhone: z.string().nullable(),
  phoneExt: z.string().nullable(),
  email: z.string().nullable(),
});
export type AgencyAdminContact = z.infer<typeof AgencyAdminContact>;

export const AgencyAdminAnswer = z.object({
  org: PublicOrg,
  /** The organisation whose administrators these are: the one asked about or the nearest above it. */
  administeredBy: PublicOrg.nullable(),
  admins: z.array(AgencyAdminContact),
});
export type AgencyAdminAnswer = z.infer<typeof AgencyAdminAnswer>;
