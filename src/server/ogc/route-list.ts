import type { Scope } from '../../app/identity/roles.js';

/** Where the OGC API – Features routes are mounted; GDAL opens `OAPIF:http://host:port/ogc`. */
export const OGC_PREFIX = '/ogc';

/**
 * Method, URL (relative to OGC_PREFIX) and token scope of every OGC route, for the authorisation
 * table (src/server/authz.ts): all are readable by anyone, record visibility applying per item.
 * The landing page is served at the prefix and, as a second route, with a trailing slash (`/ogc/`,
 * which OWSLib requests); the table's lookup (authz.ruleFor) reads both by the rule of `/ogc`.
 */
export const OGC_ROUTES: readonly { readonly method: 'GET'; readonly url: string; readonly scope?: Scope }[] = [
  { method: 'GET', url: '' },
  { method: 'GET', url: '/conformance' },
  { method: 'GET', url: '/collections' },
  { method: 'GET', url: '/collections/:collectionId' },
  { method: 'GET', url: '/collections/:collectionId/items', scope: 'observations:read' },
  { method: 'GET', url: '/collections/:collectionId/items/:featureId', scope: 'observations:read' },
];
