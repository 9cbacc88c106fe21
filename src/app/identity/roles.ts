/**
 * Who may act: the roles of docs/ARCHITECTURE.md ("Who uses it") and the scopes an API token can
 * carry. A liaison always belongs to one party; no other role has a party.
 */
export const ROLES = ['monitor', 'analyst', 'chief', 'liaison', 'guarantor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Token scopes. A cookie session holds every scope its role allows; a token holds only the scopes
 * it was created with, and never more than its owner's role allows (authz checks both).
 */
export const SCOPES = ['observations:read', 'observations:write', 'identity:admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** User names, token and device ids: short, printable, safe in logs and URLs. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

export function isScope(v: unknown): v is Scope {
  return typeof v === 'string' && (SCOPES as readonly string[]).includes(v);
}
