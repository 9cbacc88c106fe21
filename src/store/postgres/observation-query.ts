/**
 * Observation reads of the PostgreSQL adapter: the SQL of `queryObservations` (the same filters,
 * cursor and visibility rules as the SQLite adapter's), the row shape and the cursor format.
 * Every value reaches PostgreSQL as a parameter; only fixed fragments are concatenated.
 */
import type { Observation } from '../../domain/observation/types.js';
import type { ObservationQuery, StoredObservation } from '../port.js';

export interface ObservationRow {
  rid: number;
  body: string;
  digest: string;
  received_at: string;
  ledger_idx: number;
}

export const OBSERVATION_COLUMNS = 'o.rid, o.body, o.digest, o.received_at, o.ledger_idx';

export function toStored(row: ObservationRow): StoredObservation {
  return {
    observation: JSON.parse(row.body) as Observation,
    digest: row.digest,
    receivedAt: row.received_at,
    ledgerIndex: row.ledger_idx,
    rid: row.rid,
  };
}

/** The same opaque cursor as the SQLite adapter's: base64url of `o:<rid>`. */
export function encodeCursor(rid: number): string {
  return Buffer.from(`o:${rid}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const m = /^o:(\d{1,15})$/.exec(text);
  if (!m) throw new Error(`cursor '${cursor}' is not one this server issued`);
  return Number(m[1]);
}

/**
 * SELECT for one page of `q`, in rid (ledger) order, asking for one row more than `q.limit` so the
 * caller knows whether a next page exists.
 *
 * - bbox [west, south, east, north]: observations whose extent overlaps it. `&&` on the GiST
 *   expression index (see areas/core.ts) narrows the rows; the four exact comparisons decide,
 *   as SQLite's R*Tree query does.
 * - from / to: observations whose window overlaps [from, to] (ms since the epoch).
 * - events, weapons, sourceKinds: any of the listed values; an empty list does not filter.
 * - visibleTo without mission rights: public rows, plus the party's own rows for a party.
 */
export function observationPageSql(q: ObservationQuery): { text: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (q.bbox) {
    const [west, south, east, north] = q.bbox.map(param) as [string, string, string, string];
    where.push(
      `box(point(o.min_lon, o.min_lat), point(o.max_lon, o.max_lat)) && box(point(${west}::float8, ${south}::float8), point(${east}::float8, ${north}::float8))`,
      `o.max_lon >= ${west}::float8 AND o.min_lon <= ${east}::float8 AND o.max_lat >= ${south}::float8 AND o.min_lat <= ${north}::float8`,
    );
  }
  if (q.from) where.push(`o.t_to >= ${param(instantMs(q.from, 'from'))}::bigint`);
  if (q.to) where.push(`o.t_from <= ${param(instantMs(q.to, 'to'))}::bigint`);
  const anyOf = (column: string, list: readonly string[] | undefined) => {
    if (list && list.length > 0) where.push(`${column} = ANY(${param([...list])}::text[])`);
  };
  anyOf('o.event', q.events);
  anyOf('o.weapon', q.weapons);
  anyOf('o.source_kind', q.sourceKinds);
  if (q.visibleTo && !q.visibleTo.mission) {
    if (q.visibleTo.party) where.push(`(o.visibility = 'public' OR o.party = ${param(q.visibleTo.party)})`);
    else where.push("o.visibility = 'public'");
  }
  if (q.cursor) where.push(`o.rid > ${param(decodeCursor(q.cursor))}::bigint`);
  const text = `SELECT ${OBSERVATION_COLUMNS} FROM observations o
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY o.rid LIMIT ${param(q.limit + 1)}::bigint`;
  return { text, values };
}

function instantMs(text: string, what: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`${what} '${text}' is not an ISO 8601 instant`);
  return ms;
}
