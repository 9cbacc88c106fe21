import type { LedgerEvent } from '../../../app/events/event.js';
import type { StateArea } from './area.js';

/** The `data` of a `report.published` ledger event (src/app/reports/publish.ts). */
export interface ReportPublishedData {
  /** SHA-256 (hex) of the model's canonical JSON without its publication block; also the document digest. */
  readonly modelSha256: string;
  readonly kind: 'daily' | 'weekly';
  /** Local date the period closes on. */
  readonly date: string;
  readonly from: string;
  readonly to: string;
  readonly missionId: string;
  readonly agreementId: string;
}

function check(e: LedgerEvent, index: number): ReportPublishedData {
  const d = e.data as Partial<ReportPublishedData>;
  const strings = [
    'modelSha256',
    'kind',
    'date',
    'from',
    'to',
    'missionId',
    'agreementId',
  ] as const;
  const bad = strings.filter((k) => typeof d[k] !== 'string');
  if (
    bad.length > 0 ||
    !/^[0-9a-f]{64}$/.test(d.modelSha256 ?? '') ||
    (d.kind !== 'daily' && d.kind !== 'weekly')
  )
    throw new Error(
      `report.published at ${index}: data is not a published report (${bad.join(', ') || 'modelSha256 or kind'})`,
    );
  return d as ReportPublishedData;
}

/**
 * Published daily and weekly reports: one row per (kind, date), naming the kept document (the
 * model's canonical JSON, whose SHA-256 the ledger entry records) and who approved it. The
 * publication block a reader gets (tree size, root, checkpoint, proof) is derived from the ledger
 * at serve time from `ledger_idx`, so a rebuild reproduces everything.
 */
export const reportsArea: StateArea = {
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
          ledger_idx INTEGER NOT NULL,
          PRIMARY KEY (kind, date)
        );
      `,
    },
  ],
  tables: ['published_reports'],
  keys: { published_reports: "kind || ' ' || date" },
  appliers(db) {
    const put = db.prepare(
      `INSERT INTO published_reports (kind, date, model_sha256, period_from, period_to, approved_by, approved_at, ledger_idx)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return {
      'report.published': (e, index) => {
        const d = check(e, index);
        if (!e.actor.startsWith('user:'))
          throw new Error(`report.published at ${index}: actor '${e.actor}' is not a user`);
        put.run(
          d.kind,
          d.date,
          d.modelSha256,
          d.from,
          d.to,
          e.actor.slice('user:'.length),
          e.at,
          index,
        );
      },
    };
  },
};
