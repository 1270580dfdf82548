import { z } from 'zod';

/** Free text from people: trimmed, bounded, no control characters except none at all. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/u, 'control characters are not allowed');

export const optionalText = (max: number) => text(max).nullable().optional();

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'expected YYYY-MM-DD');
export const IsoDateTime = z.string();

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const Ok = z.object({ ok: z.literal(true) });

/** Integer ids fit PostgreSQL's integer columns. */
export const MAX_ID = 2_147_483_647;
export const IdParam = z.object({ id: z.coerce.number().int().positive().max(MAX_ID) });
