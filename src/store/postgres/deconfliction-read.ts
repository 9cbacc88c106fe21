/**
 * Reads of the declarations and notices areas (src/store/postgres/areas/{declarations,notices}.ts)
 * for PostgresStore, answering exactly as src/store/sqlite/deconfliction-read.ts does: the same
 * records, order and nulls. Reads only; the appliers write.
 *
 * Text ordering uses COLLATE "C" (byte order of UTF-8), which is SQLite's BINARY collation, so
 * the order does not depend on the database's locale.
 */
import type {
  DeclarationQuery,
  NoticeQuery,
  StoredDeclaration,
  StoredNotice,
  StoredSilence,
} from '../deconfliction-records.js';
import type { Queryable } from './connection.js';

interface DeclarationRow {
  id: string;
  declaration: string;
  digest: string;
  previous_id: string | null;
  submitted_by: string;
  submitted_at: string;
  candidates: string;
  checked_at: string;
  ledger_idx: number;
  updated_ledger_idx: number;
}

const DECLARATION_COLUMNS =
  'id, declaration, digest, previous_id, submitted_by, submitted_at, candidates, checked_at, ledger_idx, updated_ledger_idx';

const toDeclaration = (r: DeclarationRow): StoredDeclaration => ({
  id: r.id,
  declaration: JSON.parse(r.declaration) as StoredDeclaration['declaration'],
  digest: r.digest,
  previousId: r.previous_id,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  candidates: JSON.parse(r.candidates) as StoredDeclaration['candidates'],
  checkedAt: r.checked_at,
  ledgerIndex: r.ledger_idx,
  updatedLedgerIndex: r.updated_ledger_idx,
});

/** Declarations, by party then date; only `q.party`'s when given (an empty party means every party). */
export async function readDeclarations(
  db: Queryable,
  q: DeclarationQuery,
): Promise<StoredDeclaration[]> {
  const order = 'ORDER BY party COLLATE "C", as_of COLLATE "C"';
  const { rows } = q.party
    ? await db.query<DeclarationRow>({
        name: 'truceline_read_declarations_of_party',
        text: `SELECT ${DECLARATION_COLUMNS} FROM declarations WHERE party = $1 ${order}`,
        values: [q.party],
      })
    : await db.query<DeclarationRow>({
        name: 'truceline_read_declarations',
        text: `SELECT ${DECLARATION_COLUMNS} FROM declarations ${order}`,
      });
  return rows.map(toDeclaration);
}

export async function readDeclaration(
  db: Queryable,
  id: string,
): Promise<StoredDeclaration | null> {
  const { rows } = await db.query<DeclarationRow>({
    name: 'truceline_read_declaration',
    text: `SELECT ${DECLARATION_COLUMNS} FROM declarations WHERE id = $1`,
    values: [id],
  });
  return rows[0] ? toDeclaration(rows[0]) : null;
}

interface NoticeRow {
  notice: string;
  status: StoredNotice['status'];
  announced_by: string;
  late: string | null;
  withdrawn: string | null;
  ledger_idx: number;
  updated_ledger_idx: number;
}

const NOTICE_COLUMNS =
  'notice, status, announced_by, late, withdrawn, ledger_idx, updated_ledger_idx';

const toNotice = (r: NoticeRow): StoredNotice => ({
  notice: JSON.parse(r.notice) as StoredNotice['notice'],
  status: r.status,
  announcedBy: r.announced_by,
  late: r.late === null ? null : (JSON.parse(r.late) as StoredNotice['late']),
  withdrawn: r.withdrawn === null ? null : (JSON.parse(r.withdrawn) as StoredNotice['withdrawn']),
  ledgerIndex: r.ledger_idx,
  updatedLedgerIndex: r.updated_ledger_idx,
});

/**
 * Milliseconds of an ISO instant bound as a parameter; one that does not parse is bound as NULL
 * and matches nothing, as SQLite does with the NaN it is handed.
 */
function millis(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/** Notices in the order they were announced; those whose window overlaps [from, to], of a status. */
export async function readNotices(db: Queryable, q: NoticeQuery): Promise<StoredNotice[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (q.from) {
    values.push(millis(q.from));
    where.push(`t_to >= $${values.length}::bigint`);
  }
  if (q.to) {
    values.push(millis(q.to));
    where.push(`t_from <= $${values.length}::bigint`);
  }
  if (q.status) {
    values.push(q.status);
    where.push(`status = $${values.length}`);
  }
  const text = `SELECT ${NOTICE_COLUMNS} FROM notices ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ledger_idx`;
  const { rows } = await db.query<NoticeRow>(text, values);
  return rows.map(toNotice);
}

export async function readNotice(db: Queryable, id: string): Promise<StoredNotice | null> {
  const { rows } = await db.query<NoticeRow>({
    name: 'truceline_read_notice',
    text: `SELECT ${NOTICE_COLUMNS} FROM notices WHERE id = $1`,
    values: [id],
  });
  return rows[0] ? toNotice(rows[0]) : null;
}

interface SilenceRow {
  id: string;
  silence: string;
  ledger_idx: number;
  updated_ledger_idx: number;
  /** One of the window's events, or null for a window without any (which the log cannot make). */
  event_idx: number | null;
  event: string | null;
}

type SilenceEventEntry = StoredSilence['events'][number];

/**
 * Windows with their histories in one statement (so one snapshot): a row per event, windows in
 * proposal order and each window's events in ledger order, folded here.
 */
const SILENCES_WITH_EVENTS = `SELECT s.id, s.silence, s.ledger_idx, s.updated_ledger_idx, e.ledger_idx AS event_idx, e.event
  FROM silences s LEFT JOIN silence_events e ON e.silence_id = s.id`;

function foldSilences(rows: readonly SilenceRow[]): StoredSilence[] {
  const out: {
    silence: StoredSilence['silence'];
    ledgerIndex: number;
    updatedLedgerIndex: number;
    events: SilenceEventEntry[];
  }[] = [];
  let current: string | null = null;
  for (const r of rows) {
    if (r.id !== current) {
      current = r.id;
      out.push({
        silence: JSON.parse(r.silence) as StoredSilence['silence'],
        ledgerIndex: r.ledger_idx,
        updatedLedgerIndex: r.updated_ledger_idx,
        events: [],
      });
    }
    if (r.event_idx !== null && r.event !== null) {
      out[out.length - 1]!.events.push({
        ledgerIndex: r.event_idx,
        event: JSON.parse(r.event) as SilenceEventEntry['event'],
      });
    }
  }
  return out;
}

/** Windows of silence in the order they were proposed. */
export async function readSilences(db: Queryable): Promise<StoredSilence[]> {
  const { rows } = await db.query<SilenceRow>({
    name: 'truceline_read_silences',
    text: `${SILENCES_WITH_EVENTS} ORDER BY s.ledger_idx, e.ledger_idx`,
  });
  return foldSilences(rows);
}

export async function readSilence(db: Queryable, id: string): Promise<StoredSilence | null> {
  const { rows } = await db.query<SilenceRow>({
    name: 'truceline_read_silence',
    text: `${SILENCES_WITH_EVENTS} WHERE s.id = $1 ORDER BY e.ledger_idx`,
    values: [id],
  });
  return foldSilences(rows)[0] ?? null;
}
