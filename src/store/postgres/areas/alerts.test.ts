/**
 * The alerts area on PostgreSQL against SQLite's. A SQLite mission lives through an alert's life
 * with the app's own use cases: observations filed and fused into an incident, the incident
 * verified through the workflow (a finding), the alert scheduler raising the threshold alert,
 * webhook deliveries failing, retrying, succeeding, email deliveries parked, an early warning
 * acknowledged by its signed link, escalation at the deadline opening a guarantor consultation
 * whose evidence proves the finding, the top of the ladder going overdue, and the guarantor's
 * acknowledgement. Its ledger is then replayed, entry by entry, into a PostgreSQL store, and every
 * read of the area must answer the same on both, before and after a rebuild; the audit finds the
 * PostgreSQL state clean, and finds a tampered row.
 *
 * The same story is also run by the use cases directly on a second PostgreSQL store (the scheduler,
 * deliveries and acknowledgements reading and writing through the adapter), which must end in
 * the same reads, but for the hashes of inclusion proofs (sealed leaves carry random salts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledgeStoredAlert,
  ALERT_EVENT_TYPES,
  AlertScheduler,
  alertLedgerEvent,
  listAlertEvents,
  listAlerts,
  parseAlertsConfig,
  type SchedulerClock,
  type StoredAlert,
  type StoredAlertEvent,
  type StoredConsultation,
  type StoredDelivery,
  type WarningAlert,
} from '../../../app/alerts/index.js';
import { recordRaised } from '../../../app/alerts/raise.js';
import { decodeLeaf, isSealed, type LedgerEvent } from '../../../app/events/event.js';
import { fileAndFuse } from '../../../app/fusion/file-and-fuse.js';
import { IncidentFuser } from '../../../app/fusion/index.js';
import { openMission, type Mission } from '../../../app/mission.js';
import { applyWorkflowCommand } from '../../../app/workflow/index.js';
import { leafHash, verifyInclusion } from '../../../ledger/index.js';
import type { Store } from '../../port.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../scratch-database.js';
import { PostgresStore } from '../store.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);
const skipReason = probe.ok ? null : `no PostgreSQL server answers at ${SERVER} (${probe.reason})`;
if (skipReason) {
  console.warn(`src/store/postgres/areas/alerts.test.ts: skipped, ${skipReason}`);
  it.skip(`PostgreSQL alerts area: ${skipReason}`, () => undefined);
}

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.parse('2026-03-10T06:00:00Z');
const SECTOR = 'donetsk-north';
const HOOK_CHIEF = 'https://chief.mission.example/hook';
const HOOK_DESK = 'https://desk.guarantor.example/hook';

let dir: string;
let mission: Mission;
let db: ScratchDatabase;
/** The SQLite mission's ledger replayed. */
let replayed: PostgresStore;
/** The same story run by the use cases on PostgreSQL itself. */
let direct: PostgresStore;

/** What the use cases need of a mission. */
type MissionLike = Pick<Mission, 'store' | 'agreement' | 'signingKey'>;

