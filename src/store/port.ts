/**
 * The store port: the one interface the app reaches storage through. Two adapters implement it
 * (sqlite/, the embedded default; postgres/, for a mission that outgrows one machine), and both
 * must pass the same suite (src/store/port.contract.ts).
 *
 * Writes happen only through `write(fn)`, and inside it only through `tx.record(...)`: each
 * recorded event is applied to the state tables and appended to the ledger in the same
 * transaction. State is the fold of the ledger; `rebuild()` proves it.
 */
import type { LedgerEvent } from '../app/events/event.js';
import type { Attribution, OriginEstimate, ProvisionMatch } from '../domain/assessment/index.js';
import type { Incident } from '../domain/fusion/index.js';
import type { Observation } from '../domain/observation/types.js';
import type { StoredEvidence } from '../domain/evidence/records.js';
import type { DeclarationQuery, NoticeQuery, StoredDeclaration, StoredNotice, StoredSilence } from './deconfliction-records.js';

export interface RecordInput {
  readonly event: LedgerEvent;
  /** A confidential event's leaf is sealed (salted commitment); its content stays in the store. */
  readonly confidential?: boolean;
}

export interface RecordResult {
  /** Ledger index of the first recorded event (0-based). */
  readonly firstIndex: number;
  /** Tree size after the append. */
  readonly size: number;
}

export interface StoredObservation {
  readonly observation: Observation;
  /** SHA-256 hex of the observation's canonical JSON: equal digests mean the same body. */
  readonly digest: string;
  readonly receivedAt: string;
  readonly ledgerIndex: number;
  /** The row's id in this store: rows are numbered in commit order (what fusion follows). */
  readonly rid?: number;
}

/**
 * A duty that exactly one process of a mission may hold at a time (fusion, alert scheduling):
 * `release` gives it up; `lost` resolves if it was taken away (the database connection that
 * held it broke), after which the holder must stop doing the duty.
 */
export interface DutyLease {
  readonly lost: Promise<void>;
  release(): Promise<void>;
}

/** [west, south, east, north] in degrees (RFC 7946 §5). */
export type BBox = readonly [number, number, number, number];

export interface ObservationQuery {
  readonly bbox?: BBox;
  /** ISO instants: observations whose window overlaps [from, to]. */
  readonly from?: string;
  readonly to?: string;
  readonly events?: readonly string[];
  readonly weapons?: readonly string[];
  readonly sourceKinds?: readonly string[];
  /** Visibility filter decided by the caller's authorisation (never trusted from the client). */
  readonly visibleTo?: { readonly party: string | null; readonly mission: boolean };
  /** Opaque cursor from a previous page. */
  readonly cursor?: string;
  readonly limit: number;
}

/**
 * An observation's filter columns (Store.observationColumns): [row id, lon, lat, window from ms,
 * window to ms, event, weapon, source kind, visibility, party or null]; lon/lat are its point.
 */
export type ObservationColumnsRow = readonly [number, number, number, number, number, string, string, string, string, string | null];

/**
 * One incident's filter columns (Store.incidentColumns): [ledger index of its last change (its
 * own event or its workflow's), id, lon, lat, window from ms, window to ms, status, visibility,
 * party or null, attributed party, weapon, event kinds, matched provision ids and kinds].
 */
export type IncidentColumnsRow = readonly [number, string, number, number, number, number, string, string, string | null, string, string, readonly string[], readonly string[]];

