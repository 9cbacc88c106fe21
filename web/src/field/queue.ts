/**
 * The outbox of field reports: what state each report is in, and how the server's answer or a
 * failed request moves it on. Pure (no IndexedDB, no fetch): src/field/outbox-db.ts keeps the
 * records, src/field/sync.ts sends them, and the unit tests drive this state machine in Node.
 *
 *   queued ──send──▶ sending ──answer──▶ stored | duplicate | conflict | rejected
 *      ▲                │
 *      └──network error─┘ (with the next attempt backed off: 5 s, 10 s, 20 s … up to 5 min)
 *
 * A report keeps its id from the moment it is filed, so sending it again after a lost answer is
 * harmless: the server answers `duplicate`. Photos are uploaded after their report is stored
 * (or found a duplicate): each photo is pending → uploaded | failed.
 */

export type ReportState = 'queued' | 'sending' | 'stored' | 'duplicate' | 'conflict' | 'rejected';
export type PhotoState = 'pending' | 'uploaded' | 'failed';

export interface QueueIssue {
  readonly path: string;
  readonly reason: string;
}

export interface QueuedPhoto {
  /** Key of its Blob in the photo store. */
  readonly key: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
  readonly sha256: string;
  readonly state: PhotoState;
  readonly error?: string;
}

export interface QueuedReport {
  readonly id: string;
  readonly observation: Record<string, unknown>;
  readonly createdMs: number;
  readonly state: ReportState;
  readonly issues: readonly QueueIssue[];
  /** Failed attempts in a row (network or server trouble), for the backoff. */
  readonly attempts: number;
  /** Not sent again before this instant (ms). */
  readonly nextAttemptMs: number;
  /** What went wrong last time, when it did not reach an answer. */
  readonly lastError?: string;
  readonly photos: readonly QueuedPhoto[];
}

/** One per-item answer of POST /api/v1/observations. */
export interface ItemAnswer {
  readonly id: string | null;
  readonly status: 'stored' | 'duplicate' | 'conflict' | 'rejected' | 'skipped';
  readonly issues?: readonly QueueIssue[];
}

export const BACKOFF = { baseMs: 5_000, maxMs: 5 * 60_000 } as const;

/** States in which a report still waits for the server's word. */
export function isPending(r: QueuedReport): boolean {
  return r.state === 'queued' || r.state === 'sending';
}

/** States whose report reached the server's ledger: its photos may follow. */
export function isFiled(r: QueuedReport): boolean {
  return r.state === 'stored' || r.state === 'duplicate';
}

export function newReport(
  observation: Record<string, unknown> & { id: string },
  photos: readonly QueuedPhoto[],
  nowMs: number,
): QueuedReport {
  return {
    id: observation.id,
    observation,
    createdMs: nowMs,
    state: 'queued',
    issues: [],
    attempts: 0,
    nextAttemptMs: nowMs,
    photos,
  };
}

/** The delay before attempt `attempts + 1`: doubling from BACKOFF.baseMs, capped at maxMs. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Reports to send now: queued and due, oldest first. `force` (the "sync now" button, or the
 * network coming back) ignores the backoff.
 */
export function dueReports(
  reports: readonly QueuedReport[],
  nowMs: number,
  force = false,
): QueuedReport[] {
  return reports
    .filter((r) => r.state === 'queued' && (force || r.nextAttemptMs <= nowMs))
    .sort((a, b) => a.createdMs - b.createdMs);
}

/** Reports filed whose photos still wait for upload. */
export function photosDue(reports: readonly QueuedReport[]): QueuedReport[] {
  return reports.filter((r) => isFiled(r) && r.photos.some((p) => p.state === 'pending'));
}

export function markSending(r: QueuedReport): QueuedReport {
  return r.state === 'queued' ? { ...r, state: 'sending' } : r;
}

/** The request did not get an answer (offline, timeout, 5xx, 401): back to the queue, later. */
export function markFailed(r: QueuedReport, nowMs: number, error: string): QueuedReport {
  if (r.state !== 'sending' && r.state !== 'queued') return r;
  const attempts = r.attempts + 1;
  return {
    ...r,
    state: 'queued',
    attempts,
    nextAttemptMs: nowMs + backoffMs(attempts),
    lastError: error,
  };
}

/** The server's answer for this report. `skipped` (never sent by the server) leaves it queued. */
export function applyAnswer(r: QueuedReport, a: ItemAnswer, nowMs: number): QueuedReport {
  if (a.status === 'skipped') return markFailed(r, nowMs, 'skipped');
  const { lastError: _dropped, ...rest } = r;
  return { ...rest, state: a.status, issues: a.issues ?? [], attempts: 0, nextAttemptMs: nowMs };
}

/**
 * Reports left `sending` when the app closed mid-request: they go back to the queue at start
 * (their answer, if the server sent one, is lost; the resend is answered `duplicate`).
 */
export function recoverInterrupted(r: QueuedReport): QueuedReport {
  return r.state === 'sending' ? { ...r, state: 'queued' } : r;
}

/** Send a filed report once more (to check it is there): it is answered `duplicate`. */
export function requeue(r: QueuedReport, nowMs: number): QueuedReport {
  return r.state === 'sending'
    ? r
    : { ...r, state: 'queued', issues: [], attempts: 0, nextAttemptMs: nowMs };
}

export function setPhoto(
  r: QueuedReport,
  key: string,
  state: PhotoState,
  error?: string,
): QueuedReport {
  return {
    ...r,
    photos: r.photos.map((p) =>
      p.key === key ? { ...p, state, ...(error === undefined ? {} : { error }) } : p,
    ),
  };
}

/**
 * Matches the answers of one batch to its reports. The server answers in request order with
 * each item's id; an answer whose id does not match its report is not trusted for that report.
 */
export function answersFor(
  sent: readonly QueuedReport[],
  results: readonly ItemAnswer[],
  nowMs: number,
): QueuedReport[] {
  return sent.map((r, i) => {
    const a = results[i];
    return a && a.id === r.id ? applyAnswer(r, a, nowMs) : markFailed(r, nowMs, 'no answer');
  });
}

/** Counts by state, for the header line. */
export function countByState(reports: readonly QueuedReport[]): Record<ReportState, number> {
  const c: Record<ReportState, number> = {
    queued: 0,
    sending: 0,
    stored: 0,
    duplicate: 0,
    conflict: 0,
    rejected: 0,
  };
  for (const r of reports) c[r.state]++;
  return c;
}
