/**
 * The OGC API – Features Part 1 documents that are not features: the landing page (OGC 17-069r4
 * §7.2), the conformance declaration (§7.4) and the collection descriptions (§7.13, §7.14).
 * Pure: a base URL and the collections' facts in, JSON values out. Links are absolute, since
 * clients (GDAL among them) follow them as given.
 */
import type { Bbox } from './geometry.js';

export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
/** Our OpenAPI document (src/server/openapi.ts) is version 3.1, so OGC's oas30 class is not claimed. */
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.1';
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const CONFORMANCE_CLASSES = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
] as const;

export interface Link {
  readonly href: string;
  readonly rel: string;
  readonly type?: string;
  readonly title?: string;
}

export interface CollectionFacts {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly bbox: Bbox;
  /** ISO instants or null for an open end. */
  readonly interval: readonly [string | null, string | null];
}

export function landingPage(base: string, docs: { json: string; html: string }) {
  return {
    title: 'Truceline OGC API – Features',
    description:
      'Ceasefire monitoring data as OGC API – Features (Part 1, Core, GeoJSON): observations visible to the caller, the line of contact and the zones of the agreement.',
    links: [
      { href: `${base}`, rel: 'self', type: JSON_TYPE, title: 'This document' },
      { href: docs.json, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition (OpenAPI 3.1)' },
      { href: docs.html, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
      { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes implemented' },
      { href: `${base}/conformance`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/conformance', type: JSON_TYPE },
      { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'The feature collections' },
      { href: `${base}/collections`, rel: 'http://www.opengis.net/def/rel/ogc/1.0/data', type: JSON_TYPE },
    ] satisfies Link[],
  };
}

export function conformance() {
  return { conformsTo: [...CONFORMANCE_CLASSES] };
}

export function collectionDocument(base: string, c: CollectionFacts) {
  const self = `${base}/collections/${c.id}`;
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    itemType: 'feature',
    crs: [CRS84],
    storageCrs: CRS84,
    extent: {
      spatial: { bbox: [c.bbox], crs: CRS84 },
      temporal: { interval: [[c.interval[0], c.interval[1]]], trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian' },
    },
    links: [
      { href: self, rel: 'self', type: JSON_TYPE, title: c.title },
      { href: `${self}/items`, rel: 'items', type: GEOJSON, title: `${c.title} (GeoJSON)` },
    ] satisfies Link[],
  };
}

export function collectionsDocument(base: string, collections: readonly CollectionFacts[]) {
  return {
    links: [{ href: `${base}/collections`, rel: 'self', type: JSON_TYPE, title: 'The feature collections' }] satisfies Link[],
    collections: collections.map((c) => collectionDocument(base, c)),
  };
}
