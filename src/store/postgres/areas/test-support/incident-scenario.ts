/**
 * The incidents and workflows both adapters are compared on: a simulated scenario (seed 5, six
 * hours, the demo agreement) fused through the mission's own path (playScenario: fileAndFuse and
 * IncidentFuser) into a SQLite store, then hand-made reports fused by the same fuser so that
 * incidents merge (one absorbed incident carrying an alias of its own, which the second merge
 * retargets), split, are public or a party's confidential filing, and verification workflows run
 * through src/app/workflow on both stores, interleaved with the fusion events that follow them.
 *
 * Fusion runs once, on SQLite; its ledger events are recorded into the PostgreSQL store as they
 * are (sealed ones opened and sealed again). Workflow steps run on each store through
 * applyWorkflowCommand and recordLapsedReplies, so the adapter's reads in those use cases count
 * too; both ledgers must then hold the same events at the same indexes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeLeaf, isSealed, type LedgerEvent } from '../../../../app/events/event.js';
import { playScenario } from '../../../../app/eval/scenario.js';
import { fileAndFuse, type IncidentFuser } from '../../../../app/fusion/index.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile } from '../../../../app/mission.js';
import { applyWorkflowCommand, type AppliedStep } from '../../../../app/workflow/index.js';
import { recordLapsedReplies } from '../../../../app/workflow/reply-lapse.js';
import { at, bearingTo, obs, offset, pointAt, T0 } from '../../../../domain/fusion/test-support/scenario.js';
import { inverse } from '../../../../domain/geo/index.js';
import type { Observation } from '../../../../domain/observation/types.js';
import type { LonLat } from '../../../../domain/units.js';
import type { Actor, WorkflowCommand } from '../../../../domain/workflow/index.js';
import type { RecordInput } from '../../../port.js';
import { SqliteStore } from '../../../sqlite/store.js';
import type { PostgresStore } from '../../store.js';

export const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
export const SIM = { seed: 5, days: 0.25, start: '2026-03-01T00:00:00Z' } as const;

const line = agreement.lineOfContact as readonly LonLat[];
/** East of the line's middle: the hand-made reports' ground. */
export const BARRAGE: LonLat = offset(line[Math.floor(line.length / 2)]!, 90, 5);

export const actors = {
  a1: { id: 'a1', role: 'analyst' },
  a2: { id: 'a2', role: 'analyst' },
  c1: { id: 'c1', role: 'chief' },
  lru: { id: 'l-ru', role: 'liaison', party: 'ru' },
} as const satisfies Record<string, Actor>;

/** A SQLite store in a fresh temporary file. */
export function openSqlite(): SqliteStore {
  return SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-pg-incidents-')), 'test.db'), { synchronous: 'NORMAL' });
}

/** Records into `pg` every event `sqlite` holds past `pg`'s size, sealed ones sealed again. */
export async function copyLedger(sqlite: SqliteStore, pg: PostgresStore): Promise<void> {
  const end = await sqlite.ledger.size();
  const inputs: RecordInput[] = [];
  for (let i = await pg.ledger.size(); i < end; i++) {
    const leaf = decodeLeaf((await sqlite.ledger.entry(i))!);
    if (isSealed(leaf)) {
      const kept = await sqlite.sealedEntry(i);
      if (!kept) throw new Error(`sealed entry ${i} has no kept content`);
      inputs.push({ event: JSON.parse(kept.content) as LedgerEvent, confidential: true });
    } else {
      inputs.push({ event: leaf });
    }
  }
  for (let k = 0; k < inputs.length; k += 500) await pg.write((tx) => tx.record(inputs.slice(k, k + 500)));
  if ((await pg.ledger.size()) !== end) throw new Error(`copied ledger has ${await pg.ledger.size()} entries, the source ${end}`);
}

export interface Scenario {
  readonly sqlite: SqliteStore;
  readonly pg: PostgresStore;
  /** Workflow steps applied (the SQLite answers; PostgreSQL's were equal). */
  readonly steps: AppliedStep[];
  /** Lapsed-reply passes' results on SQLite. */
  readonly lapsed: number;
}

/** A public monitor report of `count` explosions at `p` (radius `radiusM`), in the window [from, to] minutes after T0. */
const report = (id: string, p: LonLat, radiusM: number, from: number, to: number, over: Partial<Observation> = {}): Observation =>
  obs(id, { ...pointAt(p, radiusM), visibility: 'public', count: 4, observedAt: { from: at(from), to: at(to) }, ...over });

