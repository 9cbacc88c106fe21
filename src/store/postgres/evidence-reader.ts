/**
 * Reads of the evidence area (areas/evidence.ts) for PostgresStore, answering as SQLite's
 * evidence-reader does: a file with its uploads and custody chain, the files attached to a set of
 * records, and a sealed ledger entry's kept salt and content (what a bundle reveals to prove a
 * sealed custody event; kept in `sealed_events` by the write transaction, see write-tx.ts).
 */
import type { CustodyRecord, EvidenceUpload, StoredEvidence } from '../../domain/evidence/index.js';
import type { EvidenceQuery } from '../port.js';
import type { Queryable } from './connection.js';

interface FileRow {
  sha256: string;
  size: number;
  media_type: string;
  kind: StoredEvidence['kind'];
  thumbnail_sha256: string | null;
  custodian: string;
  /** [ledger_idx, at, data] per upload, in ledger order. */
  uploads: [number, string, string][];
  /** [ledger_idx, type, at, actor, data] per custody event, in ledger order. */
  custody: [number, CustodyRecord['type'], string, string, string][];
}

/**
 * One statement, so the file row, its uploads and its custody chain come from one snapshot (a
 * custodian and the transfer that made it one are never seen apart).
 */
const FILE_SQL = `
  SELECT e.sha256, e.size, e.media_type, e.kind, e.thumbnail_sha256, e.custodian,
    COALESCE((SELECT json_agg(json_build_array(u.ledger_idx, u.at, u.data) ORDER BY u.ledger_idx)
              FROM evidence_uploads u WHERE u.sha256 = e.sha256), '[]'::json) AS uploads,
    COALESCE((SELECT json_agg(json_build_array(c.ledger_idx, c.type, c.at, c.actor, c.data) ORDER BY c.ledger_idx)
              FROM evidence_custody c WHERE c.sha256 = e.sha256), '[]'::json) AS custody
  FROM evidence e WHERE e.sha256 = $1`;

export async function readEvidence(db: Queryable, sha256: string): Promise<StoredEvidence | null> {
  const { rows } = await db.query<FileRow>({ name: 'truceline_evidence_file', text: FILE_SQL, values: [sha256] });
  const row = rows[0];
  if (!row) return null;
  return {
    sha256: row.sha256,
    size: row.size,
    mediaType: row.media_type,
    kind: row.kind,
    thumbnailSha256: row.thumbnail_sha256,
    custodian: row.custodian,
    uploads: row.uploads.map(
      ([ledgerIndex, at, data]): EvidenceUpload => ({ ...(JSON.parse(data) as Omit<EvidenceUpload, 'ledgerIndex' | 'at'>), ledgerIndex, at }),
    ),
    custody: row.custody.map(
      ([ledgerIndex, type, at, actor, data]): CustodyRecord => ({ ledgerIndex, type, at, actor, sha256, data: JSON.parse(data) as Record<string, unknown> }),
    ),
  };
}

/** SHA-256s of the files attached to any of the incidents or observations asked, oldest upload first. */
export async function evidenceAttachedTo(db: Queryable, q: EvidenceQuery): Promise<string[]> {
  const incidents = q.incidentIds ?? [];
  const observations = q.observationIds ?? [];
  if (incidents.length === 0 && observations.length === 0) return [];
  const { rows } = await db.query<{ sha256: string }>({
    name: 'truceline_evidence_attached',
    text: `SELECT sha256 FROM evidence_uploads
           WHERE incident_id = ANY($1::text[]) OR observation_id = ANY($2::text[])
           GROUP BY sha256 ORDER BY MIN(ledger_idx)`,
    values: [[...incidents], [...observations]],
  });
  return rows.map((r) => r.sha256);
}

/** The salt and kept content of the sealed ledger entry at `index`, or null when it is not sealed (or no entry). */
export async function readSealedEntry(db: Queryable, index: number): Promise<{ salt: Uint8Array; content: string } | null> {
  // Not an index at all: no entry, as SQLite answers, rather than a type error from the server.
  if (!Number.isSafeInteger(index)) return null;
  const { rows } = await db.query<{ salt: Buffer; content: string }>({
    name: 'truceline_sealed_entry',
    text: 'SELECT salt, content FROM sealed_events WHERE idx = $1',
    values: [index],
  });
  const row = rows[0];
  return row ? { salt: new Uint8Array(row.salt), content: row.content } : null;
}