/** Runs SQL in `schema` of the run's database (tampering). */
async function sql(schema: string, text: string, values: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: db.url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** Every read of the area, including unknown ids and per-alert filters. */
async function reads(store: Store) {
  const alerts = (await store.listAlerts!()) as StoredAlert[];
  const ids = [...alerts.map((a) => a.record.alert.id), 'no-such-alert', ''];
  const consultations = (await store.listConsultations!()) as StoredConsultation[];
  const consultationIds = [...consultations.map((c) => c.consultation.id), 'cons:none'];
  const each = async <T>(keys: string[], fn: (k: string) => Promise<T>) => {
    const out: Record<string, T> = {};
    for (const k of keys) out[k] = await fn(k);
    return out;
  };
  return {
    alerts,
    alert: await each(ids, (id) => store.getAlert!(id)),
    deliveries: await store.listAlertDeliveries!(),
    deliveriesOf: await each(ids, (id) => store.listAlertDeliveries!(id)),
    events: await store.listAlertEvents!(),
    eventsOf: await each([...ids, ...consultationIds], (id) => store.listAlertEvents!(id)),
    consultations,
    consultation: await each(consultationIds, (id) => store.getConsultation!(id)),
  };
}

/** Files and fuses rocket impacts in the sector, and verifies the incident with a finding. */
async function verifiedRocketIncident({ store, agreement }: MissionLike): Promise<string> {
  const fuser = new IncidentFuser(store, agreement, { log: () => undefined });
  const at = (m: number) => new Date(T0 - 3 * H + m * MIN).toISOString();
  const observations = [0, 1, 2].map((n) => ({
    id: `obs-rocket-${n}`,
    source: { kind: 'monitor', id: `patrol-${n + 1}` },
    observedAt: { from: at(n), to: at(n + 2) },
    // Deep in the rear, 53 km from the line: the rocket alert alone, no withdrawal claim (an MLRS
    // of unstated calibre landing there may have been fired from beyond every MLRS rule's distance).
    location: { lat: 48.4 + n * 0.001, lon: 36.4 + n * 0.001, radiusM: 800 },
    event: 'explosion',
    count: 4 + n,
    weapon: 'mlrs',
    direction: 'impact',
  }));
  await fileAndFuse(store, fuser, observations, { actor: 'user:monitor', nowMs: T0 - 2 * H });
  const page = await store.queryIncidents!({ from: new Date(T0 - 4 * H).toISOString(), limit: 100 });
  expect(page.items).toHaveLength(1);
  const id = page.items[0]!.incident.id;
  const step = (cmd: unknown, who: string, dt: number) =>
    applyWorkflowCommand(store, agreement, id, cmd, { id: who, role: who === 'chief' ? 'chief' : 'analyst' }, T0 - H + dt);
  await step({ type: 'triage', reason: 'rocket impacts reported by three patrols' }, 'analyst', 0);
  await step({ type: 'assign_analyst', analyst: 'analyst', dueAt: new Date(T0 + 24 * H).toISOString(), reason: 'sector lead' }, 'chief', 1000);
  await step({ type: 'start_investigation', reason: 'craters to measure' }, 'analyst', 2000);
  await step(
    {
      type: 'propose_assessment',
      outcome: 'verified',
      finding: { summary: 'Multiple rocket impacts in the sector', attributedTo: null, provisions: ['ceasefire'], escalationRelevant: true },
      reason: 'three patrols agree',
    },
    'analyst',
    3000,
  );
  await step({ type: 'confirm_assessment', reason: 'checked independently' }, 'analyst-2', 4000);
  // Relevant to escalation: the chief monitor signs the finding off.
  await step({ type: 'sign_off', reason: 'rockets in the sector: escalate' }, 'chief', 5000);
  return id;
}

/**
 * An alert's life through the use cases: the threshold alert raised by the scheduler from the
 * verified incident, an early warning, webhook deliveries failing, retried, delivered and (the
 * guarantors' desk, from escalation on) failing again, email deliveries parked for want of an
 * SMTP server, the warning acknowledged by its link, level 2 escalated at its deadline to level 3
 * with a consultation, level 3 overdue at the top of the ladder, then acknowledged (twice: the
 * second records nothing). Webhook receivers are a fetch answering per URL.
 */
async function story(m: MissionLike): Promise<void> {
  const { store } = m;
  const incidentId = await verifiedRocketIncident(m);
  const answers = new Map<string, number[]>([
    [HOOK_CHIEF, [503, 200]],
    [HOOK_DESK, [200]],
  ]);
  const hits: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input instanceof Request ? input.url : input);
    hits.push(url);
    const queue = answers.get(url) ?? [200];
    const status = queue.length > 1 ? queue.shift()! : queue[0]!;
    return new Response(status === 200 ? 'ok' : 'unavailable', { status });
  }) as typeof globalThis.fetch;
  let clock = T0;
  const timers: SchedulerClock = { now: () => clock, setTimeout: () => null, clearTimeout: () => undefined };
  const config = parseAlertsConfig({
    webhookSecret: 'whsec-pg-alerts-0123456789',
    recipients: {
      chief_monitor: { webhooks: [HOOK_CHIEF], emails: ['chief@mission.example'] },
      guarantors: { webhooks: [HOOK_DESK] },
    },
    webhook: { maxAttempts: 4, baseDelayMs: 60_000, maxDelayMs: 600_000 },
  });
  const scheduler = new AlertScheduler({ mission: m, config, clock: timers, mailer: null, fetch, random: () => 0.5, log: () => undefined });

  // An early warning for the sector, raised in the same instant as the threshold alert.
  const warning: WarningAlert = {
    id: `ew:${SECTOR}:${new Date(T0).toISOString().slice(0, 13)}`,
    sectorId: SECTOR,
    summary: 'Early warning: 9 incidents in Donetsk north in 3 h against 1.2 expected (p = 2.0e-5)',
    warning: { sectorId: SECTOR, fromMs: T0 - 3 * H, toMs: T0, observed: 9, expected: 1.2, pValue: 2e-5, dispersion: 0.3, baselineBlocks: 8 },
    recipients: ['chief_monitor'],
    raisedAtMs: T0,
    state: 'raised',
    acknowledgedBy: null,
    history: [{ state: 'raised', atMs: T0 }],
  };
  await recordRaised(store, T0, [{ kind: 'early_warning', alert: warning }], []);

  const first = await scheduler.tick();
  expect(first.raised.alerts.map((a) => [a.thresholdId, a.level, a.incidentIds])).toEqual([['esc-heavy-rockets', 2, [incidentId]]]);
  const l2 = first.raised.alerts[0]!;
  clock = T0 + 2 * MIN;
  await scheduler.tick();
  // the chief's hook: the warning and the alert, one of them failing once and tried again
  expect(hits.filter((u) => u === HOOK_CHIEF)).toHaveLength(3);
  await acknowledgeStoredAlert(store, warning.id, 'chief_monitor', T0 + 3 * MIN, 'ack-link', 'link');

  answers.set(HOOK_DESK, [503]);
  clock = l2.ackDeadlineMs;
  const escalation = await scheduler.tick();
  expect(escalation.escalation.escalated).toEqual([l2.id]);
  expect(escalation.escalation.consultations).toHaveLength(1);
  const l3 = escalation.escalation.raised[0]!;
  clock = l3.ackDeadlineMs;
  expect((await scheduler.tick()).escalation.stranded).toEqual([l3.id]);
  await acknowledgeStoredAlert(store, l3.id, 'guarantors', l3.ackDeadlineMs + MIN, 'user:guarantor', 'api');
  expect((await acknowledgeStoredAlert(store, l3.id, 'guarantors', l3.ackDeadlineMs + 2 * MIN, 'user:guarantor', 'api')).recorded).toBe(false);
  clock = l3.ackDeadlineMs + 3 * MIN;
  await scheduler.tick();
}

