/**
 * The observation exchange format (docs/ARCHITECTURE.md, "Exchange formats") as a zod 4 schema.
 *
 * Every field rule lives here, with the limits in OBSERVATION_LIMITS, and the cross-field rules of
 * ./consistency.ts run even when single fields fail, so one parse reports every problem. What the
 * schema cannot know is the clock: `validateObservation` adds the "not in the future" rule with
 * the `nowMs` it is given. Objects are strict: an unknown key is an error naming the key, so a
 * misspelt optional field (`distancekm`) is not silently dropped.
 */
import { z } from 'zod';
import { DIRECTIONS, EVENT_KINDS, SOURCE_KINDS, WEAPON_KINDS } from './types.js';
import { consistencyIssues, isRecord } from './consistency.js';
import {
  codePointLength,
  describeValue,
  hasLoneSurrogate,
  oneOfReason,
  typeReason,
} from './reasons.js';
import { compareInstants, formatDuration, parseInstant } from './time.js';

export const OBSERVATION_LIMITS = {
  /** `id`, `source.id`, `source.party`, `restriction.kind`: at most this many characters. */
  idMaxChars: 128,
  textMaxChars: 4000,
  /** `location.radiusM` and `observer.accuracyM`: (0, 500 km]. */
  radiusMaxM: 500_000,
  distanceMaxKm: 100,
  countMax: 10_000,
  calibreMinMm: 5,
  calibreMaxMm: 1000,
  /** An observedAt window may span at most 7 days; longer is a summary, not an observation. */
  windowMaxMs: 7 * 24 * 3600 * 1000,
  /** A bearing sector may span at most 180°; wider says almost nothing about direction. */
  sectorMaxDeg: 180,
  evidenceMax: 100,
  /** `source.clockErrorS`: [0, 1 day]. */
  clockErrorMaxS: 86_400,
} as const;

const L = OBSERVATION_LIMITS;
const ID_CHARS = /^[A-Za-z0-9._:-]+$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const LANG =
  /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*$/;
const MEDIA_TYPE =
  /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

function finite(unit = '') {
  return z.number({ error: (iss) => typeReason(`a finite number${unit}`, iss.input) });
}

/**
 * A finite number in an interval, written as in mathematics: `[0, 360)`, `(0, 500000]`. Built from
 * zod's own bounds so the JSON Schema (OpenAPI) shows minimum/maximum too.
 */
function inRange(
  lo: number,
  hi: number,
  opts: { loOpen?: boolean; hiOpen?: boolean; integer?: boolean; unit?: string } = {},
) {
  const interval = `${opts.loOpen ? '(' : '['}${lo}, ${hi}${opts.hiOpen ? ')' : ']'}${opts.unit ? ` ${opts.unit}` : ''}`;
  const error = (iss: { input?: unknown }) =>
    `must be ${opts.integer ? 'an integer ' : ''}in ${interval}, got ${describeValue(iss.input)}`;
  let n = finite();
  if (opts.integer) n = n.int({ error });
  n = opts.loOpen ? n.gt(lo, { error }) : n.gte(lo, { error });
  return opts.hiOpen ? n.lt(hi, { error }) : n.lte(hi, { error });
}

/** A non-empty string of at most `max` code points, without control characters or lone surrogates. */
function text(max: number, opts: { idChars?: boolean; allowControl?: boolean } = {}) {
  // JSON Schema counts maxLength in code points, as this check does; zod's .max() would count UTF-16 units.
  const documented = {
    minLength: 1,
    maxLength: max,
    ...(opts.idChars && { pattern: ID_CHARS.source }),
  };
  return z
    .string({ error: (iss) => typeReason('a string', iss.input) })
    .meta(documented)
    .superRefine((s, ctx) => {
      const fail = (message: string) => ctx.addIssue({ code: 'custom', message });
      const length = codePointLength(s);
      if (s.length === 0) return fail('must not be empty');
      if (length > max) return fail(`must be at most ${max} characters, got ${length}`);
      if (hasLoneSurrogate(s))
        return fail('contains an unpaired UTF-16 surrogate; not valid Unicode text');
      if (opts.idChars && !ID_CHARS.test(s)) {
        const bad = [...s].find((c) => !ID_CHARS.test(c)) ?? '';
        return fail(
          `may contain only A-Z a-z 0-9 . _ : -, got ${describeValue(bad)} in ${describeValue(s)}`,
        );
      }
      if (!opts.allowControl && CONTROL.test(s)) return fail('must not contain control characters');
    });
}

