/**
 * Reads of the evidence area (src/store/sqlite/areas/evidence.ts) for SqliteStore: a file with its
 * uploads and custody chain, the files attached to a set of records, and a sealed ledger entry's
 * kept content (what an export reveals to prove a sealed custody event).
 */
import type Database from 'better-sqlite3';
import type { CustodyRecord, EvidenceUpload, StoredEvidence } from '../../domain/evidence/index.js';
import type { EvidenceQuery } from '../port.js';

interface FileRow {
  sha256: string;
  size: number;
  media_type: string;
  kind: StoredEvidence['kind'];
  thumbnail_sha256: string | null;
  custodian: string;
}

export function readEvidence(db: Database.Database, sha256: string): StoredEvidence | null {
  const row = db
    .prepare(
      'SELECT sha256, size, media_type, kind, thumbnail_sha256, custodian FROM evidence WHERE sha256 = ?',
    )
    .get(sha256) as FileRow | undefined;
  if (!row) return null;
  const uploads = (
    db
      .prepare(
        'SELECT ledger_idx, at, data FROM evidence_uploads WHERE sha256 = ? ORDER BY ledger_idx',
      )
      .all(sha256) as { ledger_idx: number; at: string; data: string }[]
  ).map((u): EvidenceUpload => ({
    ...(JSON.parse(u.data) as Omit<EvidenceUpload, 'ledgerIndex' | 'at'>),
    ledgerIndex: u.ledger_idx,
    at: u.at,
  }));
  const custody = (
    db
      .prepare(
        'SELECT ledger_idx, type, at, actor, data FROM evidence_custody WHERE sha256 = ? ORDER BY ledger_idx',
      )
      .all(sha256) as {
      ledger_idx: number;
      type: CustodyRecord['type'];
      at: string;
      actor: string;
      data: string;
    }[]
  ).map((c): CustodyRecord => ({
    ledgerIndex: c.ledger_idx,
    type: c.type,
    at: c.at,
    actor: c.actor,
    sha256,
    data: JSON.parse(c.data) as Record<string, unknown>,
  }));
  return {
    sha256: row.sha256,
    size: row.size,
    mediaType: row.media_type,
    kind: row.kind,
    thumbnailSha256: row.thumbnail_sha256,
    custodian: row.custodian,
    uploads,
    custody,
  };
}

/** SHA-256s of the files attached to any of the incidents or observations asked, oldest upload first. */
export function evidenceAttachedTo(db: Database.Database, q: EvidenceQuery): string[] {
  const incidents = q.incidentIds ?? [];
  const observations = q.observationIds ?? [];
  if (incidents.length === 0 && observations.length === 0) return [];
  const where: string[] = [];
  if (incidents.length) where.push(`incident_id IN (${incidents.map(() => '?').join(', ')})`);
  if (observations.length)
    where.push(`observation_id IN (${observations.map(() => '?').join(', ')})`);
  const rows = db
    .prepare(
      `SELECT sha256, MIN(ledger_idx) AS first FROM evidence_uploads WHERE ${where.join(' OR ')} GROUP BY sha256 ORDER BY first`,
    )
    .all(...incidents, ...observations) as { sha256: string }[];
  return rows.map((r) => r.sha256);
}

/** The salt and kept content of the sealed ledger entry at `index`, or null when it is not sealed. */
export function readSealedEntry(
  db: Database.Database,
  index: number,
): { salt: Uint8Array; content: string } | null {
  const row = db.prepare('SELECT salt, content FROM sealed_events WHERE idx = ?').get(index) as
    { salt: Buffer; content: string } | undefined;
  return row ? { salt: new Uint8Array(row.salt), content: row.content } : null;
}
