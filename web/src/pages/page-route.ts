/**
 * Which page of the dashboard is open, kept in the query string beside the map's view:
 *
 *   ?page=reports|alerts|declarations|queue|admin   (absent: the map)
 *
 * and who may open which: a page is offered only to the roles whose API calls it needs are
 * allowed by the server's one authorisation table (src/server/authz.ts). Pure.
 */
import type { Role } from '../api/vocabulary.js';

export const PAGES = ['map', 'reports', 'alerts', 'declarations', 'queue', 'admin'] as const;
export type PageId = (typeof PAGES)[number];

/** The roles (and `public` for no login) each page is for. */
const ACCESS: Readonly<Record<PageId, readonly (Role | 'public')[]>> = {
  map: ['public', 'monitor', 'analyst', 'chief', 'liaison', 'guarantor', 'admin'],
  reports: ['public', 'monitor', 'analyst', 'chief', 'liaison', 'guarantor', 'admin'],
  // GET /api/v1/alerts: guarantor, chief, analyst, admin.
  alerts: ['guarantor', 'chief', 'analyst', 'admin'],
  // GET /api/v1/declarations: mission staff, liaisons and guarantors; not the public.
  declarations: ['monitor', 'analyst', 'chief', 'admin', 'liaison', 'guarantor'],
  queue: ['analyst', 'chief'],
  admin: ['admin'],
};

export function mayOpen(page: PageId, role: Role | null): boolean {
  return ACCESS[page].includes(role ?? 'public');
}

/** The pages offered in the navigation to `role` (null: the public). */
export function pagesFor(role: Role | null): PageId[] {
  return PAGES.filter((p) => mayOpen(p, role));
}

export function parsePage(search: string): PageId {
  const p = new URLSearchParams(search).get('page');
  return p && (PAGES as readonly string[]).includes(p) ? (p as PageId) : 'map';
}

/** `query` with the page set (the map, the default, leaves no parameter). */
export function withPage(query: string, page: PageId): string {
  const p = new URLSearchParams(query);
  p.delete('page');
  if (page !== 'map') p.set('page', page);
  const s = p.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}
