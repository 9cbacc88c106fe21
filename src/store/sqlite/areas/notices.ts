import type { LedgerEvent } from '../../../app/events/event.js';
import { canonicalJson } from '../../../domain/canonical-json.js';
import type { StateArea } from './area.js';

/**
 * De-confliction (src/app/notices): the parties' notices of legitimate activity and the windows
 * of silence agreed for repairs.
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
 */
export const noticeArea: StateArea = {
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
          t_from INTEGER NOT NULL,
          t_to INTEGER NOT NULL,
          notice TEXT NOT NULL,
          late TEXT,
          status TEXT NOT NULL,
          announced_by TEXT NOT NULL,
          withdrawn TEXT,
          ledger_idx INTEGER NOT NULL,
          updated_ledger_idx INTEGER NOT NULL
        );
        CREATE INDEX notices_window ON notices (t_to, t_from);
        CREATE TABLE silences (
          id TEXT PRIMARY KEY,
          status TEXT NOT NULL,
          t_from INTEGER NOT NULL,
          t_to INTEGER NOT NULL,
          silence TEXT NOT NULL,
          ledger_idx INTEGER NOT NULL,
          updated_ledger_idx INTEGER NOT NULL
        );
        CREATE TABLE silence_events (
          ledger_idx INTEGER PRIMARY KEY,
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
    const s = {
      insertNotice: db.prepare(
        `INSERT INTO notices (id, party, kind, t_from, t_to, notice, late, status, announced_by, withdrawn, ledger_idx, updated_ledger_idx)
         VALUES (@id, @party, @kind, @tFrom, @tTo, @notice, @late, 'announced', @by, NULL, @index, @index)`,
      ),
      withdrawNotice: db.prepare(
        "UPDATE notices SET status = 'withdrawn', withdrawn = ?, updated_ledger_idx = ? WHERE id = ? AND status = 'announced'",
      ),
      putSilence: db.prepare(
        `INSERT INTO silences (id, status, t_from, t_to, silence, ledger_idx, updated_ledger_idx)
         VALUES (@id, @status, @tFrom, @tTo, @silence, @index, @index)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, silence = excluded.silence,
           updated_ledger_idx = excluded.updated_ledger_idx`,
      ),
      hasSilence: db.prepare('SELECT 1 FROM silences WHERE id = ?').pluck(),
      putSilenceEvent: db.prepare(
        'INSERT INTO silence_events (ledger_idx, silence_id, type, event) VALUES (?, ?, ?, ?)',
      ),
    };

    const silence = (e: LedgerEvent, index: number): void => {
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
      const known = s.hasSilence.get(d.silenceId) !== undefined;
      if ((e.type === 'silence.proposed') === known) {
        throw new Error(
          `${e.type} at ${index}: window of silence ${d.silenceId} ${known ? 'already exists' : 'was never proposed'}`,
        );
      }
      s.putSilence.run({
        id: d.silenceId,
        status: w.status,
        tFrom: Date.parse(w.window.from),
        tTo: Date.parse(w.window.to),
        silence: canonicalJson(w),
        index,
      });
      s.putSilenceEvent.run(index, d.silenceId, e.type, canonicalJson(e.data));
    };

    return {
      'notice.announced': (e, index) => {
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
        s.insertNotice.run({
          id: n.id,
          party: n.party,
          kind: n.kind,
          tFrom: Date.parse(n.window.from),
          tTo: Date.parse(n.window.to),
          notice: canonicalJson(n),
          late: d.late ? canonicalJson(d.late) : null,
          by: d.announcedBy,
          index,
        });
      },
      'notice.withdrawn': (e, index) => {
        const id = e.data.noticeId;
        if (typeof id !== 'string') throw new Error(`notice.withdrawn at ${index}: no noticeId`);
        const done = s.withdrawNotice.run(
          canonicalJson({ by: e.data.by, at: e.at, reason: e.data.reason }),
          index,
          id,
        );
        if (done.changes !== 1)
          throw new Error(`notice.withdrawn at ${index}: no announced notice '${id}'`);
      },
      'silence.proposed': silence,
      'silence.consented': silence,
      'silence.declined': silence,
      'silence.withdrawn': silence,
    };
  },
};