/** Checks a consultation's first evidence item against `store`'s own ledger (RFC 9162 inclusion). */
async function expectProvenEvidence(store: Store): Promise<void> {
  const [consultation] = (await store.listConsultations!()) as StoredConsultation[];
  const proof = consultation!.consultation.evidence[0]!;
  const root = await store.ledger.root(proof.treeSize);
  const leaf = (await store.ledger.entry(proof.ledgerIndex))!;
  expect(() => verifyInclusion(proof.ledgerIndex, proof.treeSize, leafHash(leaf), proof.inclusionProof.map((h) => Buffer.from(h, 'hex')), root)).not.toThrow();
}

/**
 * The reads with each inclusion proof's hashes replaced by their count: sealed leaves carry random
 * salts, so two ledgers of the same events have other hashes (the proofs are checked on their own).
 */
function withoutProofHashes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'inclusionProof' && Array.isArray(v) ? `${v.length} hashes` : v)));
}

/** `source`'s ledger entries [from, size), one by one, into `target` at the same indexes. */
async function replay(source: Store, target: PostgresStore, from = 0): Promise<void> {
  const size = await source.ledger.size();
  for (let i = from; i < size; i++) {
    const leaf = decodeLeaf((await source.ledger.entry(i))!);
    const confidential = isSealed(leaf);
    const event = confidential ? (JSON.parse((await source.sealedEntry!(i))!.content) as LedgerEvent) : leaf;
    const written = await target.write(async (tx) => {
      if (event.type === 'agreement.bound') {
        const doc = (await source.getDocument((event.data as { digest: string }).digest))!;
        await tx.putDocument(doc.body, doc.mediaType);
      }
      return tx.record([{ event, ...(confidential ? { confidential: true } : {}) }]);
    });
    expect(written.firstIndex).toBe(i);
  }
}

