/**
 * Arranging launcher data in tests: categories and systems through the real services, and an
 * integrated application written straight into its tables (its registration and review flow
 * belong to the integrations module and are tested there).
 */
import crypto from 'node:crypto';
import type { AdminSystem, SystemInput } from '@menhu/contracts';
import { integrationApps, integrationServices } from '../../platform/db/schema.ts';
import { SYSTEM } from '../../test-support/factories.ts';
import type { Harness } from '../../test-support/harness.ts';
import { createCategory } from './category-service.ts';
import { createSystem } from './system-service.ts';

let n = 0;
const unique = () => `${process.pid}-${++n}-${crypto.randomBytes(2).toString('hex')}`;

export async function makeCategory(h: Harness, opts: { name?: string; sortOrder?: number } = {}) {
  return createCategory(h.ctx, { name: opts.name ?? `分類${unique()}`, sortOrder: opts.sortOrder ?? 0 }, SYSTEM);
}

export async function makeSystem(h: Harness, opts: Partial<SystemInput> = {}): Promise<AdminSystem> {
  const name = opts.name ?? `測試系統${unique()}`;
  return createSystem(
    h.ctx,
    {
      name,
      description: null,
      categoryId: opts.categoryId ?? (await makeCategory(h)).id,
      launchMode: 'link',
      url: `https://sys-${n}.example.gov.tw/`,
      appId: null,
      enabled: true,
      sortOrder: 0,
      visibleOrgIds: [],
      ...opts,
    },
    SYSTEM,
  );
}

/**
 * An active integrated application owned by `orgId`, with the given services approved:
 * `transfer` with an entry URL, `sso` with an initiate-login URI when one is given.
 */
export async function makeIntegrationApp(
  h: Harness,
  orgId: number,
  approve: { transfer?: boolean; initiateLoginUri?: string; status?: 'active' | 'suspended' } = {},
): Promise<{ id: number; name: string; entryUrl: string }> {
  const id = unique();
  const [app] = await h.ctx.db
    .insert(integrationApps)
    .values({
      apcode: `AP${id}`,
      tokenHash: crypto.randomBytes(32).toString('hex'),
      name: `介接系統${id}`,
      url: `https://app-${id}.example.gov.tw/`,
      orgId,
      contactName: '聯絡人',
      contactEmail: 'contact@example.gov.tw',
      status: approve.status ?? 'active',
    })
    .returning();
  const entryUrl = `https://app-${id}.example.gov.tw/entry`;
  const approved = (service: string, terms: Record<string, unknown>) =>
    h.ctx.db
      .insert(integrationServices)
      .values({ appId: app!.id, service, status: 'approved', request: terms, approved: terms });
  if (approve.transfer) await approved('transfer', { entryUrl, claims: ['name'] });
  if (approve.initiateLoginUri)
    await approved('sso', { initiateLoginUri: approve.initiateLoginUri, redirectUris: [], claims: ['name'] });
  return { id: app!.id, name: app!.name, entryUrl };
}
