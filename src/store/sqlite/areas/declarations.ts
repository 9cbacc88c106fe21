import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { StateArea } from './area.js';

/**
 * Force declarations (src/app/declarations): what each party declared, and the finding
 * candidates the checks found.
 *
 * - `declaration.submitted` carries {id, declaration, submittedBy, previousId, candidates}: the
 *   checks made on arrival (ceilings, the previous declaration, observations), so a replay does
 *   not re-run them against a store that has since changed.
 * - `declaration.checked` carries {id, candidates, observationsFrom, observationsTo}: a later
 *   re-check against observations; it replaces the observation candidates and keeps the rest.
 *
 * `declarations`: one row per id (`<party>-<asOf>`); `declaration` and `candidates` are canonical JSON.
 */
export const declarationArea: StateArea = {
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
          ledger_idx INTEGER NOT NULL,
          updated_ledger_idx INTEGER NOT NULL
        );
        CREATE INDEX declarations_party ON declarations (party, as_of);
      `,
    },
  ],
  tables: ['declarations'],
  keys: { declarations: 'id' },
  appliers(db) {
    const s = {
      insert: db.prepare(
        `INSERT INTO declarations (id, party, as_of, declaration, digest, previous_id, submitted_by, submitted_at,
           candidates, checked_at, ledger_idx, updated_ledger_idx)
         VALUES (@id, @party, @asOf, @declaration, @digest, @previousId, @submittedBy, @at, @candidates, @at, @index, @index)`,
      ),
      get: db.prepare('SELECT candidates FROM declarations WHERE id = ?').pluck(),
      check: db.prepare(
        'UPDATE declarations SET candidates = ?, checked_at = ?, updated_ledger_idx = ? WHERE id = ?',
      ),
    };
    const field = (e: LedgerEvent, index: number, name: string): string => {
      const v = e.data[name];
      if (typeof v !== 'string')
        throw new Error(`${e.type} at ${index}: data.${name} is not a string`);
      return v;
    };
    return {
      'declaration.submitted': (e, index) => {
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
        s.insert.run({
          id: field(e, index, 'id'),
          party: d.declaration.party,
          asOf: d.declaration.asOf,
          declaration: canonicalJson(d.declaration),
          digest: field(e, index, 'digest'),
          previousId: typeof d.previousId === 'string' ? d.previousId : null,
          submittedBy: field(e, index, 'submittedBy'),
          at: e.at,
          candidates: canonicalJson(d.candidates),
          index,
        });
      },
      'declaration.checked': (e, index) => {
        const id = field(e, index, 'id');
        const stored = s.get.get(id) as string | undefined;
        if (stored === undefined)
          throw new Error(`declaration.checked at ${index}: no declaration '${id}'`);
        const observed = e.data.candidates;
        if (!Array.isArray(observed))
          throw new Error(`declaration.checked at ${index}: no candidates`);
        // The arrival checks stay; the observation checks are replaced by the new ones.
        const kept = (JSON.parse(stored) as { kind: string }[]).filter((c) =>
          ARRIVAL_KINDS.includes(c.kind),
        );
        s.check.run(canonicalJson([...kept, ...observed]), e.at, index, id);
      },
    };
  },
};

/** Candidate kinds found on arrival from the declaration alone (src/domain/declaration). */
const ARRIVAL_KINDS: readonly string[] = ['ceiling_exceeded', 'declared_change'];
