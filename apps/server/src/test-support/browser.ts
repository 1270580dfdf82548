/**
 * A minimal browser for protocol tests against a listening server: keeps cookies and follows
 * redirects by hand until it reaches a stop (the relying party's callback, the portal's login
 * page) or a page.
 */
import net from 'node:net';
import * as oidc from 'openid-client';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export class Browser {
  private readonly jar = new Map<string, string>();
  /** Where to stop following redirects (besides the portal's /login page). */
  private readonly stopAt: string;
  constructor(stopAt: string) {
    this.stopAt = stopAt;
  }

  remember(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...value] = pair!.split('=');
      this.jar.set(name!.trim(), value.join('='));
    }
  }

  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async visit(
    url: string,
    base: string,
    init: { method?: string; body?: URLSearchParams } = {},
  ): Promise<{ status: number; location: string | null; body: string; headers: Headers }> {
    let current = url;
    let request: { method?: string; body?: URLSearchParams } = init;
    for (let hops = 0; hops < 10; hops++) {
      const res = await fetch(current, {
        redirect: 'manual',
        method: request.method ?? 'GET',
        headers: { cookie: this.cookie, ...(request.body ? { origin: base } : {}) },
        ...(request.body ? { body: request.body } : {}),
      });
      this.remember(res);
      const location = res.headers.get('location');
      const stop = !location || location.startsWith(this.stopAt) || location.startsWith('/login');
      if (stop || !(res.status >= 300 && res.status < 400))
        return { status: res.status, location, body: location ? '' : await res.text(), headers: res.headers };
      current = new URL(location, base).toString();
      request = {};
    }
    throw new Error('too many redirects');
  }

  /**
   * An authorization request (code + PKCE S256) as a relying party would start it, followed in
   * this browser; returns where it landed and the verifier and state to redeem the code with.
   */
  async authorize(
    config: oidc.Configuration,
    base: string,
    params: { redirect_uri: string; scope?: string } & Record<string, string>,
  ) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      ...params,
    });
    return { landing: await this.visit(url.toString(), base), verifier, state };
  }

  /** Signs in to the portal with a password, keeping the session cookie. */
  async signIn(base: string, account: string, password: string): Promise<void> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, cookie: this.cookie },
      body: JSON.stringify({ account, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
    this.remember(res);
  }
}
