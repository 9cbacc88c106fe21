import type { Role, Scope } from '../app/identity/roles.js';

/**
 * Who is calling, as decided by authentication (src/server/authenticate.ts). `via` says how:
 * a cookie session holds every scope of its role; a token only the scopes it was created with;
 * a device is a sensor gateway proven by the signature over its batch.
 */
export type Principal =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'user';
      readonly name: string;
      readonly role: Role;
      readonly party: string | null;
      readonly via: 'session' | 'token';
      /** Token scopes; null for a session. */
      readonly scopes: readonly Scope[] | null;
      readonly tokenId?: string;
      readonly mustChangePassword: boolean;
    }
  | { readonly kind: 'device'; readonly id: string }
  /** A metrics scraper presenting the configured scrape token (TRUCELINE_METRICS_TOKEN); only on routes that allow 'scraper'. */
  | { readonly kind: 'scraper' };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** The role names the route table speaks of: the user roles, plus `anonymous` and `device`. */
export type Subject = Role | 'anonymous' | 'device' | 'scraper';

export function subjectOf(p: Principal): Subject {
  return p.kind === 'user' ? p.role : p.kind;
}

/** `user:<name>`, `device:<id>`, `anonymous`: the ledger's actor for what this principal does. */
export function actorOf(p: Principal): string {
  return p.kind === 'user' ? `user:${p.name}` : p.kind === 'device' ? `device:${p.id}` : 'anonymous';
}
