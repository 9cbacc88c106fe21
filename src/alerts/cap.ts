/**
 * Alerts as CAP 1.2 (OASIS Common Alerting Protocol, Version 1.2, 2010), valid against the OASIS
 * schema kept in standards/CAP-v1.2.xsd. What the schema does not check and CAP still requires is
 * checked here: identifiers without spaces, commas, `<` or `&` (§3.2.1); times with a numeric
 * offset and no fraction (§3.3.2: `2026-03-01T18:40:00+00:00`, never `Z`); polygons as closed
 * rings of at least four `lat,lon` pairs (§3.2.4 — latitude first, the reverse of GeoJSON);
 * circles as `lat,lon radiusKm`. Element order follows the schema's sequences.
 *
 * This module knows CAP only; cap-alert.ts maps Truceline's alerts and warnings onto it.
 */
import { validationError, type FieldIssue } from '../domain/errors.js';
import type { LonLat, Ring } from '../domain/units.js';
import { element, indent } from './xml.js';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export type CapStatus = 'Actual' | 'Exercise' | 'System' | 'Test' | 'Draft';
export type CapMsgType = 'Alert' | 'Update' | 'Cancel' | 'Ack' | 'Error';
export type CapScope = 'Public' | 'Restricted' | 'Private';
export type CapUrgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type CapCertainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';

export interface CapArea {
  readonly areaDesc: string;
  /** Outer rings in GeoJSON order ([lon, lat]), closed; written as CAP `lat,lon` pairs. */
  readonly polygons?: readonly Ring[];
  readonly circles?: readonly { readonly center: LonLat; readonly radiusKm: number }[];
}

export interface CapValue {
  readonly valueName: string;
  readonly value: string;
}

export interface CapInfo {
  readonly language?: string;
  readonly category: readonly ('Security' | 'Safety' | 'Other')[];
  readonly event: string;
  readonly urgency: CapUrgency;
  readonly severity: CapSeverity;
  readonly certainty: CapCertainty;
  readonly eventCodes?: readonly CapValue[];
  readonly effectiveMs?: number;
  readonly expiresMs?: number;
  readonly senderName?: string;
  readonly headline?: string;
  readonly description?: string;
  readonly instruction?: string;
  readonly web?: string;
  readonly contact?: string;
  readonly parameters?: readonly CapValue[];
  readonly areas?: readonly CapArea[];
}

/** One CAP message, in CAP's own terms; `renderCap` writes it. */
export interface CapMessage {
  readonly identifier: string;
  readonly sender: string;
  readonly sentMs: number;
  readonly status: CapStatus;
  readonly msgType: CapMsgType;
  readonly scope: CapScope;
  /** Required with scope Restricted. */
  readonly restriction?: string;
  /** Required with scope Private: recipients, space-separated in the output (quoted if they hold spaces). */
  readonly addresses?: readonly string[];
  readonly note?: string;
  /** Earlier messages referred to, as `sender,identifier,sent` triples. */
  readonly references?: readonly {
    readonly sender: string;
    readonly identifier: string;
    readonly sentMs: number;
  }[];
  readonly incidents?: readonly string[];
  readonly info: readonly CapInfo[];
}