/** A page of incident changes after a ledger index (Store.incidentColumns). */
export interface IncidentColumnsPage {
  /** Incidents changed in (after, through], their current columns. */
  readonly changed: readonly IncidentColumnsRow[];
  /** Ids merged into another incident in (after, through]: no longer incidents of their own. */
  readonly absorbed: readonly string[];
  /** The highest ledger index the page covers (the `after` given when the page is empty). */
  readonly through: number;
  /** True when changes past `through` may remain: ask again with after = through. */
  readonly more: boolean;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Where the fire came from, as kept with an incident: the estimate without its region polygon. */
export type OriginSummary = Omit<OriginEstimate, 'region'>;

/** What assessment concluded about an incident when it last changed (src/app/fusion/assess.ts). */
export interface IncidentAssessment {
  /** Null when no report places the firing position (impacts alone give none). */
  readonly origin: OriginSummary | null;
  /** `party` is a party id or 'undetermined'; `confidence` the largest territory share. */
  readonly attribution: Attribution;
  readonly provisions: readonly ProvisionMatch[];
}

/** Verification status; fusion opens incidents as 'reported' (the workflow moves them on). */
export type IncidentStatus = string;

/** Who may see an incident (decided from its members' visibility when it was recorded). */
export type IncidentVisibility = 'public' | 'mission' | 'party-confidential';

export interface StoredIncident {
  readonly incident: Incident;
  readonly assessment: IncidentAssessment;
  readonly status: IncidentStatus;
  readonly visibility: IncidentVisibility;
  /** For 'party-confidential': the one party whose filings it is made of; else null. */
  readonly party: string | null;
  /** Ledger index of the event that last changed it. */
  readonly updatedLedgerIndex: number;
}

/** What the kind of change was, as the ledger event type says: `incident.<kind>`. */
export type IncidentEventKind = 'opened' | 'updated' | 'merged' | 'split';

/**
 * The `data` of an `incident.opened|updated|merged|split` ledger event. Each carries the full
 * snapshot as of the end of the batch that changed it, so an applier upserts it whatever came
 * before; the reason is kept for the record.
 */
export interface IncidentEventData {
  readonly incident: Incident;
  readonly assessment: IncidentAssessment;
  readonly visibility: IncidentVisibility;
  readonly party: string | null;
  /** Why: the engine's reason(s), one per report that caused the change. */
  readonly reason: string;
  /** The reports that caused the change (joined, linked the merge, or split off). */
  readonly observationIds: readonly string[];
  /** merged: the id absorbed (it and its aliases become aliases of `incident.id`). */
  readonly absorbedId?: string;
  /** split: the incident the reports left. */
  readonly fromIncidentId?: string;
}

/** A published report as the reports area keeps it; the model is the document `modelSha256`. */
export interface StoredReport {
  readonly kind: 'daily' | 'weekly';
  readonly date: string;
  readonly modelSha256: string;
  readonly from: string;
  readonly to: string;
  readonly approvedBy: string;
  readonly approvedAt: string;
  readonly ledgerIndex: number;
}

export interface IncidentQuery {
  /** Incidents whose 90 % disc meets the box. */
  readonly bbox?: BBox;
  /** ISO instants: incidents whose window overlaps [from, to]. */
  readonly from?: string;
  readonly to?: string;
  readonly statuses?: readonly string[];
  /** Attributed party ids; 'undetermined' selects the unattributed. */
  readonly parties?: readonly string[];
  /** A provision id (`withdrawal:wd-art`) or kind (`withdrawal`) the incident was matched to. */
  readonly provision?: string;
  /** Incidents holding any of these event kinds (explosion, muzzle_flash, ...). */
  readonly events?: readonly string[];
  /** Incidents of any of these weapon classes. */
  readonly weapons?: readonly string[];
  readonly visibleTo?: ObservationQuery['visibleTo'];
  readonly cursor?: string;
  readonly limit: number;
}

/** Which records' evidence to list (src/app/evidence). */
export interface EvidenceQuery {
  readonly incidentIds?: readonly string[];
  readonly observationIds?: readonly string[];
}

export interface WriteTx {
  /** Digest of the stored observation with this id, or null if none. */
  observationDigest(id: string): Promise<string | null>;
  record(inputs: readonly RecordInput[]): Promise<RecordResult>;
  /**
   * Keeps an immutable document (an agreement, a report) by the SHA-256 of its bytes, and returns
   * that digest (hex). Events refer to documents by digest, so a leaf stays small and still
   * commits to the content. Storing the same bytes again is a no-op.
   */
  putDocument(body: Uint8Array, mediaType: string): Promise<string>;
}

/** A value, or a promise of it: the SQLite adapter answers at once, a networked one later. */
export type Awaitable<T> = T | Promise<T>;

/**
 * Read access to the ledger (RFC 9162 log in C2SP tlog-tiles layout): what publishing, proofs and
 * the verifier need. Callers always `await` the answers.
 */
export interface LedgerView {
  size(): Awaitable<number>;
  /** Root hash at `size` (default: the current size), 32 bytes. */
  root(size?: number): Awaitable<Uint8Array>;
  /** The leaf bytes at index i, or null past the end. */
  entry(index: number): Awaitable<Uint8Array | null>;
  /** A hash tile (`level` ≥ 0) of `width` hashes, or null if the log does not have it. */
  tile(level: number, index: number, width: number): Awaitable<Uint8Array | null>;
  /** An entry bundle (tlog-tiles `tile/entries/...`), or null. */
  entryBundle(index: number, width: number): Awaitable<Uint8Array | null>;
  inclusionProof(index: number, size: number): Awaitable<Uint8Array[]>;
  consistencyProof(size1: number, size2: number): Awaitable<Uint8Array[]>;
  /** Index of the first entry with this RFC 9162 leaf hash, or null. */
  indexOfLeafHash(hash: Uint8Array): Awaitable<number | null>;
}

/** One way the state tables differ from the fold of the ledger. */
export interface StateDifference {
  readonly table: string;
  /** The row's key (see StateArea.keys). */
  readonly key: string;
  /** The ledger entry behind the row, where the table records it. */
  readonly ledgerIndex: number | null;
  readonly what: 'changed' | 'missing' | 'unexpected';
  readonly detail: string;
}

export interface StateAudit {
  /** Ledger events replayed. */
  readonly events: number;
  /** At most 100, in table order; empty when the state is exactly the fold of the ledger. */
  readonly differences: readonly StateDifference[];
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  write<T>(fn: (tx: WriteTx) => Promise<T>): Promise<T>;
  getMeta(key: string): Promise<string | null>;
  /** A document kept by `putDocument`, or null. */
  getDocument(sha256: string): Promise<{ body: Uint8Array; mediaType: string } | null>;
  getObservation(id: string): Promise<StoredObservation | null>;
  queryObservations(q: ObservationQuery): Promise<Page<StoredObservation>>;
  /** Every stored observation in ledger order, streamed (the whole set never sits in memory). */
  streamObservations(): AsyncIterable<StoredObservation>;
  countObservations(): Promise<number>;
  /** Up to `limit` observations with row id above `afterRid`, in row (commit) order, each with its rid. */
  observationsAfter?(afterRid: number, limit: number): Promise<StoredObservation[]>;
  /** The highest observation row id committed (0 when none). */
  lastObservationRid?(): Promise<number>;
  /**
   * Takes the duty `name` for this process if no other process holds it, else answers null. A
   * store without it has one process, which holds every duty.
   */
  tryDuty?(name: string): Promise<DutyLease | null>;
  /**
   * Incidents (fusion's `incident.*` events), oldest first. Optional while an adapter lacks the
   * incident area: callers treat a store without it as holding none.
   */
  queryIncidents?(q: IncidentQuery): Promise<Page<StoredIncident>>;
  /** An incident by its id or by an id merged into it (an alias), or null. */
  getIncident?(idOrAlias: string): Promise<StoredIncident | null>;
  /**
   * An incident's verification workflow (src/app/workflow reads it as a StoredWorkflow: the state,
   * its events and the ledger entries that recorded them), or null when none was opened.
   * Optional while an adapter lacks the workflow area.
   */
  getIncidentWorkflow?(incidentId: string): Promise<unknown | null>;
  /** Ids of incidents with a finding whose reply window is open (src/app/workflow/reply-lapse.ts). */
  listOpenReplyIncidents?(): Promise<string[]>;
  /** Force declarations, notices and windows of silence (deconfliction-records.ts); optional while an adapter lacks those areas. */
  listDeclarations?(q: DeclarationQuery): Promise<StoredDeclaration[]>;
  getDeclaration?(id: string): Promise<StoredDeclaration | null>;
  listNotices?(q: NoticeQuery): Promise<StoredNotice[]>;
  getNotice?(id: string): Promise<StoredNotice | null>;
  listSilences?(): Promise<StoredSilence[]>;
  getSilence?(id: string): Promise<StoredSilence | null>;
  /**
   * Alerts, their deliveries and events, and guarantor consultations (src/app/alerts/records.ts
   * types them: StoredAlert, StoredDelivery, StoredAlertEvent, StoredConsultation). Optional
   * while an adapter lacks the alerts area.
   */
  listAlerts?(): Promise<unknown[]>;
  getAlert?(id: string): Promise<unknown | null>;
  listAlertDeliveries?(alertId?: string): Promise<unknown[]>;
  listAlertEvents?(alertId?: string): Promise<unknown[]>;
  listConsultations?(): Promise<unknown[]>;
  getConsultation?(id: string): Promise<unknown | null>;
  /**
   * Up to `limit` observations' filter columns after row `afterRid`, in row order (= ledger
   * order; rows are only ever added): what in-memory aggregates (the map grid) load and then
   * follow. Optional: without it the grid is computed from queryObservations pages.
   */
  observationColumns?(afterRid: number, limit: number): Promise<readonly ObservationColumnsRow[]>;
  /**
   * The incidents changed after ledger index `afterLedgerIndex` (by their own `incident.*` events
   * or by their workflow), with their filter columns, and the ids absorbed by merges since then,
   * in ledger order, about `limit` changes per page (a page never splits the changes of one
   * ledger index), read in one snapshot: what an in-memory incident aggregate (the map grid)
   * loads and then follows; -1 asks for every incident (the first ledger entry has index 0).
   * Optional: without it the grid is computed from queryIncidents pages.
   */
  incidentColumns?(afterLedgerIndex: number, limit: number): Promise<IncidentColumnsPage>;
  /** A file of evidence with its uploads and custody chain (src/app/evidence), or null. Optional while an adapter lacks the evidence area. */
  getEvidence?(sha256: string): Promise<StoredEvidence | null>;
  /** SHA-256s of the evidence attached to any of the given incidents or observations, oldest upload first. */
  evidenceAttachedTo?(q: EvidenceQuery): Promise<string[]>;
  /** The salt and kept content of a sealed ledger entry (to reveal it in an evidence bundle), or null when the entry is not sealed. */
  sealedEntry?(index: number): Promise<{ salt: Uint8Array; content: string } | null>;
  /** Published daily/weekly reports, newest date first. Optional while an adapter lacks the reports area. */
  listPublishedReports?(): Promise<StoredReport[]>;
  /** The published report of `kind` closing on `date`, or null. */
  getPublishedReport?(kind: string, date: string): Promise<StoredReport | null>;
  readonly ledger: LedgerView;
  /**
   * Empties every state table and replays the ledger's events into them. Returns the number of
   * events applied. Throws when a sealed leaf's kept content does not match its commitment.
   */
  rebuild(onProgress?: (done: number, total: number) => void): Promise<number>;
  /** Compares the state tables with a replay of the ledger, without changing either. */
  auditState(onProgress?: (done: number, total: number) => void): Promise<StateAudit>;
  close(): Promise<void>;
}
