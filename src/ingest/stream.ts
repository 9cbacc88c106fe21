/**
 * The JetStream layout of sensor intake: one stream of signed gateway batches, one subject per
 * device (`<prefix>.<deviceId>`), and a second stream where the ingest parks what it cannot use.
 *
 * Why these limits. The observation stream is a buffer between gateways in the field and the
 * mission's store, kept on disk so a restart of the NATS server loses nothing. It keeps batches
 * for `maxAgeMs` (default 7 days) or until `maxBytes` (default 1 GiB), whichever comes first, and a
 * full stream refuses new batches (discard "new") instead of dropping the oldest ones unread: a
 * gateway sees the refusal and keeps its data, where dropping old batches would lose observations
 * without anyone knowing. The duplicate window (default 10 minutes) is how long JetStream
 * remembers a batch's `Nats-Msg-Id` (its digest), so a gateway that publishes again after a
 * timeout or a restart does not put the same batch in twice.
 */
import {
  DiscardPolicy,
  nanos,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamInfo,
} from 'nats';

export const DEFAULT_STREAM = 'TRUCELINE_OBSERVATIONS';
export const DEFAULT_SUBJECT_PREFIX = 'truceline.observations';
export const DEFAULT_DURABLE = 'truceline-ingest';
/** Header of a parked message saying why the ingest could not use it. */
export const PARKED_REASON_HEADER = 'Truceline-Parked-Reason';

export interface StreamLayout {
  /** Stream of signed batches. */
  readonly stream: string;
  /** Subjects are `<subjectPrefix>.<deviceId>`. */
  readonly subjectPrefix: string;
}

export interface StreamLimits {
  readonly maxAgeMs?: number;
  readonly maxBytes?: number;
  readonly duplicateWindowMs?: number;
}

const DEFAULT_LIMITS = {
  maxAgeMs: 7 * 24 * 3600_000,
  maxBytes: 1 << 30,
  duplicateWindowMs: 10 * 60_000,
} as const;

export function deviceSubject(layout: StreamLayout, deviceId: string): string {
  return `${layout.subjectPrefix}.${deviceId}`;
}

/** The device a batch subject names, or null when the subject is not `<prefix>.<one token>`. */
export function deviceOfSubject(layout: StreamLayout, subject: string): string | null {
  const head = `${layout.subjectPrefix}.`;
  if (!subject.startsWith(head)) return null;
  const rest = subject.slice(head.length);
  return rest.length > 0 && !rest.includes('.') ? rest : null;
}

/** The parked (dead-letter) stream of a batch stream, and its one subject. */
export function parkedLayout(layout: StreamLayout): { stream: string; subject: string } {
  return { stream: `${layout.stream}_PARKED`, subject: `truceline.parked.${layout.stream}` };
}

function isNotFound(err: unknown): boolean {
  const e = err as { api_error?: { err_code?: number }; code?: string } | null;
  return e?.api_error?.err_code === 10059 || e?.code === '404';
}

/** The batch stream, created with the limits above if it does not exist (an existing one is left as configured). */
export async function ensureBatchStream(
  jsm: JetStreamManager,
  layout: StreamLayout,
  limits: StreamLimits = {},
): Promise<StreamInfo> {
  try {
    return await jsm.streams.info(layout.stream);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const l = { ...DEFAULT_LIMITS, ...limits };
  return jsm.streams.add({
    name: layout.stream,
    subjects: [`${layout.subjectPrefix}.*`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.New,
    max_age: nanos(l.maxAgeMs),
    max_bytes: l.maxBytes,
    duplicate_window: nanos(l.duplicateWindowMs),
  });
}

/**
 * The parked stream: what the ingest set aside, kept 30 days for a person to read and, once the
 * cause is fixed (a device registered, a clock corrected), to publish again.
 */
export async function ensureParkedStream(
  jsm: JetStreamManager,
  layout: StreamLayout,
): Promise<StreamInfo> {
  const parked = parkedLayout(layout);
  try {
    return await jsm.streams.info(parked.stream);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return jsm.streams.add({
    name: parked.stream,
    subjects: [parked.subject],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: nanos(30 * 24 * 3600_000),
    max_bytes: 256 << 20,
  });
}