/** A CAP time: `YYYY-MM-DDThh:mm:ss+00:00` (UTC, seconds, numeric offset). */
export function capTime(ms: number): string {
  if (!Number.isFinite(ms))
    throw validationError([{ path: 'time', reason: `not a finite epoch ms: ${ms}` }], 'CAP time');
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

const coordinate = (x: number) => String(Number(x.toFixed(6)));
/** A CAP polygon string from a GeoJSON ring: `lat,lon lat,lon …`. */
export function capPolygon(ring: Ring): string {
  return ring.map(([lon, lat]) => `${coordinate(lat)},${coordinate(lon)}`).join(' ');
}
/** A CAP circle string: `lat,lon radiusKm`. */
export function capCircle(center: LonLat, radiusKm: number): string {
  return `${coordinate(center[1])},${coordinate(center[0])} ${String(Number(radiusKm.toFixed(3)))}`;
}

/** CAP §3.2.1: identifiers and senders hold no spaces, commas, `<` or `&`. */
const CAP_TOKEN = /^[^\s,<&]+$/;
/** Percent-encodes what a CAP identifier may not contain (and `%` itself), leaving the rest. */
export function capIdentifier(id: string): string {
  return id.replace(
    /[\s,<&%]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function checkMessage(m: CapMessage): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!CAP_TOKEN.test(m.identifier))
    issues.push({
      path: 'identifier',
      reason: `must be non-empty without spaces, commas, < or &: ${JSON.stringify(m.identifier)}`,
    });
  if (!CAP_TOKEN.test(m.sender))
    issues.push({
      path: 'sender',
      reason: `must be non-empty without spaces, commas, < or &: ${JSON.stringify(m.sender)}`,
    });
  if (m.scope === 'Restricted' && !m.restriction)
    issues.push({ path: 'restriction', reason: 'is required with scope Restricted' });
  if (m.scope === 'Private' && !(m.addresses && m.addresses.length > 0))
    issues.push({ path: 'addresses', reason: 'are required with scope Private' });
  m.info.forEach((info, i) => {
    if (info.category.length === 0)
      issues.push({ path: `info[${i}].category`, reason: 'needs at least one category' });
    (info.areas ?? []).forEach((area, j) => {
      (area.polygons ?? []).forEach((ring, k) => {
        const path = `info[${i}].areas[${j}].polygons[${k}]`;
        const first = ring[0];
        const last = ring[ring.length - 1];
        if (ring.length < 4)
          issues.push({
            path,
            reason: `a CAP polygon needs at least 4 points (first repeated last), got ${ring.length}`,
          });
        else if (!first || !last || first[0] !== last[0] || first[1] !== last[1])
          issues.push({ path, reason: 'is not closed: the first point must equal the last' });
        for (const [lon, lat] of ring) {
          if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180))
            issues.push({ path, reason: `position [${lon}, ${lat}] is not [lon, lat] in WGS84` });
        }
      });
      (area.circles ?? []).forEach((c, k) => {
        const [lon, lat] = c.center;
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) || !(c.radiusKm >= 0)) {
          issues.push({
            path: `info[${i}].areas[${j}].circles[${k}]`,
            reason: `needs a [lon, lat] centre and a radius ≥ 0 km, got [${lon}, ${lat}] ${c.radiusKm}`,
          });
        }
      });
    });
  });
  return issues;
}

const valuePair = (name: string, v: CapValue) => [
  `<${name}>`,
  `  ${element('valueName', v.valueName)}`,
  `  ${element('value', v.value)}`,
  `</${name}>`,
];
const quoteAddress = (a: string) => (/\s/.test(a) ? `"${a.replace(/"/g, "'")}"` : a);

function renderInfo(info: CapInfo): string[] {
  const lines: string[] = [];
  const opt = (name: string, v: string | undefined) =>
    v !== undefined && lines.push(element(name, v));
  opt('language', info.language);
  for (const c of info.category) lines.push(element('category', c));
  lines.push(
    element('event', info.event),
    element('urgency', info.urgency),
    element('severity', info.severity),
    element('certainty', info.certainty),
  );
  for (const code of info.eventCodes ?? []) lines.push(...valuePair('eventCode', code));
  opt('effective', info.effectiveMs === undefined ? undefined : capTime(info.effectiveMs));
  opt('expires', info.expiresMs === undefined ? undefined : capTime(info.expiresMs));
  opt('senderName', info.senderName);
  opt('headline', info.headline);
  opt('description', info.description);
  opt('instruction', info.instruction);
  opt('web', info.web);
  opt('contact', info.contact);
  for (const p of info.parameters ?? []) lines.push(...valuePair('parameter', p));
  for (const area of info.areas ?? []) {
    lines.push('<area>', `  ${element('areaDesc', area.areaDesc)}`);
    for (const ring of area.polygons ?? []) lines.push(`  ${element('polygon', capPolygon(ring))}`);
    for (const c of area.circles ?? [])
      lines.push(`  ${element('circle', capCircle(c.center, c.radiusKm))}`);
    lines.push('</area>');
  }
  return ['<info>', ...indent(lines), '</info>'];
}

/**
 * The CAP 1.2 XML of a message. Throws VALIDATION naming every field CAP would reject that the
 * schema cannot see (identifier characters, unclosed polygons, missing addresses).
 */
export function renderCap(m: CapMessage): string {
  const issues = checkMessage(m);
  if (issues.length > 0) throw validationError(issues, 'CAP message');
  const lines: string[] = [
    element('identifier', m.identifier),
    element('sender', m.sender),
    element('sent', capTime(m.sentMs)),
  ];
  lines.push(element('status', m.status), element('msgType', m.msgType), element('scope', m.scope));
  if (m.restriction !== undefined) lines.push(element('restriction', m.restriction));
  if (m.addresses?.length)
    lines.push(element('addresses', m.addresses.map(quoteAddress).join(' ')));
  if (m.note !== undefined) lines.push(element('note', m.note));
  if (m.references?.length)
    lines.push(
      element(
        'references',
        m.references.map((r) => `${r.sender},${r.identifier},${capTime(r.sentMs)}`).join(' '),
      ),
    );
  if (m.incidents?.length)
    lines.push(element('incidents', m.incidents.map(capIdentifier).join(' ')));
  for (const info of m.info) lines.push(...renderInfo(info));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_NAMESPACE}">\n${indent(lines).join('\n')}\n</alert>\n`;
}
