/** The slice of oidc-provider 9's API that Menhu uses (the package ships no type declarations). */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown> & { client_id: string; scope?: string };
    session?: { accountId?: string; uid?: string };
    grantId?: string;
    lastSubmission?: Record<string, unknown>;
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    rejectOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
    destroy(): Promise<void>;
  }

  export interface ModelAdapter {
    findByUid(uid: string): Promise<Record<string, unknown> | undefined>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface ClientInstance {
    clientId: string;
    clientName?: string;
    backchannelLogoutUri?: string;
    backchannelLogout(sub: string, sid: string): Promise<void>;
    [key: string]: unknown;
  }

  export interface OidcKoaContext {
    cookies: { get(name: string, opts?: { signed?: boolean }): string | undefined };
    oidc: {
      session: { accountId?: string; uid?: string };
      client?: ClientInstance;
      result?: { login?: unknown };
      params?: Record<string, unknown>;
    };
  }

  export class Check {
    static REQUEST_PROMPT: true;
    static NO_NEED_TO_PROMPT: false;
    constructor(reason: string, description: string, check: (ctx: OidcKoaContext) => boolean | Promise<boolean>);
  }

  export interface PromptPolicy {
    name: string;
    checks: Check[] & { add(check: Check, index?: number): void };
  }

  export const interactionPolicy: {
    base(): PromptPolicy[] & { get(name: string): PromptPolicy | undefined };
    Check: typeof Check;
  };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    Grant: {
      new (props: { accountId: string; clientId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    Client: { find(id: string): Promise<ClientInstance | undefined> };
    Session: { adapter: ModelAdapter };
    AccessToken: { adapter: ModelAdapter };
    on(event: string, listener: (...args: unknown[]) => void): this;
    use(middleware: (ctx: unknown, next: () => Promise<void>) => Promise<void>): void;
  }
}
