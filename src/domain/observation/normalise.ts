/**
 * The canonical form of an observation, for idempotency (docs/ARCHITECTURE.md: "the same id twice
 * is one observation, a different body under a known id is a conflict").
 *
 * Two bodies are the same observation iff `canonicalObservationJson` of each is identical, i.e.
 * the RFC 8785 canonical JSON of their normalised forms. Normalising removes only differences of
 * spelling, never of meaning:
 * - key order and absent-vs-undefined optional fields (RFC 8785 sorts keys; undefined is dropped);
 * - instants are rewritten in UTC with `Z` and without trailing fraction zeros
 *   (`2026-03-01T20:40:00.500+02:00` → `2026-03-01T18:40:00.5Z`), and a window whose from and to
 *   are the same instant becomes that instant (types.ts: an instant is a window with from === to);
 * - `visibility` absent is `mission`, its documented default;
 * - an empty `evidence` array is the same as none; `sha256` and `mediaType` are lower-cased
 *   (hex and media types are case-insensitive; validation already insists on lower-case hex);
 * - `lang` gets BCP 47 case (`EN-gb` → `en-GB`, `sr-latn` → `sr-Latn`);
 * - `text` is put in Unicode NFC, so the same words typed on two keyboards compare equal.
 * Evidence order is kept: it is the order the reporter gave. Numbers compare as numbers (3 and
 * 3.0 are one JSON value). Keys outside the format are dropped.
 *
 * Precondition: `o` passed `validateObservation`; on other input the result is best effort.
 */
import { canonicalJson } from '../canonical-json.js';
import type { Observation, TimeWindow } from './types.js';
import { parseInstant } from './time.js';

export function normaliseObservation(o: Observation): Observation {
  const evidence = o.evidence?.map((e) => ({
    sha256: e.sha256.toLowerCase(),
    ...(e.mediaType !== undefined && { mediaType: e.mediaType.toLowerCase() }),
  }));
  return dropUndefined({
    id: o.id,
    source: dropUndefined({ ...o.source }),
    observedAt: normaliseObservedAt(o.observedAt),
    location: o.location && {
      lat: o.location.lat,
      lon: o.location.lon,
      radiusM: o.location.radiusM,
    },
    observer:
      o.observer &&
      dropUndefined({ lat: o.observer.lat, lon: o.observer.lon, accuracyM: o.observer.accuracyM }),
    bearing: o.bearing && { fromDeg: o.bearing.fromDeg, toDeg: o.bearing.toDeg },
    distanceKm: o.distanceKm && { min: o.distanceKm.min, max: o.distanceKm.max },
    event: o.event,
    count: o.count,
    weapon: o.weapon,
    calibreMm: o.calibreMm,
    direction: o.direction,
    text: o.text?.normalize('NFC'),
    lang: o.lang === undefined ? undefined : canonicalLangCase(o.lang),
    visibility: o.visibility ?? 'mission',
    evidence: evidence !== undefined && evidence.length > 0 ? evidence : undefined,
    restriction:
      o.restriction && dropUndefined({ kind: o.restriction.kind, party: o.restriction.party }),
  }) as Observation;
}

/** RFC 8785 canonical JSON of the normalised observation: the idempotency key's body. */
export function canonicalObservationJson(o: Observation): string {
  return canonicalJson(normaliseObservation(o));
}

/** True iff `a` and `b` are the same observation in the sense above. */
export function sameObservation(a: Observation, b: Observation): boolean {
  return canonicalObservationJson(a) === canonicalObservationJson(b);
}

function normaliseObservedAt(at: string | TimeWindow): string | TimeWindow {
  if (typeof at === 'string') return canonicalInstant(at);
  const from = canonicalInstant(at.from);
  const to = canonicalInstant(at.to);
  return from === to ? from : { from, to };
}

function canonicalInstant(text: string): string {
  const parsed = parseInstant(text);
  return parsed.ok ? parsed.instant.canonical : text;
}

/** BCP 47 §2.1.1 case conventions: language lower, script title, region upper, rest lower. */
function canonicalLangCase(tag: string): string {
  return tag
    .split('-')
    .map((part, i) => {
      if (i === 0) return part.toLowerCase();
      if (part.length === 4 && /^[A-Za-z]+$/.test(part))
        return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      if (part.length === 2 && /^[A-Za-z]+$/.test(part)) return part.toUpperCase();
      return part.toLowerCase();
    })
    .join('-');
}

function dropUndefined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'number' && Object.is(v, -0) ? 0 : v;
  }
  return out as T;
}
