/**
 * The reports area on PostgreSQL against its SQLite twin. A mission on SQLite files and fuses a
 * few days of reports and the chief publishes daily and weekly reports; the PostgreSQL store
 * records the same ledger events (no confidential filing, so the two logs are byte for byte the
 * same and so are the publication blocks). Every read must answer the same on both, a report
 * published on each store by the use case must come out the same, and a rebuild, the audit and a
 * tampered row behave as on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAndFuse, IncidentFuser } from '../../../app/fusion/index.js';
import { missionVerifierKey, openMission, type Mission } from '../../../app/mission.js';
import { missionGazetteer } from '../../../app/reports/gazetteer.js';
import { listPublishedReports, publishReport, readPublishedReport, type PublishingMission } from '../../../app/reports/publish.js';
import { reportJson } from '../../../app/reports/json.js';
import { verifyReportCopy } from '../../../app/reports/verify.js';
import { iso, obs, offset, pointAt, T0 } from '../../../domain/fusion/test-support/scenario.js';
import type { ReportModel } from '../../../domain/report/index.js';
import type { LonLat } from '../../../domain/units.js';
import type { Store } from '../../port.js';
import { createScratchDatabase, testServerUrl, type ScratchDatabase } from '../scratch-database.js';
import { PostgresStore } from '../store.js';
import { noServerReason, recordSameEvents, sqlIn } from './test-support/ledger-replay.js';

const skipReason = await noServerReason();
if (skipReason) {
  console.warn(`src/store/postgres/areas/reports.test.ts: skipped, ${skipReason}`);
  it.skip(`PostgreSQL reports area: ${skipReason}`, () => undefined);
}

const NOW = Date.parse('2026-03-03T08:00:00Z');
const DAY = 86_400_000;
const SCHEMA = 'reports_diff';
const chief = { name: 'chief', role: 'chief' };
const PUBLISHED = [
  { kind: 'daily', date: '2026-03-01' },
  { kind: 'daily', date: '2026-03-02' },
  { kind: 'weekly', date: '2026-03-02' },
] as const;

const dir = mkdtempSync(join(tmpdir(), 'truceline-pg-reports-'));
let db: ScratchDatabase;
let mission: Mission;
let onSqlite: PublishingMission;
let onPg: PublishingMission;
let pgStore: PostgresStore;
const sql = <R extends Record<string, unknown>>(text: string, values: unknown[] = []) => sqlIn<R>(db.url, SCHEMA, text, values);

/** Every reports read of the port on one store, including the ones that find nothing. */
async function reportReads(store: Store) {
  const asked = [...PUBLISHED, { kind: 'weekly', date: '2026-03-01' }, { kind: 'daily', date: '2026-02-20' }, { kind: 'monthly', date: '2026-03-02' }, { kind: 'daily', date: '' }];
  return {
    list: await store.listPublishedReports!(),
    each: await Promise.all(asked.map((r) => store.getPublishedReport!(r.kind, r.date))),
  };
}

