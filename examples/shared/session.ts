/**
 * 伺服器端工作階段 Server-side sessions, kept in memory.
 *
 * The browser holds only a random identifier in an HttpOnly cookie; everything else (who signed
 * in, tokens) stays on the server. A real system keeps sessions in its database or Redis so
 * they survive a restart and are shared between nodes — the rules stay the same:
 *
 * - a new identifier at every sign-in (so an identifier planted before sign-in is worthless:
 *   session fixation);
 * - HttpOnly (scripts cannot read it), SameSite=Lax (other sites cannot make the browser send
 *   it with their POST requests), Secure whenever the system is served over https;
 * - sessions expire after a period of inactivity.
 */
import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SessionOptions {
  /** Each example uses its own name: cookies are per host, not per port, on localhost. */
  cookieName: string;
  /** Send the cookie only over https (true whenever the system's own URL is https). */
  secure: boolean;
  /** Idle timeout; 30 minutes like the portal's own sessions. */
  idleMs?: number;
}

interface Entry<T> {
  data: T;
  lastSeen: number;
}

export class SessionStore<T> {
  private readonly sessions = new Map<string, Entry<T>>();
  private readonly options: Required<SessionOptions>;

  constructor(options: SessionOptions) {
    this.options = { idleMs: 30 * 60_000, ...options };
  }

  /** The session the request's cookie names, unless it is unknown or has been idle too long. */
  read(req: IncomingMessage): { id: string; data: T } | undefined {
    const id = readCookie(req, this.options.cookieName);
    const entry = id ? this.sessions.get(id) : undefined;
    if (!id || !entry) return undefined;
    if (Date.now() - entry.lastSeen > this.options.idleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    entry.lastSeen = Date.now();
    return { id, data: entry.data };
  }

  /** Starts a session under a new identifier (ending the request's old one) and sets its cookie. */
  start(req: IncomingMessage, res: ServerResponse, data: T): void {
    this.end(req, res);
    const id = crypto.randomBytes(32).toString('base64url');
    this.sessions.set(id, { data, lastSeen: Date.now() });
    const secure = this.options.secure ? '; Secure' : '';
    res.setHeader('set-cookie', `${this.options.cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax${secure}`);
  }

  /** Ends the request's session, if any, and tells the browser to forget the cookie. */
  end(req: IncomingMessage, res: ServerResponse): void {
    const id = readCookie(req, this.options.cookieName);
    if (id) this.sessions.delete(id);
    res.setHeader('set-cookie', `${this.options.cookieName}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
  }

  /** Ends every session matching `match` (back-channel logout has no cookie: it names a sid). */
  endWhere(match: (data: T) => boolean): number {
    let ended = 0;
    for (const [id, entry] of this.sessions)
      if (match(entry.data)) {
        this.sessions.delete(id);
        ended++;
      }
    return ended;
  }
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