function oneOf<const T extends readonly [string, ...string[]]>(what: string, tokens: T) {
  return z.enum(tokens, { error: (iss) => oneOfReason(what, tokens, iss.input) });
}

/** A strict object: a wrong type or an unknown key is reported with the keys that are allowed. */
function strictObject<S extends z.core.$ZodLooseShape>(shape: S, what: string) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown field ${iss.keys.map((k) => describeValue(k)).join(', ')}; allowed: ${allowed}`
        : typeReason(`an object ${what}`, iss.input),
  });
}

const instantSchema = z
  .string({ error: (iss) => typeReason('an ISO 8601 instant string', iss.input) })
  .meta({
    format: 'date-time',
    description: 'ISO 8601 instant with Z or an offset, e.g. 2026-03-01T18:40:00Z',
  })
  .superRefine((s, ctx) => {
    const parsed = parseInstant(s);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  });

const windowSchema = strictObject(
  { from: instantSchema, to: instantSchema },
  '{from, to}',
).superRefine((w, ctx) => {
  const from = parseInstant(w.from);
  const to = parseInstant(w.to);
  if (!from.ok || !to.ok) return;
  if (compareInstants(from.instant, to.instant) > 0) {
    ctx.addIssue({ code: 'custom', message: `from ${w.from} must be ≤ to ${w.to}` });
  } else if (to.instant.epochMs - from.instant.epochMs > L.windowMaxMs) {
    const span = formatDuration(to.instant.epochMs - from.instant.epochMs);
    ctx.addIssue({
      code: 'custom',
      message: `window of ${span} is longer than the 7-day maximum; narrow it or split the report`,
    });
  }
});

/** An instant string, or a window {from, to} with from ≤ to spanning at most 7 days. */
export const observedAtSchema = z.union([instantSchema, windowSchema], {
  error: (iss) => typeReason('an ISO 8601 instant string or a window {from, to}', iss.input),
});

const latitude = inRange(-90, 90);
const longitude = inRange(-180, 180);
const degreesSchema = inRange(0, 360, { hiOpen: true });

const bearingSchema = strictObject(
  { fromDeg: degreesSchema, toDeg: degreesSchema },
  '{fromDeg, toDeg}',
).superRefine((b, ctx) => {
  if (!(b.fromDeg >= 0 && b.fromDeg < 360 && b.toDeg >= 0 && b.toDeg < 360)) return;
  const width = (((b.toDeg - b.fromDeg) % 360) + 360) % 360;
  if (width > L.sectorMaxDeg) {
    const wraps = b.toDeg < b.fromDeg ? ' (wrapping through north, since toDeg < fromDeg)' : '';
    ctx.addIssue({
      code: 'custom',
      message: `sector from ${b.fromDeg}° clockwise to ${b.toDeg}° spans ${width}°${wraps}; sectors wider than ${L.sectorMaxDeg}° say almost nothing about direction and usually mean fromDeg and toDeg were swapped`,
    });
  }
});

const distanceSchema = strictObject(
  {
    min: inRange(0, L.distanceMaxKm, { unit: 'km' }),
    max: inRange(0, L.distanceMaxKm, { loOpen: true, unit: 'km' }),
  },
  '{min, max}',
).superRefine((d, ctx) => {
  if (d.min > d.max)
    ctx.addIssue({ code: 'custom', message: `min ${d.min} must be ≤ max ${d.max}` });
});

const radius = inRange(0, L.radiusMaxM, { loOpen: true, unit: 'm' });

const sha256Schema = z
  .string({ error: (iss) => typeReason('a string of 64 lower-case hex digits', iss.input) })
  .meta({ pattern: '^[0-9a-f]{64}$' })
  .superRefine((s, ctx) => {
    if (/^[0-9a-f]{64}$/.test(s)) return;
    const message = /^[0-9a-fA-F]{64}$/.test(s)
      ? 'must be lower-case hex; upper-case digits are not accepted, so one file has one spelling'
      : /^[0-9a-fA-F]*$/.test(s)
        ? `must be 64 hex digits (a SHA-256), got ${s.length}`
        : `must be 64 lower-case hex digits (a SHA-256), got ${describeValue(s)}`;
    ctx.addIssue({ code: 'custom', message });
  });

const evidenceItemSchema = strictObject(
  {
    sha256: sha256Schema,
    mediaType: z
      .string({ error: (iss) => typeReason('a media type string', iss.input) })
      .regex(MEDIA_TYPE, {
        error: (iss) =>
          `must be a media type type/subtype without parameters, such as image/jpeg; got ${describeValue(iss.input)}`,
      })
      .optional(),
  },
  '{sha256, mediaType}',
);

const evidenceSchema = z
  .array(evidenceItemSchema, {
    error: (iss) => typeReason('an array of {sha256, mediaType}', iss.input),
  })
  .superRefine(
    (items, ctx) => {
      if (items.length > L.evidenceMax) {
        ctx.addIssue({
          code: 'custom',
          message: `must list at most ${L.evidenceMax} items, got ${items.length}`,
        });
      }
      const seen = new Map<string, number>();
      items.forEach((item, i) => {
        if (!isRecord(item) || typeof item.sha256 !== 'string') return;
        const first = seen.get(item.sha256);
        if (first === undefined) seen.set(item.sha256, i);
        else
          ctx.addIssue({
            code: 'custom',
            path: [i, 'sha256'],
            message: `duplicates evidence[${first}].sha256`,
          });
      });
    },
    { when: (p) => Array.isArray(p.value) },
  );

const sourceSchema = strictObject(
  {
    kind: oneOf('source kind', SOURCE_KINDS),
    id: text(L.idMaxChars),
    party: text(L.idMaxChars, { idChars: true }).optional(),
    clockErrorS: inRange(0, L.clockErrorMaxS, { unit: 's' }).optional(),
  },
  '{kind, id}',
);

const shape = {
  id: text(L.idMaxChars, { idChars: true }),
  source: sourceSchema,
  observedAt: observedAtSchema,
  location: strictObject(
    { lat: latitude, lon: longitude, radiusM: radius },
    '{lat, lon, radiusM}',
  ).optional(),
  observer: strictObject(
    { lat: latitude, lon: longitude, accuracyM: radius.optional() },
    '{lat, lon, accuracyM}',
  ).optional(),
  bearing: bearingSchema.optional(),
  distanceKm: distanceSchema.optional(),
  event: oneOf('event', EVENT_KINDS),
  count: inRange(1, L.countMax, { integer: true }),
  weapon: oneOf('weapon', WEAPON_KINDS),
  calibreMm: inRange(L.calibreMinMm, L.calibreMaxMm, { unit: 'mm' }).optional(),
  direction: oneOf('direction', DIRECTIONS),
  text: text(L.textMaxChars, { allowControl: true }).optional(),
  lang: z
    .string({ error: (iss) => typeReason('a BCP 47 language tag', iss.input) })
    .max(35, { error: 'must be a BCP 47 language tag of at most 35 characters' })
    .regex(LANG, {
      error: (iss) =>
        `must be a BCP 47 language tag such as en, uk, ru, en-GB, sr-Latn; got ${describeValue(iss.input)}`,
    })
    .optional(),
  visibility: oneOf('visibility', ['public', 'mission', 'party-confidential'] as const).optional(),
  evidence: evidenceSchema.optional(),
  restriction: strictObject(
    { kind: text(L.idMaxChars), party: text(L.idMaxChars, { idChars: true }).optional() },
    '{kind, party}',
  ).optional(),
};

/** Field names of the exchange format, in the order the documentation writes them. */
export const OBSERVATION_FIELDS = Object.keys(shape) as readonly (keyof typeof shape)[];

/**
 * The whole observation, minus the clock rule. Cross-field rules run on any object input (the
 * `when` below) so they are reported alongside field errors.
 */
export const observationSchema = strictObject(shape, '(an observation)').superRefine(
  (value, ctx) => {
    for (const issue of consistencyIssues(value as unknown as Record<string, unknown>)) {
      ctx.addIssue({ code: 'custom', path: [...issue.path], message: issue.reason });
    }
  },
  { when: (p) => isRecord(p.value) },
);

export type ObservationInput = z.input<typeof observationSchema>;