describe.skipIf(skipReason !== null)('PostgreSQL reports area, against SQLite', () => {
  beforeAll(async () => {
    db = await createScratchDatabase(testServerUrl());
    mission = await openMission(join(dir, 'data'), { databaseUrl: '', synchronous: 'NORMAL', nowMs: T0 - 10 * DAY });
    expect(mission.store.kind).toBe('sqlite');
    onSqlite = { ...mission, gazetteer: missionGazetteer(mission.dataDir) };
    const line = mission.agreement.lineOfContact as readonly LonLat[];
    const fuser = new IncidentFuser(mission.store, mission.agreement, { log: () => undefined });
    // Fire over five days along the line, a batch a day as the field teams report it.
    for (let d = 4; d >= 0; d--) {
      const from = T0 - d * DAY;
      const window = { observedAt: { from: iso(from), to: iso(from + 5 * 60_000) } };
      await fileAndFuse(
        mission.store,
        fuser,
        [
          obs(`e${d}`, { ...pointAt(offset(line[10 + d]!, 90, 2), 400), ...window, count: 2 + d, visibility: 'public' }),
          obs(`s${d}`, { ...pointAt(offset(line[30 - d]!, 270, 3), 300), ...window, event: 'small_arms_burst', weapon: 'small_arms', count: 4 }),
        ],
        { actor: 'test', nowMs: from + DAY / 2 },
      );
    }
    for (const r of PUBLISHED) await publishReport(onSqlite, r, chief, NOW);

    pgStore = await PostgresStore.open(db.url, { schema: SCHEMA, maxConnections: 4 });
    onPg = { ...onSqlite, store: pgStore };
    await recordSameEvents(mission.store, pgStore, 0);
  }, 120_000);
  afterAll(async () => {
    await pgStore?.close();
    await mission?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the reports reads exactly as SQLite: newest date first, unknown kind or date as null', async () => {
    const [a, b] = [await reportReads(mission.store), await reportReads(pgStore)];
    expect(b).toEqual(a);
    expect(a.list.map((r) => `${r.kind} ${r.date}`)).toEqual(['daily 2026-03-02', 'weekly 2026-03-02', 'daily 2026-03-01']);
    expect(a.each.slice(3)).toEqual([null, null, null, null]);
    expect(b.list[0]).toMatchObject({ approvedBy: 'chief', approvedAt: new Date(NOW).toISOString() });
    expect(typeof b.list[0]!.ledgerIndex).toBe('number');
    expect(await listPublishedReports(onPg)).toEqual(await listPublishedReports(onSqlite));
  });

  it('gives the same published report, publication block and all, and the copy verifies against the PostgreSQL log', async () => {
    for (const r of PUBLISHED) {
      const fromPg = await readPublishedReport(onPg, r.kind, r.date);
      expect(fromPg).toEqual(await readPublishedReport(onSqlite, r.kind, r.date));
      expect(fromPg!.totals.current.total).toBeGreaterThan(0);
      const copy = JSON.parse(reportJson(fromPg!)) as ReportModel;
      const checked = await verifyReportCopy(copy, { keys: [missionVerifierKey(mission)], live: { kind: 'local', ledger: pgStore.ledger } });
      expect(checked.lines.filter((l) => !l.ok)).toEqual([]);
      expect(checked.ok).toBe(true);
    }
    expect(await readPublishedReport(onPg, 'weekly', '2026-03-01')).toBeNull();
  });

  it('publishes on PostgreSQL through the use case as on SQLite, and refuses the same report twice', async () => {
    const request = { kind: 'weekly', date: '2026-03-01' } as const;
    const at = NOW + 3_600_000;
    const a = await publishReport(onSqlite, request, chief, at);
    const b = await publishReport(onPg, request, chief, at);
    expect(b).toEqual(a);
    await expect(publishReport(onPg, request, chief, at)).rejects.toMatchObject({ code: 'ID_CONFLICT' });
    await expect(publishReport(onPg, { kind: 'daily', date: '2026-03-03' }, chief, at)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(await reportReads(pgStore)).toEqual(await reportReads(mission.store));
    expect(Buffer.from((await pgStore.ledger.root())).equals(Buffer.from(await mission.store.ledger.root()))).toBe(true);
  });

  it('refuses a report.published that is not one, as SQLite does, recording nothing', async () => {
    const size = await pgStore.ledger.size();
    const good = (await pgStore.getPublishedReport('daily', '2026-03-02'))!;
    const base = { modelSha256: good.modelSha256, kind: 'daily', date: '2026-03-09', from: good.from, to: good.to, missionId: 'm', agreementId: 'a' };
    for (const [actor, data] of [
      ['system', base],
      ['user:chief', { ...base, kind: 'monthly' }],
      ['user:chief', { ...base, modelSha256: 'abc' }],
      ['user:chief', { ...base, date: undefined }],
    ] as const) {
      const event = { v: 1 as const, type: 'report.published', at: new Date(NOW).toISOString(), actor, data: { ...data } };
      const refusal = async (store: Store) => store.write((tx) => tx.record([{ event }])).then(() => 'recorded', (e: Error) => e.message);
      const [ra, rb] = [await refusal(mission.store), await refusal(pgStore)];
      expect(ra).toMatch(/^report\.published at \d+: /);
      expect(rb).toContain(ra.replace(/^.*?: /, ''));
    }
    expect(await pgStore.ledger.size()).toBe(size);
  });

  it('rebuilds to the same reads, audits clean, and reports tampered rows', async () => {
    expect((await pgStore.auditState()).differences).toEqual([]);
    const before = await reportReads(pgStore);
    await pgStore.rebuild();
    expect(await reportReads(pgStore)).toEqual(before);
    expect((await pgStore.auditState()).differences).toEqual([]);

    const daily = (await pgStore.getPublishedReport('daily', '2026-03-02'))!;
    await sql("UPDATE published_reports SET approved_by = 'someone' WHERE kind = 'daily' AND date = '2026-03-02'");
    await sql("DELETE FROM published_reports WHERE kind = 'daily' AND date = '2026-03-01'");
    await sql(
      `INSERT INTO published_reports (kind, date, model_sha256, period_from, period_to, approved_by, approved_at, ledger_idx)
       VALUES ('daily', '2026-03-05', $1, $2, $3, 'chief', $4, 1)`,
      [daily.modelSha256, daily.from, daily.to, daily.approvedAt],
    );
    const audit = await pgStore.auditState();
    expect(audit.differences).toEqual([
      expect.objectContaining({ table: 'published_reports', key: 'daily 2026-03-01', what: 'missing' }),
      { table: 'published_reports', key: 'daily 2026-03-02', ledgerIndex: daily.ledgerIndex, what: 'changed', detail: expect.stringMatching(/approved_by/) },
      expect.objectContaining({ table: 'published_reports', key: 'daily 2026-03-05', ledgerIndex: 1, what: 'unexpected' }),
    ]);
    await pgStore.rebuild();
    expect((await pgStore.auditState()).differences).toEqual([]);
    expect(await reportReads(pgStore)).toEqual(before);
  });
});
