import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { PostgresStateArea } from './area.js';

/**
 * Force declarations, the PostgreSQL twin of src/store/sqlite/areas/declarations.ts: what each
 * party declared, and the finding candidates the checks found.
 *
 * - `declaration.submitted` carries {id, declaration, submittedBy, previousId, candidates}: the
 *   checks made on arrival, so a replay does not re-run them against a store that has since changed.
 * - `declaration.checked` carries {id, candidates, observationsFrom, observationsTo}: a later
 *   re-check against observations; it replaces the observation candidates and keeps the rest.
 *
 * `declaration` and `candidates` are canonical JSON kept as TEXT (not JSONB), so the reads parse
 * the very text SQLite keeps and the audit compares them as strings; ledger indexes are BIGINT.
 */
export const declarationArea: PostgresStateArea = {
  name: 'declarations',
  migrations: [
    {
      area: 'declarations',
      version: 1,
      name: 'force declarations and their finding candidates',
      sql: `
        CREATE TABLE declarations (
          id TEXT PRIMARY KEY,
          party TEXT NOT NULL,
          as_of TEXT NOT NULL,
          declaration TEXT NOT NULL,
          digest TEXT NOT NULL,
          previous_id TEXT,
          submitted_by TEXT NOT NULL,
          submitted_at TEXT NOT NULL,
          candidates TEXT NOT NULL,
          checked_at TEXT NOT NULL,
          ledger_idx BIGINT NOT NULL,
          updated_ledger_idx BIGINT NOT NULL
        );
        CREATE INDEX declarations_party ON declarations (party COLLATE "C", as_of COLLATE "C");
      `,
    },
  ],
  tables: ['declarations'],
  keys: { declarations: 'id' },
  appliers(db) {
    const field = (e: LedgerEvent, index: number, name: string): string => {
      const v = e.data[name];
      if (typeof v !== 'string')
        throw new Error(`${e.type} at ${index}: data.${name} is not a string`);
      return v;
    };
    return {
      'declaration.submitted': async (e, index) => {
        const d = e.data as {
          declaration?: { party?: unknown; asOf?: unknown };
          candidates?: unknown;
          previousId?: unknown;
        };
        if (
          !d.declaration ||
          typeof d.declaration.party !== 'string' ||
          typeof d.declaration.asOf !== 'string' ||
          !Array.isArray(d.candidates)
        ) {
          throw new Error(`declaration.submitted at ${index}: no declaration or candidates`);
        }
        await db.query({
          name: 'truceline_declarations_insert',
          text: `INSERT INTO declarations (id, party, as_of, declaration, digest, previous_id, submitted_by, submitted_at,
              candidates, checked_at, ledger_idx, updated_ledger_idx)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8, $10, $10)`,
          values: [
            field(e, index, 'id'),
            d.declaration.party,
            d.declaration.asOf,
            canonicalJson(d.declaration),
            field(e, index, 'digest'),
            typeof d.previousId === 'string' ? d.previousId : null,
            field(e, index, 'submittedBy'),
            e.at,
            canonicalJson(d.candidates),
            index,
          ],
        });
      },
      'declaration.checked': async (e, index) => {
        const id = field(e, index, 'id');
        const { rows } = await db.query<{ candidates: string }>({
          name: 'truceline_declarations_get_candidates',
          text: 'SELECT candidates FROM declarations WHERE id = $1',
          values: [id],
        });
        const stored = rows[0]?.candidates;
        if (stored === undefined)
          throw new Error(`declaration.checked at ${index}: no declaration '${id}'`);
        const observed = e.data.candidates;
        if (!Array.isArray(observed))
          throw new Error(`declaration.checked at ${index}: no candidates`);
        // The arrival checks stay; the observation checks are replaced by the new ones.
        const kept = (JSON.parse(stored) as { kind: string }[]).filter((c) =>
          ARRIVAL_KINDS.includes(c.kind),
        );
        await db.query({
          name: 'truceline_declarations_check',
          text: 'UPDATE declarations SET candidates = $1, checked_at = $2, updated_ledger_idx = $3 WHERE id = $4',
          values: [canonicalJson([...kept, ...observed]), e.at, index, id],
        });
      },
    };
  },
};

/** Candidate kinds found on arrival from the declaration alone (src/domain/declaration). */
const ARRIVAL_KINDS: readonly string[] = ['ceiling_exceeded', 'declared_change'];
