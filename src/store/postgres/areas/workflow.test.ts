/**
 * The workflow area on PostgreSQL against SQLite's: the scenario of test-support/incident-scenario.ts
 * (workflow steps run through src/app/workflow on both stores, one addressed by an alias, a reply,
 * a lapsed reply, incidents merged after their workflows began), then getIncidentWorkflow,
 * listOpenReplyIncidents and the incidents' status column compared, the ledgers compared entry by
 * entry, the appliers' refusals, a rebuild, the audit and tampering. Skips only when no PostgreSQL
 * server answers.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf, isSealed, type LedgerEvent } from '../../../app/events/event.js';
import { recordLapsedReplies } from '../../../app/workflow/reply-lapse.js';
import { readWorkflow, workflowLedgerEvent } from '../../../app/workflow/index.js';
import type { Store } from '../../port.js';
import { WORKFLOW_EVENT_TYPES as SQLITE_WORKFLOW_EVENT_TYPES } from '../../sqlite/areas/workflow.js';
import type { SqliteStore } from '../../sqlite/store.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../scratch-database.js';
import { PostgresStore } from '../store.js';
import { buildScenario, openSqlite, type Scenario } from './test-support/incident-scenario.js';
import { WORKFLOW_EVENT_TYPES, workflowArea } from './workflow.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);
const skipReason = probe.ok ? null : `no PostgreSQL server answers at ${SERVER} (${probe.reason})`;
if (skipReason) {
  console.warn(`workflow.test.ts: skipped, ${skipReason}`);
  it.skip(`PostgreSQL workflow: ${skipReason}`, () => undefined);
}

const SCHEMA = 'workflow_diff';
let db: ScratchDatabase;
let sqlite: SqliteStore;
let store: PostgresStore;
let scenario: Scenario;
/** Every id a workflow may be kept under: live incidents, their aliases, and ids never seen. */
let ids: string[];

async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: db.url, options: `-c search_path=${SCHEMA}` });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function expectSameWorkflows(): Promise<void> {
  for (const id of ids) expect(await store.getIncidentWorkflow(id), id).toEqual(await sqlite.getIncidentWorkflow(id));
  expect(await store.listOpenReplyIncidents()).toEqual(await sqlite.listOpenReplyIncidents());
  const statuses = async (s: Store) => (await s.queryIncidents!({ limit: 10_000 })).items.map((i) => [i.incident.id, i.status]);
  expect(await statuses(store)).toEqual(await statuses(sqlite));
}

const event = (type: string, data: Record<string, unknown>): LedgerEvent => ({ v: 1, type, at: '2026-03-09T00:00:00.000Z', actor: 'test', data });

