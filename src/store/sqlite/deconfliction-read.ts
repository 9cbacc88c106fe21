/**
 * Reads of the declarations and notices areas (src/store/sqlite/areas/{declarations,notices}.ts)
 * and of the workflows whose reply windows are open, for SqliteStore. Reads only; the appliers
 * write.
 */
import type Database from 'better-sqlite3';
import type {
  DeclarationQuery,
  NoticeQuery,
  StoredDeclaration,
  StoredNotice,
  StoredSilence,
} from '../deconfliction-records.js';

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

/** Declarations, by party then date. */
export function readDeclarations(db: Database.Database, q: DeclarationQuery): StoredDeclaration[] {
  const rows = (
    q.party
      ? db.prepare('SELECT * FROM declarations WHERE party = ? ORDER BY party, as_of').all(q.party)
      : db.prepare('SELECT * FROM declarations ORDER BY party, as_of').all()
  ) as DeclarationRow[];
  return rows.map(toDeclaration);
}

export function readDeclaration(db: Database.Database, id: string): StoredDeclaration | null {
  const row = db.prepare('SELECT * FROM declarations WHERE id = ?').get(id) as
    DeclarationRow | undefined;
  return row ? toDeclaration(row) : null;
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

const toNotice = (r: NoticeRow): StoredNotice => ({
  notice: JSON.parse(r.notice) as StoredNotice['notice'],
  status: r.status,
  announcedBy: r.announced_by,
  late: r.late === null ? null : (JSON.parse(r.late) as StoredNotice['late']),
  withdrawn: r.withdrawn === null ? null : (JSON.parse(r.withdrawn) as StoredNotice['withdrawn']),
  ledgerIndex: r.ledger_idx,
  updatedLedgerIndex: r.updated_ledger_idx,
});

/** Notices in the order they were announced. */
export function readNotices(db: Database.Database, q: NoticeQuery): StoredNotice[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.from) {
    where.push('t_to >= ?');
    params.push(Date.parse(q.from));
  }
  if (q.to) {
    where.push('t_from <= ?');
    params.push(Date.parse(q.to));
  }
  if (q.status) {
    where.push('status = ?');
    params.push(q.status);
  }
  const sql = `SELECT * FROM notices ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY ledger_idx`;
  return (db.prepare(sql).all(...params) as NoticeRow[]).map(toNotice);
}

export function readNotice(db: Database.Database, id: string): StoredNotice | null {
  const row = db.prepare('SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow | undefined;
  return row ? toNotice(row) : null;
}

interface SilenceRow {
  id: string;
  silence: string;
  ledger_idx: number;
  updated_ledger_idx: number;
}

function toSilence(db: Database.Database, r: SilenceRow): StoredSilence {
  const events = db
    .prepare(
      'SELECT ledger_idx, event FROM silence_events WHERE silence_id = ? ORDER BY ledger_idx',
    )
    .all(r.id) as { ledger_idx: number; event: string }[];
  return {
    silence: JSON.parse(r.silence) as StoredSilence['silence'],
    ledgerIndex: r.ledger_idx,
    updatedLedgerIndex: r.updated_ledger_idx,
    events: events.map((e) => ({
      ledgerIndex: e.ledger_idx,
      event: JSON.parse(e.event) as StoredSilence['events'][number]['event'],
    })),
  };
}

/** Windows of silence in the order they were proposed. */
export function readSilences(db: Database.Database): StoredSilence[] {
  return (
    db
      .prepare(
        'SELECT id, silence, ledger_idx, updated_ledger_idx FROM silences ORDER BY ledger_idx',
      )
      .all() as SilenceRow[]
  ).map((r) => toSilence(db, r));
}

export function readSilence(db: Database.Database, id: string): StoredSilence | null {
  const row = db
    .prepare('SELECT id, silence, ledger_idx, updated_ledger_idx FROM silences WHERE id = ?')
    .get(id) as SilenceRow | undefined;
  return row ? toSilence(db, row) : null;
}

/** Ids of incidents whose workflow holds a finding with an open reply window. */
export function readOpenReplyIncidents(db: Database.Database): string[] {
  return db
    .prepare(
      `SELECT incident_id FROM incident_workflows w
       WHERE EXISTS (SELECT 1 FROM json_each(w.state, '$.findings') f WHERE json_extract(f.value, '$.reply.status') = 'open')
       ORDER BY incident_id`,
    )
    .pluck()
    .all() as string[];
}