/** Builds the scenario into `sqlite` (fresh) and `pg` (fresh). */
export async function buildScenario(sqlite: SqliteStore, pg: PostgresStore): Promise<Scenario> {
  const steps: AppliedStep[] = [];
  const { fuser } = await playScenario(sqlite, agreement, SIM, { fuser: { log: () => undefined } });
  await copyLedger(sqlite, pg);

  const fuse = async (items: Observation[], nowMs: number, f: IncidentFuser = fuser) => {
    await fileAndFuse(sqlite, f, items, { actor: 'test', nowMs });
    await copyLedger(sqlite, pg);
  };
  const step = async (incidentId: string, command: WorkflowCommand, actor: Actor, nowMs: number) => {
    const a = await applyWorkflowCommand(sqlite, agreement, incidentId, command, actor, nowMs);
    const b = await applyWorkflowCommand(pg, agreement, incidentId, command, actor, nowMs);
    if (a.firstIndex !== b.firstIndex || JSON.stringify(a.state) !== JSON.stringify(b.state)) {
      throw new Error(`workflow step ${command.type} on ${incidentId} differs: SQLite ${a.firstIndex}, PostgreSQL ${b.firstIndex}`);
    }
    steps.push(a);
  };
  const verify = async (incidentId: string, attributedTo: string | null, nowMs: number, outcome: 'verified' | 'not_verified' = 'verified') => {
    await step(incidentId, { type: 'triage', reason: 'reports near the line' }, actors.a1, nowMs);
    await step(incidentId, { type: 'assign_analyst', analyst: 'a1', reason: 'sector lead' }, actors.c1, nowMs + 30_000);
    await step(incidentId, { type: 'start_investigation', reason: 'bearings to check' }, actors.a1, nowMs + 60_000);
    await step(
      incidentId,
      outcome === 'verified'
        ? {
            type: 'propose_assessment',
            outcome,
            finding: { summary: 'artillery fire', attributedTo, provisions: ['ceasefire'], escalationRelevant: false },
            reason: 'craters and bearings agree',
          }
        : { type: 'propose_assessment', outcome, reason: 'no trace on the ground' },
      actors.a1,
      nowMs + 120_000,
    );
    await step(incidentId, { type: 'confirm_assessment', reason: 'checked independently' }, actors.a2, nowMs + 180_000);
  };

  // Batch 1 (18:40): z, then x and y apart from each other; a split: a party's claim 15 km down
  // one sensor's bearing joins it until a second bearing crosses near the sensor.
  const z = offset(BARRAGE, 270, 2.6);
  const x = offset(BARRAGE, 270, 0.8);
  const y = offset(BARRAGE, 90, 0.8);
  await fuse([report('z', z, 400, 0, 5, { count: 2 })], T0 + 6 * 60_000);
  await fuse([report('x', x, 400, 1, 5), report('y', y, 400, 1, 5, { count: 6, weapon: 'artillery' })], T0 + 7 * 60_000);
  const gun = offset(BARRAGE, 0, 30);
  const sensors = [offset(gun, 200, 6), offset(gun, 290, 5)];
  const claimAt = offset(sensors[0]!, inverse(sensors[0]!, gun).azimuth1Deg, 15);
  const bearing = (i: number, err: number) =>
    obs(`s${i}`, { ...bearingTo(sensors[i]!, gun, 1, err), source: { kind: 'sensor', id: `sensor-${i}` }, observedAt: at(2) });
  await fuse(
    [
      bearing(0, 0.2),
      obs('claim', { ...pointAt(claimAt, 500), observedAt: at(2), source: { kind: 'party', id: 'ua-liaison', party: 'ua' } }),
    ],
    T0 + 8 * 60_000,
  );
  await fuse([bearing(1, -0.15)], T0 + 9 * 60_000);

  // Workflows: x verified (finding against ru, reply window open), a simulated incident not verified.
  const day2 = Date.parse('2026-03-02T08:00:00Z');
  await verify('inc-x', 'ru', day2);
  const xFinding = steps[steps.length - 1]!.state.findings[0]!.id;
  const simulated = (await sqlite.queryIncidents({ limit: 3 })).items.map((i) => i.incident.id);
  await verify(simulated[0]!, null, day2 + 3_600_000, 'not_verified');
  await step(simulated[1]!, { type: 'triage', reason: 'one report only' }, actors.a1, day2 + 7_200_000);

  // Batch 2 (18:52): a late report links x and y: y is absorbed into x, its id an alias of x.
  await fuse([report('late1', BARRAGE, 1000, 2, 4, { count: 9 })], T0 + 12 * 60_000);
  // The party named replies, addressing the incident by the alias: the step reaches x.
  await step('inc-y', { type: 'reply', findingId: xFinding, reason: 'not our forces' }, actors.lru, day2 + 11 * 3_600_000);
  // The sensor incident left by the split: a finding whose reply window will pass unanswered.
  await verify('inc-s0', 'ru', day2 + 3_600_000 * 12);

  // Batch 3 (18:53): a second late report links z and x: x (and its alias y) are absorbed into z.
  await fuse([report('late2', offset(BARRAGE, 270, 1.7), 1000, 2, 4, { count: 3 })], T0 + 13 * 60_000);

  // s0's reply deadline (72 h after its confirmation) passes; a later finding's stays open.
  await verify(simulated[2]!, 'ua', day2 + 70 * 3_600_000);
  const lapseAt = day2 + 86 * 3_600_000;
  const lapsed = [await recordLapsedReplies(sqlite, lapseAt), await recordLapsedReplies(pg, lapseAt)] as const;
  if (JSON.stringify(lapsed[0]) !== JSON.stringify(lapsed[1])) throw new Error('the reply lapse passes differ');
  return { sqlite, pg, steps, lapsed: lapsed[0].length };
}