describe.skipIf(skipReason !== null)('alerts area on PostgreSQL', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'truceline-pg-alerts-'));
    mission = await openMission(dir, { synchronous: 'NORMAL', nowMs: T0 - 6 * H });
    db = await createScratchDatabase(SERVER);
    replayed = await PostgresStore.open(db.url, { schema: 'alerts_replayed', maxConnections: 4 });
    direct = await PostgresStore.open(db.url, { schema: 'alerts_direct', maxConnections: 4 });
    // The direct store starts as the mission did: its agreement and mission.created.
    await replay(mission.store, direct);
  }, 60_000);
  afterAll(async () => {
    await replayed?.close();
    await direct?.close();
    await mission?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers every read as SQLite does after the same ledger, through a rebuild, and audits clean', async () => {
    const { store } = mission;
    await story(mission);

    // The SQLite side holds what the story says, so the comparison below covers every path.
    expect(new Set((await listAlertEvents(store)).map((e) => e.type))).toEqual(new Set(ALERT_EVENT_TYPES));
    const deliveries = (await store.listAlertDeliveries!()) as StoredDelivery[];
    expect(new Set(deliveries.map((d) => d.status))).toEqual(new Set(['delivered', 'retrying', 'parked']));
    expect(deliveries.some((d) => d.status === 'retrying' && d.nextAtMs !== null)).toBe(true);
    expect((await listAlerts(store)).map((a) => [a.record.kind, a.record.alert.state])).toEqual([
      // raised at the same instant: ordered by id, 'esc-…' before 'ew:…'
      ['escalation', 'escalated'],
      ['early_warning', 'acknowledged'],
      ['escalation', 'acknowledged'],
    ]);
    await expectProvenEvidence(store);
    expect((await store.auditState()).differences).toEqual([]);

    // The same ledger into PostgreSQL: every read equal, ordering included.
    await replay(store, replayed);
    expect(await replayed.ledger.size()).toBe(await store.ledger.size());
    const expected = await reads(store);
    expect(await reads(replayed)).toEqual(expected);
    expect((await replayed.auditState()).differences).toEqual([]);
    expect(await replayed.rebuild()).toBe(await store.ledger.size());
    expect(await reads(replayed)).toEqual(expected);
    expect((await replayed.auditState()).differences).toEqual([]);
  }, 120_000);

  it('ends the same story run by the use cases on PostgreSQL in the same reads', async () => {
    await story({ store: direct, agreement: mission.agreement, signingKey: mission.signingKey });
    expect(await direct.ledger.size()).toBe(await mission.store.ledger.size());
    expect(withoutProofHashes(await reads(direct))).toEqual(withoutProofHashes(await reads(mission.store)));
    await expectProvenEvidence(direct);
    expect((await direct.auditState()).differences).toEqual([]);
  }, 120_000);

  it('reports tampered alert rows in the audit, naming the table, key and ledger entry', async () => {
    const alerts = (await replayed.listAlerts()) as StoredAlert[];
    expect(alerts.length, 'the first test filled the store').toBeGreaterThan(0);
    const victim = alerts[alerts.length - 1]!.record.alert.id;
    const [event] = (await replayed.listAlertEvents(victim)) as StoredAlertEvent[];
    const [delivery] = (await replayed.listAlertDeliveries()) as StoredDelivery[];
    await sql('alerts_replayed', "UPDATE alerts SET state = 'raised' WHERE id = $1", [victim]);
    await sql('alerts_replayed', 'DELETE FROM alert_events WHERE ledger_idx = $1', [event!.ledgerIndex]);
    await sql('alerts_replayed', 'UPDATE alert_deliveries SET attempts = attempts + 1 WHERE alert_id = $1 AND channel = $2 AND target = $3', [
      delivery!.alertId,
      delivery!.channel,
      delivery!.target,
    ]);
    await sql('alerts_replayed', "INSERT INTO consultations (id, record, opened_at_ms, ledger_idx) VALUES ('cons:forged', '{}', 0, 1)");
    const { differences } = await replayed.auditState();
    expect(differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'alerts', key: victim, what: 'changed', detail: expect.stringContaining('state') }),
        expect.objectContaining({ table: 'alert_events', key: String(event!.ledgerIndex), ledgerIndex: event!.ledgerIndex, what: 'missing' }),
        expect.objectContaining({ table: 'alert_deliveries', key: `${delivery!.alertId} ${delivery!.channel} ${delivery!.target}`, what: 'changed', detail: expect.stringContaining('attempts') }),
        expect.objectContaining({ table: 'consultations', key: 'cons:forged', ledgerIndex: 1, what: 'unexpected' }),
      ]),
    );
    expect(differences).toHaveLength(4);
    // A rebuild puts the log's state back.
    await replayed.rebuild();
    expect((await replayed.auditState()).differences).toEqual([]);
  }, 60_000);

  it('refuses, as SQLite does, an event about an alert never raised and a second raise of one id, recording nothing', async () => {
    const [existing] = (await replayed.listAlerts()) as StoredAlert[];
    expect(existing).toBeDefined();
    const orphan = alertLedgerEvent('alert.delivery_attempted', T0, 'system', {
      alertId: 'no-such-alert',
      channel: 'webhook',
      recipient: 'guarantors',
      target: HOOK_DESK,
      attempt: 1,
      ok: true,
      status: 200,
      error: null,
      retryAtMs: null,
    });
    const again = alertLedgerEvent('alert.raised', T0, 'system', { record: existing!.record });
    for (const store of [mission.store, replayed] as Store[]) {
      const size = await store.ledger.size();
      await expect(store.write((tx) => tx.record([orphan]))).rejects.toThrow(/no alert no-such-alert/);
      await expect(store.write((tx) => tx.record([again]))).rejects.toThrow(/exists already/);
      expect(await store.ledger.size()).toBe(size);
    }
    expect(await reads(replayed)).toEqual(await reads(mission.store));
  }, 60_000);
});
