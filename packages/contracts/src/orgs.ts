import { z } from 'zod';
import { MAX_ID, optionalText, text } from './common.ts';

/** ACC-1 organisation types, labelled as in the seeds. */
export const ORG_TYPES = ['internal', 'external', 'district', 'school'] as const;
export const OrgType = z.enum(ORG_TYPES);
export type OrgType = z.infer<typeof OrgType>;
export const ORG_TYPE_LABELS: Record<OrgType, { zh: string; en: string }> = {
  internal: { zh: '府內單位', en: 'City department' },
  external: { zh: '府外機關', en: 'Outside agency' },
  district: { zh: '區公所', en: 'District office' },
  school: { zh: '學校', en: 'School' },
};

export const OrgCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{2,20}$/u, '2–20 letters or digits')
  .transform((s) => s.toUpperCase());

const MailQuota = z.number().int().min(0).max(1000000);

export const Org = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  type: OrgType,
  parentId: z.number().int().nullable(),
  mailQuota: z.number().int(),
  accountCount: z.number().int(),
});
export type Org = z.infer<typeof Org>;

export const OrgInput = z.object({
  code: OrgCode,
  name: text(100).min(1),
  shortName: text(50).min(1),
  type: OrgType,
  parentId: z.number().int().positive().max(MAX_ID).nullable(),
  mailQuota: MailQuota.default(0),
});
export type OrgInput = z.infer<typeof OrgInput>;

/** A partial update: an absent field stays as it is (no defaults here, unlike OrgInput). */
export const OrgUpdate = OrgInput.omit({ code: true, mailQuota: true }).extend({ mailQuota: MailQuota }).partial();
export type OrgUpdate = z.infer<typeof OrgUpdate>;

export const OrgList = z.object({ items: z.array(Org) });

export const ImportRowResult = z.object({
  line: z.number().int(),
  code: z.string().nullable(),
  result: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  reason: optionalText(500),
});
export const ImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  rows: z.array(ImportRowResult),
});
export type ImportReport = z.infer<typeof ImportReport>;
