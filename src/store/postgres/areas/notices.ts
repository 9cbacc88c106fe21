import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { PostgresStateArea } from './area.js';

/**
 * De-confliction, the PostgreSQL twin of src/store/sqlite/areas/notices.ts: the parties' notices
 * of legitimate activity and the windows of silence agreed for repairs.
 *
 * - `notice.announced` {notice, announcedBy, late}: the notice as filed (filedAt set by the
 *   mission); `notice.withdrawn` {noticeId, by, reason}.
 * - `silence.proposed | consented | declined | withdrawn`: the domain's SilenceEvent
 *   (src/domain/notice/silence.ts), carrying the window as it stands after the event, so the
 *   applier stores it as it comes.
 *
 * `notices`: one row per notice id, `notice` its canonical JSON, `status` announced | withdrawn.
 * `silences`: one row per window of silence, `silence` the canonical JSON of its state.
 * `silence_events`: every silence event in ledger order: the history the API shows.
 * JSON is kept as canonical TEXT, times as milliseconds BIGINT, as in SQLite.
 */
export const noticeArea: PostgresStateArea = {
  name: 'notices',
  migrations: [
    {
      area: 'notices',
      version: 1,
      name: 'notices, windows of silence and their history',
      sql: `
        CREATE TABLE notices (
          id TEXT PRIMARY KEY,
          party TEXT NOT NULL,
          kind TEXT NOT NULL,
          t_from BIGINT NOT NULL,
          t_to BIGINT NOT NULL,
          notice TEXT NOT NULL,
          late TEXT,
          status TEXT NOT NULL,
          announced_by TEXT NOT NULL,
          withdrawn TEXT,
          ledger_idx BIGINT NOT NULL,
          updated_ledger_idx BIGINT NOT NULL
        );
        CREATE INDEX notices_window ON notices (t_to, t_from);
        CREATE TABLE silences (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL,
          t_from BIGINT NOT NULL,
          t_to BIGINT NOT NULL,
          silence TEXT NOT NULL,
          ledger_idx BIGINT NOT NULL,
          updated_ledger_idx BIGINT NOT NULL
        );
        CREATE TABLE silence_events (
          ledger_idx BIGINT PRIMARY KEY,
          silence_id TEXT NOT NULL,
          type TEXT NOT NULL,
          event TEXT NOT NULL
        );
        CREATE INDEX silence_events_id ON silence_events (silence_id, ledger_idx);
      `,
    },
  ],
  tables: ['silence_events', 'silences', 'notices'],
  keys: { silence_events: 'ledger_idx', silences: 'id', notices: 'id' },
  appliers(db) {
    const run = async (name: string, text: string, values: unknown[]) =>
      (await db.query({ name: `truceline_notices_${name}`, text, values })).rowCount ?? 0;

    const silence = async (e: LedgerEvent, index: number): Promise<void> => {
      const d = e.data as {
        type?: unknown;
        silenceId?: unknown;
        silence?: { id?: unknown; status?: unknown; window?: { from: string; to: string } };
      };
      const w = d.silence;
      if (
        d.type !== e.type ||
        typeof d.silenceId !== 'string' ||
        !w ||
        w.id !== d.silenceId ||
        typeof w.status !== 'string' ||
        !w.window
      ) {
        throw new Error(`${e.type} at ${index}: data is not a silence event of that type`);
      }
      const { rows } = await db.query({
        name: 'truceline_notices_has_silence',
        text: 'SELECT 1 FROM silences WHERE id = $1',
        values: [d.silenceId],
      });
      const known = rows.length > 0;
      if ((e.type === 'silence.proposed') === known) {
        throw new Error(
          `${e.type} at ${index}: window of silence ${d.silenceId} ${known ? 'already exists' : 'was never proposed'}`,
        );
      }
      await run(
        'put_silence',
        `INSERT INTO silences (id, status, t_from, t_to, silence, ledger_idx, updated_ledger_idx)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, silence = excluded.silence,
           updated_ledger_idx = excluded.updated_ledger_idx`,
        [
          d.silenceId,
          w.status,
          instant(w.window.from),
          instant(w.window.to),
          canonicalJson(w),
          index,
        ],
      );
      await run(
        'put_silence_event',
        'INSERT INTO silence_events (ledger_idx, silence_id, type, event) VALUES ($1, $2, $3, $4)',
        [index, d.silenceId, e.type, canonicalJson(e.data)],
      );
    };

    return {
      'notice.announced': async (e, index) => {
        const d = e.data as {
          notice?: {
            id?: unknown;
            party?: unknown;
            kind?: unknown;
            window?: { from: string; to: string };
          };
          announcedBy?: unknown;
          late?: unknown;
        };
        const n = d.notice;
        if (
          !n ||
          typeof n.id !== 'string' ||
          typeof n.party !== 'string' ||
          typeof n.kind !== 'string' ||
          !n.window ||
          typeof d.announcedBy !== 'string'
        ) {
          throw new Error(`notice.announced at ${index}: no notice`);
        }
        await run(
          'insert_notice',
          `INSERT INTO notices (id, party, kind, t_from, t_to, notice, late, status, announced_by, withdrawn, ledger_idx, updated_ledger_idx)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'announced', $8, NULL, $9, $9)`,
          [
            n.id,
            n.party,
            n.kind,
            instant(n.window.from),
            instant(n.window.to),
            canonicalJson(n),
            d.late ? canonicalJson(d.late) : null,
            d.announcedBy,
            index,
          ],
        );
      },
      'notice.withdrawn': async (e, index) => {
        const id = e.data.noticeId;
        if (typeof id !== 'string') throw new Error(`notice.withdrawn at ${index}: no noticeId`);
        const changes = await run(
          'withdraw_notice',
          "UPDATE notices SET status = 'withdrawn', withdrawn = $1, updated_ledger_idx = $2 WHERE id = $3 AND status = 'announced'",
          [canonicalJson({ by: e.data.by, at: e.at, reason: e.data.reason }), index, id],
        );
        if (changes !== 1)
          throw new Error(`notice.withdrawn at ${index}: no announced notice '${id}'`);
      },
      'silence.proposed': silence,
      'silence.consented': silence,
      'silence.declined': silence,
      'silence.withdrawn': silence,
    };
  },
};

/**
 * Milliseconds of an ISO instant, or null when it does not parse: SQLite binds NaN as NULL and
 * refuses it on the NOT NULL column; PostgreSQL then refuses the NULL the same way.
 */
function instant(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}
