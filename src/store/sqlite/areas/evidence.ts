import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import {
  MISSION_CUSTODIAN,
  type EvidenceExportedData,
  type EvidenceTransferredData,
  type EvidenceUploadedData,
} from '../../../domain/evidence/index.js';
import type { StateArea } from './area.js';

/**
 * Evidence custody (src/app/evidence): the files the mission holds, addressed by SHA-256, and every
 * custody event on them. The bytes themselves live in the blob store; these tables hold what the
 * ledger says about them, so a rebuild reproduces them exactly.
 *
 * - `evidence`: one row per file (size, detected type, thumbnail, current custodian).
 * - `evidence_uploads`: one row per `evidence.uploaded` (the same bytes may be attached to several
 *   records), with the visibility its attachment gives it.
 * - `evidence_custody`: every custody event per file, in ledger order: the chain a bundle carries.
 */
export const evidenceArea: StateArea = {
  name: 'evidence',
  migrations: [
    {
      area: 'evidence',
      version: 1,
      name: 'evidence files, uploads and custody chain',
      sql: `
        CREATE TABLE evidence (
          sha256 TEXT PRIMARY KEY,
          size INTEGER NOT NULL,
          media_type TEXT NOT NULL,
          kind TEXT NOT NULL,
          thumbnail_sha256 TEXT,
          custodian TEXT NOT NULL,
          first_ledger_idx INTEGER NOT NULL,
          updated_ledger_idx INTEGER NOT NULL
        );
        CREATE TABLE evidence_uploads (
          ledger_idx INTEGER PRIMARY KEY,
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
          ledger_idx INTEGER NOT NULL,
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
    evidence_custody: "printf('%09d', ledger_idx) || ' ' || sha256",
    evidence_uploads: 'ledger_idx',
    evidence: 'sha256',
  },
  appliers(db) {
    const s = {
      exists: db.prepare('SELECT custodian FROM evidence WHERE sha256 = ?').pluck(),
      putFile: db.prepare(
        `INSERT INTO evidence (sha256, size, media_type, kind, thumbnail_sha256, custodian, first_ledger_idx, updated_ledger_idx)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
      ),
      putUpload: db.prepare(
        'INSERT INTO evidence_uploads (ledger_idx, sha256, observation_id, incident_id, visibility, party, at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      putCustody: db.prepare(
        'INSERT INTO evidence_custody (ledger_idx, sha256, type, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      setCustodian: db.prepare(
        'UPDATE evidence SET custodian = ?, updated_ledger_idx = ? WHERE sha256 = ?',
      ),
    };
    const custodianOf = (sha256: unknown, e: LedgerEvent, index: number): string => {
      const found =
        typeof sha256 === 'string' ? (s.exists.get(sha256) as string | undefined) : undefined;
      if (found === undefined)
        throw new Error(
          `${e.type} at ${index}: no evidence ${String(sha256)} was uploaded before it`,
        );
      return found;
    };
    const custody = (e: LedgerEvent, index: number, sha256: string) =>
      // Canonical JSON: a replay reads the event back from its leaf with its keys sorted.
      s.putCustody.run(index, sha256, e.type, e.at, e.actor, canonicalJson(e.data));

    return {
      'evidence.uploaded': (e, index) => {
        const d = e.data as unknown as EvidenceUploadedData;
        if (typeof d.sha256 !== 'string' || typeof d.size !== 'number')
          throw new Error(`evidence.uploaded at ${index}: data has no sha256 and size`);
        s.putFile.run(
          d.sha256,
          d.size,
          d.mediaType,
          d.kind,
          d.thumbnailSha256,
          MISSION_CUSTODIAN,
          index,
          index,
        );
        s.putUpload.run(
          index,
          d.sha256,
          d.observationId,
          d.incidentId,
          d.visibility,
          d.party,
          e.at,
          canonicalJson(e.data),
        );
        custody(e, index, d.sha256);
      },
      'evidence.viewed': (e, index) => {
        custodianOf(e.data.sha256, e, index);
        custody(e, index, e.data.sha256 as string);
      },
      'evidence.exported': (e, index) => {
        const d = e.data as unknown as EvidenceExportedData;
        if (!Array.isArray(d.sha256s))
          throw new Error(`evidence.exported at ${index}: data has no sha256s`);
        for (const sha256 of new Set(d.sha256s)) {
          custodianOf(sha256, e, index);
          custody(e, index, sha256);
        }
      },
      'evidence.transferred': (e, index) => {
        const d = e.data as unknown as EvidenceTransferredData;
        const holder = custodianOf(d.sha256, e, index);
        if (holder !== d.from)
          throw new Error(
            `evidence.transferred at ${index}: ${d.sha256} is held by ${holder}, not ${d.from}`,
          );
        s.setCustodian.run(d.to, index, d.sha256);
        custody(e, index, d.sha256);
      },
    };
  },
};
