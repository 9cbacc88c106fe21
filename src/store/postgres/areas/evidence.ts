import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import { MISSION_CUSTODIAN, type EvidenceExportedData, type EvidenceTransferredData, type EvidenceUploadedData } from '../../../domain/evidence/index.js';
import type { PostgresStateArea } from './area.js';

/**
 * Evidence custody, the PostgreSQL twin of src/store/sqlite/areas/evidence.ts: the files the
 * mission holds (addressed by SHA-256), one row per upload, and every custody event per file in
 * ledger order. The same tables, columns and effects; sizes and ledger indexes are BIGINT, and an
 * event's data is kept as its canonical JSON text, as SQLite keeps it, so a row written live and
 * one written by a replay from the leaf are the same text.
 */
export const evidenceArea: PostgresStateArea = {
  name: 'evidence',
  migrations: [
    {
      area: 'evidence',
      version: 1,
      name: 'evidence files, uploads and custody chain',
      sql: `
        CREATE TABLE evidence (
          sha256 TEXT PRIMARY KEY,
          size BIGINT NOT NULL,
          media_type TEXT NOT NULL,
          kind TEXT NOT NULL,
          thumbnail_sha256 TEXT,
          custodian TEXT NOT NULL,
          first_ledger_idx BIGINT NOT NULL,
          updated_ledger_idx BIGINT NOT NULL
        );
        CREATE TABLE evidence_uploads (
          ledger_idx BIGINT PRIMARY KEY,
          sha256 TEXT NOT NULL REFERENCES evidence (sha256),
          observation_id TEXT,
          incident_id TEXT,
          visibility TEXT NOT NULL,
          party TEXT,
          at TEXT NOT NULL,
          data TEXT NOT NULL
        );
        CREATE INDEX evidence_uploads_sha256 ON evidence_uploads (sha256);
        CREATE INDEX evidence_uploads_observation ON evidence_uploads (observation_id);
        CREATE INDEX evidence_uploads_incident ON evidence_uploads (incident_id);
        CREATE TABLE evidence_custody (
          ledger_idx BIGINT NOT NULL,
          sha256 TEXT NOT NULL REFERENCES evidence (sha256),
          type TEXT NOT NULL,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          data TEXT NOT NULL,
          PRIMARY KEY (ledger_idx, sha256)
        );
        CREATE INDEX evidence_custody_sha256 ON evidence_custody (sha256, ledger_idx);
      `,
    },
  ],
  tables: ['evidence_custody', 'evidence_uploads', 'evidence'],
  keys: {
    // SQLite's printf('%09d', ledger_idx): zero-padded to at least nine digits, never cut.
    evidence_custody: "lpad(ledger_idx::text, GREATEST(9, length(ledger_idx::text)), '0') || ' ' || sha256",
    evidence_uploads: 'ledger_idx',
    evidence: 'sha256',
  },
  appliers(db) {
    const run = (name: string, text: string, values: unknown[]) => db.query({ name: `truceline_evidence_${name}`, text, values });
    const custodianOf = async (sha256: unknown, e: LedgerEvent, index: number): Promise<string> => {
      const found =
        typeof sha256 === 'string'
          ? (await db.query<{ custodian: string }>({ name: 'truceline_evidence_custodian', text: 'SELECT custodian FROM evidence WHERE sha256 = $1', values: [sha256] })).rows[0]?.custodian
          : undefined;
      if (found === undefined) throw new Error(`${e.type} at ${index}: no evidence ${String(sha256)} was uploaded before it`);
      return found;
    };
    // Canonical JSON: a replay reads the event back from its leaf with its keys sorted.
    const custody = (e: LedgerEvent, index: number, sha256: string) =>
      run('put_custody', 'INSERT INTO evidence_custody (ledger_idx, sha256, type, at, actor, data) VALUES ($1, $2, $3, $4, $5, $6)', [
        index,
        sha256,
        e.type,
        e.at,
        e.actor,
        canonicalJson(e.data),
      ]);

    return {
      'evidence.uploaded': async (e, index) => {
        const d = e.data as unknown as EvidenceUploadedData;
        if (typeof d.sha256 !== 'string' || typeof d.size !== 'number') throw new Error(`evidence.uploaded at ${index}: data has no sha256 and size`);
        await run(
          'put_file',
          `INSERT INTO evidence (sha256, size, media_type, kind, thumbnail_sha256, custodian, first_ledger_idx, updated_ledger_idx)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (sha256) DO NOTHING`,
          [d.sha256, d.size, d.mediaType, d.kind, d.thumbnailSha256, MISSION_CUSTODIAN, index],
        );
        await run(
          'put_upload',
          'INSERT INTO evidence_uploads (ledger_idx, sha256, observation_id, incident_id, visibility, party, at, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [index, d.sha256, d.observationId, d.incidentId, d.visibility, d.party, e.at, canonicalJson(e.data)],
        );
        await custody(e, index, d.sha256);
      },
      'evidence.viewed': async (e, index) => {
        await custodianOf(e.data.sha256, e, index);
        await custody(e, index, e.data.sha256 as string);
      },
      'evidence.exported': async (e, index) => {
        const d = e.data as unknown as EvidenceExportedData;
        if (!Array.isArray(d.sha256s)) throw new Error(`evidence.exported at ${index}: data has no sha256s`);
        for (const sha256 of new Set(d.sha256s)) {
          await custodianOf(sha256, e, index);
          await custody(e, index, sha256);
        }
      },
      'evidence.transferred': async (e, index) => {
        const d = e.data as unknown as EvidenceTransferredData;
        const holder = await custodianOf(d.sha256, e, index);
        if (holder !== d.from) throw new Error(`evidence.transferred at ${index}: ${d.sha256} is held by ${holder}, not ${d.from}`);
        await run('set_custodian', 'UPDATE evidence SET custodian = $1, updated_ledger_idx = $2 WHERE sha256 = $3', [d.to, index, d.sha256]);
        await custody(e, index, d.sha256);
      },
    };
  },
};
