/**
 * Evidence custody as the ledger records it and the store keeps it. A file is addressed by the
 * SHA-256 of its bytes; every upload, view, export and transfer is a ledger event, so who
 * collected and handled a file, and when, is the custody chain a bundle carries (Berkeley
 * Protocol on Digital Open Source Investigations, 2022, on preservation and chain of custody).
 */
import type { EvidenceComparison, ExifSummary } from './compare.js';
import type { EvidenceKind } from './kinds.js';

export type EvidenceVisibility = 'public' | 'mission' | 'party-confidential';

export const CUSTODY_EVENT_TYPES = [
  'evidence.uploaded',
  'evidence.viewed',
  'evidence.exported',
  'evidence.transferred',
] as const;
export type CustodyEventType = (typeof CUSTODY_EVENT_TYPES)[number];

/** `evidence.uploaded`: a file was collected and attached to an observation and/or an incident. */
export interface EvidenceUploadedData {
  readonly sha256: string;
  readonly size: number;
  /** Detected from the bytes. */
  readonly mediaType: string;
  readonly kind: EvidenceKind;
  /** The name the uploader gave: untrusted, kept as a label only. */
  readonly originalName: string | null;
  /** `user:<name>` (as the event's actor). */
  readonly uploader: string;
  readonly observationId: string | null;
  readonly incidentId: string | null;
  /** Decided by what it is attached to: a party's confidential filing keeps its evidence sealed. */
  readonly visibility: EvidenceVisibility;
  readonly party: string | null;
  readonly exif: ExifSummary | null;
  /** Against the observation it is attached to; null without one. */
  readonly comparison: EvidenceComparison | null;
  /** A 320 px JPEG made from an image, content-addressed too; null for other kinds. */
  readonly thumbnailSha256: string | null;
}

/** `evidence.viewed`: someone read a file's content. */
export interface EvidenceViewedData {
  readonly sha256: string;
}

/** `evidence.exported`: files left the mission in a bundle for an incident. */
export interface EvidenceExportedData {
  readonly incidentId: string;
  readonly sha256s: readonly string[];
  /** SHA-256 of the bundle's manifest.json: the export event commits to the whole manifest. */
  readonly manifestSha256: string;
}

/** `evidence.transferred`: custody passed from one holder to another, with the reason. */
export interface EvidenceTransferredData {
  readonly sha256: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/** One upload of a file (the same bytes may be attached to several records). */
export interface EvidenceUpload extends EvidenceUploadedData {
  readonly ledgerIndex: number;
  readonly at: string;
}

/** One custody event touching a file, with the ledger entry that recorded it. */
export interface CustodyRecord {
  readonly ledgerIndex: number;
  readonly type: CustodyEventType;
  readonly at: string;
  readonly actor: string;
  readonly sha256: string;
  /** The event's data. */
  readonly data: Readonly<Record<string, unknown>>;
}

export interface StoredEvidence {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  readonly kind: EvidenceKind;
  readonly thumbnailSha256: string | null;
  /** Who holds it now: `mission` until a transfer says otherwise. */
  readonly custodian: string;
  readonly uploads: readonly EvidenceUpload[];
  readonly custody: readonly CustodyRecord[];
}

/** The holder of a file before any transfer. */
export const MISSION_CUSTODIAN = 'mission';
