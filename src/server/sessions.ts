import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Browser sessions, kept in memory. They are operational data, not mission state: a restart logs
 * everyone out, nothing about them is in the ledger except the logins themselves (auth.login).
 * The session id travels in an HttpOnly cookie; only its SHA-256 is kept here, so a heap dump
 * does not yield live cookies. Each session has a CSRF token that the browser must echo in the
 * X-CSRF-Token header on unsafe methods (it is also set as a readable cookie: double submit).
 */
export interface Session {
  readonly user: string;
  readonly csrf: string;
  readonly createdMs: number;
  lastSeenMs: number;
}

export interface SessionOptions {
  readonly idleMs?: number;
  readonly absoluteMs?: number;
  readonly maxSessions?: number;
}

export const SESSION_COOKIE = 'tl_session';
export const CSRF_COOKIE = 'tl_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

export class SessionStore {
  private readonly byHash = new Map<string, Session>();
  readonly idleMs: number;
  readonly absoluteMs: number;
  private readonly max: number;

  constructor(o: SessionOptions = {}) {
    this.idleMs = o.idleMs ?? 8 * 3600_000;
    this.absoluteMs = o.absoluteMs ?? 24 * 3600_000;
    this.max = o.maxSessions ?? 100_000;
  }

  create(user: string, nowMs: number): { id: string; session: Session } {
    const id = randomBytes(32).toString('base64url');
    const session: Session = { user, csrf: randomBytes(24).toString('base64url'), createdMs: nowMs, lastSeenMs: nowMs };
    this.byHash.set(hash(id), session);
    while (this.byHash.size > this.max) this.byHash.delete(this.byHash.keys().next().value!);
    return { id, session };
  }

  /** The live session for a cookie value, touched; null if unknown or expired. */
  get(id: string, nowMs: number): Session | null {
    if (id.length > 100) return null;
    const key = hash(id);
    const s = this.byHash.get(key);
    if (!s) return null;
    if (nowMs - s.lastSeenMs > this.idleMs || nowMs - s.createdMs > this.absoluteMs) {
      this.byHash.delete(key);
      return null;
    }
    s.lastSeenMs = nowMs;
    return s;
  }

  delete(id: string): void {
    this.byHash.delete(hash(id));
  }

  /** Ends every session of a user (disabled, password reset, role changed). */
  deleteUser(user: string): void {
    for (const [k, s] of this.byHash) if (s.user === user) this.byHash.delete(k);
  }
}

export function csrfMatches(session: Session, header: unknown): boolean {
  if (typeof header !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(header);
  return a.length === b.length && timingSafeEqual(a, b);
}
