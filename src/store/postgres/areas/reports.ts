import type { LedgerEvent } from '../../../app/events/event.js';
import type { ReportPublishedData } from '../../sqlite/areas/reports.js';
import type { PostgresStateArea } from './area.js';

const STRINGS = ['modelSha256', 'kind', 'date', 'from', 'to', 'missionId', 'agreementId'] as const;

/** The event's data as a published report; throws, as SQLite's applier does, when it is not one. */
function check(e: LedgerEvent, index: number): ReportPublishedData {
  const d = e.data as Partial<ReportPublishedData>;
  const bad = STRINGS.filter((k) => typeof d[k] !== 'string');
  if (bad.length > 0 || !/^[0-9a-f]{64}$/.test(d.modelSha256 ?? '') || (d.kind !== 'daily' && d.kind !== 'weekly'))
    throw new Error(`report.published at ${index}: data is not a published report (${bad.join(', ') || 'modelSha256 or kind'})`);
  return d as ReportPublishedData;
}

/**
 * Published daily and weekly reports, the PostgreSQL twin of src/store/sqlite/areas/reports.ts:
 * one row per (kind, date) naming the kept document (the model's canonical JSON) and who approved
 * it. The publication block a reader gets is derived from the ledger at `ledger_idx` when read.
 */
export const reportsArea: PostgresStateArea = {
  name: 'reports',
  migrations: [
    {
      area: 'reports',
      version: 1,
      name: 'published reports',
      sql: `
        CREATE TABLE published_reports (
          kind TEXT NOT NULL,
          date TEXT NOT NULL,
          model_sha256 TEXT NOT NULL,
          period_from TEXT NOT NULL,
          period_to TEXT NOT NULL,
          approved_by TEXT NOT NULL,
          approved_at TEXT NOT NULL,
          ledger_idx BIGINT NOT NULL,
          PRIMARY KEY (kind, date)
        );
      `,
    },
  ],
  tables: ['published_reports'],
  keys: { published_reports: "kind || ' ' || date" },
  appliers(db) {
    return {
      'report.published': async (e, index) => {
        const d = check(e, index);
        if (!e.actor.startsWith('user:')) throw new Error(`report.published at ${index}: actor '${e.actor}' is not a user`);
        await db.query({
          name: 'truceline_reports_put',
          text: `INSERT INTO published_reports (kind, date, model_sha256, period_from, period_to, approved_by, approved_at, ledger_idx)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          values: [d.kind, d.date, d.modelSha256, d.from, d.to, e.actor.slice('user:'.length), e.at, index],
        });
      },
    };
  },
};