describe.skipIf(skipReason !== null)('PostgreSQL workflow area against SQLite', () => {
  beforeAll(async () => {
    db = await createScratchDatabase(SERVER);
    sqlite = openSqlite();
    store = await PostgresStore.open(db.url, { schema: SCHEMA, maxConnections: 4 });
    scenario = await buildScenario(sqlite, store);
    const live = (await sqlite.queryIncidents({ limit: 10_000 })).items;
    ids = [...live.map((i) => i.incident.id), ...live.flatMap((i) => i.incident.aliases), 'inc-none', ''];
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await sqlite?.close();
    await db?.drop();
  });

  it('lists the same event types as the SQLite area', () => {
    expect([...WORKFLOW_EVENT_TYPES]).toEqual([...SQLITE_WORKFLOW_EVENT_TYPES]);
  });

  it('both ledgers hold the same events at the same indexes', async () => {
    const size = await sqlite.ledger.size();
    expect(await store.ledger.size()).toBe(size);
    for (let i = 0; i < size; i++) {
      const a = (await sqlite.ledger.entry(i))!;
      const b = (await store.ledger.entry(i))!;
      const leaf = decodeLeaf(a);
      expect(isSealed(decodeLeaf(b)), `entry ${i}`).toBe(isSealed(leaf));
      if (isSealed(leaf)) expect((await store.sealedEntry(i))?.content, `entry ${i}`).toBe((await sqlite.sealedEntry(i))?.content);
      else expect(Buffer.from(b).equals(Buffer.from(a)), `entry ${i}`).toBe(true);
    }
  });

  it('reads every workflow, the open replies and the statuses as SQLite does', async () => {
    expect(scenario.steps.length).toBeGreaterThan(20);
    expect(scenario.lapsed).toBe(1);
    await expectSameWorkflows();
    // inc-x's workflow stays under its own id after inc-x was absorbed: the reply reached it through the alias inc-y.
    const x = (await readWorkflow(store, 'inc-x'))!;
    expect(x.state).toMatchObject({ incidentId: 'inc-x', status: 'verified' });
    expect(x.events.map((e) => e.event.type)).toEqual([
      'incident.reported',
      'incident.triaged',
      'incident.analyst_assigned',
      'incident.investigation_started',
      'incident.assessment_proposed',
      'incident.assessment_confirmed',
      'finding.replied',
    ]);
    expect(x.events.map((e) => e.ledgerIndex)).toEqual([...x.events.map((e) => e.ledgerIndex)].sort((p, q) => p - q));
    expect(await store.getIncidentWorkflow('inc-y')).toBeNull();
    expect((await readWorkflow(store, 'inc-s0'))!.events.at(-1)!.event.type).toBe('finding.reply_lapsed');
    expect((await store.getIncident('inc-s0'))!.status).toBe('verified');
    expect(await store.listOpenReplyIncidents()).toHaveLength(1);
  });

  it('a later reply-lapse pass through the use case closes the last window on both', async () => {
    const later = Date.parse('2026-03-20T00:00:00Z');
    const a = await recordLapsedReplies(sqlite, later);
    const b = await recordLapsedReplies(store, later);
    expect(b).toEqual(a);
    expect(a).toHaveLength(1);
    expect(await store.listOpenReplyIncidents()).toEqual([]);
    await expectSameWorkflows();
  });

  it('refuses a workflow event that cannot follow, as SQLite does, and records nothing', async () => {
    const x = (await readWorkflow(store, 'inc-x'))!;
    const cases: LedgerEvent[] = [
      event('incident.triaged', { type: 'incident.triaged', incidentId: 'inc-none', seq: 2 }),
      workflowLedgerEvent({ ...x.events[1]!.event, seq: x.state.seq + 5 }),
      workflowLedgerEvent(x.events[0]!.event),
      event('incident.triaged', { type: 'incident.reported', incidentId: 'inc-x' }),
    ];
    for (const e of cases) {
      const size = await store.ledger.size();
      const lite = await sqlite.write((tx) => tx.record([{ event: e }])).then(() => null, (err: Error) => err.message);
      const got = await store.write((tx) => tx.record([{ event: e }])).then(() => null, (err: Error) => err.message);
      expect(lite).toMatch(/incident|workflow/);
      expect(got).toContain(lite);
      expect(await store.ledger.size()).toBe(size);
    }
  });

  it('audits clean, reports tampered rows with SQLite’s keys, and a rebuild gives the same reads', async () => {
    expect((await store.auditState()).differences).toEqual([]);
    await sql(`UPDATE incident_workflows SET state = replace(state, '"verified"', '"disputed"') WHERE incident_id = 'inc-x'`);
    await sql("DELETE FROM incident_workflow_events WHERE incident_id = 'inc-x' AND seq = 2");
    const { differences } = await store.auditState();
    expect(differences).toEqual([
      expect.objectContaining({ table: 'incident_workflow_events', key: 'inc-x 000000002', what: 'missing' }),
      expect.objectContaining({ table: 'incident_workflows', key: 'inc-x', what: 'changed', detail: expect.stringMatching(/state/) }),
    ]);
    expect(await store.rebuild()).toBe(await store.ledger.size());
    expect((await store.auditState()).differences).toEqual([]);
    await expectSameWorkflows();
  }, 120_000);

  it("its second migration brings incidents' status up to date from the workflows", async () => {
    const before = await sql<{ id: string; status: string }>('SELECT id, status FROM incidents ORDER BY id');
    expect(before.some((r) => r.status !== 'reported')).toBe(true);
    await sql("UPDATE incidents SET status = 'reported'");
    await sql(workflowArea.migrations[1]!.sql);
    expect(await sql('SELECT id, status FROM incidents ORDER BY id')).toEqual(before);
    expect((await store.auditState()).differences).toEqual([]);
  });
});
