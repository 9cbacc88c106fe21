/**
 * De-confliction notices: a party announces a legitimate activity (a rotation, an exercise,
 * demining, a repair) in an area and a time window before a monitor mistakes it for a breach.
 *
 *   {"id":"ntc-ua-0012","party":"ua","kind":"demining","purpose":"clear the N-20 verge",
 *    "area":[[[37.70,48.40],[37.76,48.40],[37.76,48.44],[37.70,48.44],[37.70,48.40]]],
 *    "window":{"from":"2026-03-02T06:00:00Z","to":"2026-03-02T16:00:00Z"},
 *    "filedAt":"2026-02-27T10:00:00Z"}
 *
 * The area is a polygon of [lon, lat] rings (RFC 7946 §3.1.6), outer ring first.
 */
import { z } from 'zod';
import { polygonSchema } from '../agreement/index.js';
import { toFieldIssues } from '../agreement/issues.js';
import { validationError } from '../errors.js';
import { parseInstant } from '../observation/time.js';

export const NOTICE_KINDS = ['rotation', 'exercise', 'demining', 'infrastructure_repair'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * Who besides the filing party and the mission sees a notice: `mission` nobody else, `parties`
 * the other party's liaison and the guarantors too, `public` everyone. Default `parties`.
 */
export const NOTICE_VISIBILITIES = ['mission', 'parties', 'public'] as const;
export type NoticeVisibility = (typeof NOTICE_VISIBILITIES)[number];

/** Epoch ms of an instant already checked by the schema. */
export function instantMs(text: string): number {
  const parsed = parseInstant(text);
  if (!parsed.ok) throw new Error(`unchecked instant ${text}: ${parsed.reason}`);
  return parsed.instant.epochMs;
}

export const instantSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseInstant(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

/** A time window, `from` strictly before `to`. */
export const windowSchema = z
  .strictObject({ from: instantSchema, to: instantSchema })
  .superRefine((w, ctx) => {
    const from = parseInstant(w.from);
    const to = parseInstant(w.to);
    if (from.ok && to.ok && to.instant.epochMs <= from.instant.epochMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `${w.to} is not after from ${w.from}`,
      });
    }
  });

const id = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

export const noticeSchema = z
  .strictObject({
    id,
    /** The announcing party's id in the agreement. */
    party: id,
    kind: z.enum(NOTICE_KINDS),
    purpose: z.string().trim().min(1),
    area: polygonSchema,
    window: windowSchema,
    /** When the party filed it; measured against the agreement's notification lead times. */
    filedAt: instantSchema,
    visibility: z.enum(NOTICE_VISIBILITIES).optional(),
    /** Troops and pieces of equipment involved, where a notification duty has thresholds. */
    troops: z.number().int().nonnegative().optional(),
    equipment: z.number().int().nonnegative().optional(),
  })
  .superRefine((n, ctx) => {
    const filed = parseInstant(n.filedAt);
    const to = parseInstant(n.window.to);
    if (filed.ok && to.ok && filed.instant.epochMs >= to.instant.epochMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['filedAt'],
        message: `${n.filedAt} is not before the end of the window ${n.window.to}; a notice announces, it does not excuse after the fact`,
      });
    }
  });

export type Notice = z.infer<typeof noticeSchema>;
export type NoticeWindow = z.infer<typeof windowSchema>;

/**
 * Parses and validates a notice (already JSON-decoded).
 * @throws TrucelineError VALIDATION naming each wrong field, e.g. `window.to: … is not after from …`.
 */
export function parseNotice(json: unknown): Notice {
  const result = noticeSchema.safeParse(json);
  if (!result.success) throw validationError(toFieldIssues(result.error.issues, json), 'notice');
  return result.data;
}
