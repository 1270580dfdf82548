/**
 * `menhu apps add`: an operator registers an application and approves its services in one
 * command, through the same steps as the console (register → request → review), so the
 * records, review history and audit trail read the same. The application belongs to nobody
 * (owner null); the APTOKEN and, for 單一登入, the client secret are in the answer once.
 */
import type { AppInput, Service, ServiceRequest } from '@menhu/contracts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { OPERATOR, registerApp } from './apps-service.ts';
import { issueClientSecret, normaliseServiceRequest, requestService, reviewService } from './review-service.ts';

export interface OperatorRegistration {
  app: AppInput;
  services: Partial<Record<Service, ServiceRequest>>;
}

export interface OperatorRegistered {
  id: number;
  apcode: string;
  aptoken: string;
  client_id?: string;
  client_secret?: string;
}

export async function registerAppAsOperator(
  ctx: Ctx,
  input: OperatorRegistration,
  actor: Actor,
): Promise<OperatorRegistered> {
  const services = Object.entries(input.services) as [Service, ServiceRequest][];
  // Every request is checked before anything is written: a missing redirect URI must not
  // leave a registered application without its service behind.
  for (const [service, request] of services) normaliseServiceRequest(service, request, ctx.config.env === 'production');
  const { app, aptoken } = await registerApp(ctx, OPERATOR, input.app, actor);
  for (const [service, request] of services) {
    await requestService(ctx, OPERATOR, app.id, service, request, actor);
    await reviewService(ctx, app.id, service, { decision: 'approve', reason: null }, actor);
  }
  const out: OperatorRegistered = { id: app.id, apcode: app.apcode, aptoken };
  if (input.services.sso) {
    // Approval created the OIDC client; issuing its secret now is the one time it is shown.
    const { clientId, clientSecret } = await issueClientSecret(ctx, OPERATOR, app.id, actor);
    out.client_id = clientId;
    out.client_secret = clientSecret;
  }
  return out;
}
