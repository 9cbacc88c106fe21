/**
 * Alert scheduler runs over a busy mission's span (raiseDueAlerts, src/app/alerts/raise.ts): the
 * whole span read from the store on every run (fullSpanRead: pages of queryIncidents, and the
 * workflow of every incident of the threshold part) against the span loaded once and followed
 * through Store.incidentColumns (FollowedSpan, what the AlertScheduler keeps), timed in the same
 * process on twin stores fed the same batches.
 *
 * The mission: `--days` of the demo scenario (ukraine-2026 with its water, tempo high, seed 1) as
 * incidents, one per simulated event some report saw (at its impact, else its origin), with
 * snapshots of the size fusion writes (its reports' ids, counts per report, a region polygon, the
 * assessment's matched provisions and their texts), and fusion's tempo of changes besides the
 * openings: about one incident in five updated minutes later, one in ten merged into a
 * neighbour, one in twenty verified through the workflow (five steps). The simulator is too slow
 * to fuse two weeks of reports in a benchmark (a day at tempo high takes about two minutes
 * through fileAndFuse), so the incidents are made from its ground truth. Then `--runs` batches of
 * the next `--batch-minutes` of the scenario are stored, each followed by a run on each path (in
 * turns, first one path, then the other); the alerts raised on both must be the same.
 *
 *   npx tsx bench/alerts.ts [--days 14] [--runs 12] [--batch-minutes 2] [--dry (do not write BENCHMARKS.md)]
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAlertsConfig, earlyWarningOptions } from '../src/app/alerts/config.js';
import { raiseDueAlerts, type RaisePolicy, type RaiseResult } from '../src/app/alerts/raise.js';
import { FollowedSpan, fullSpanRead, type SpanRead } from '../src/app/alerts/span.js';
import type { LedgerEvent } from '../src/app/events/event.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile, readDemoWater } from '../src/app/mission.js';
import { applyWorkflowCommand } from '../src/app/workflow/index.js';
import { seededRandom } from '../src/domain/test-support/seeded-random.js';
import { simulate, type TruthEvent } from '../src/sim/index.js';
import type { Store } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { fmt, machineLine, progress, writeSection } from './report.js';

const { values: args } = parseArgs({
  options: {
    days: { type: 'string', default: '14' },
    runs: { type: 'string', default: '12' },
    'batch-minutes': { type: 'string', default: '2' },
    dry: { type: 'boolean', default: false },
  },
});
const DAYS = Number(args.days);
const RUNS = Number(args.runs);
const BATCH_MS = Number(args['batch-minutes']) * 60_000;
if (!(DAYS > 0) || !(RUNS >= 2) || !(BATCH_MS > 0)) throw new Error('--days, --runs (≥ 2) and --batch-minutes must be positive');

const MIN = 60_000;
const H = 60 * MIN;
const START = '2026-03-01T00:00:00Z';
const T0 = Date.parse(START);
const OUT = join(import.meta.dirname, 'out', 'alerts-run');
const log = (line: string) => process.stderr.write(`${line}\n`);
const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
const config = parseAlertsConfig({ sender: 'alerts@truceline.example', recipients: {} });
const POLICY: RaisePolicy = {
  earlyWarning: earlyWarningOptions(config.earlyWarning),
  earlyWarningRecipients: config.earlyWarning.recipients,
  consultationHours: config.consultationHours,
};

// ---------------------------------------------------------------------------------------------
// The mission's incidents, made from the simulator's ground truth.

const EVENTS: Record<string, string[]> = {
  indirect_fire: ['explosion'],
  direct_fire: ['explosion', 'muzzle_flash'],
  small_arms_fire: ['small_arms_fire'],
};

interface Made {
  id: string;
  toMs: number;
  snapshot: Record<string, unknown>;
}

/** An incident snapshot as fusion would write it for `t` (sizes as in a fused store, ~1.8 kB). */
function incidentOf(t: TruthEvent, random: () => number): Made {
  const place = t.impact ?? t.origin!;
  const fromMs = Date.parse(t.time);
  const toMs = t.endTime ? Date.parse(t.endTime) : fromMs + Math.round(30_000 + random() * 120_000);
  const ids = t.observationIds.slice(0, 12);
  const d = 0.004 + random() * 0.01;
  const region = [[[place.lon - d, place.lat - d], [place.lon + d, place.lat - d], [place.lon + d, place.lat + d], [place.lon - d, place.lat + d], [place.lon - d, place.lat - d]]];
  const counts = ids.map((o, k) => ({ count: t.count, observationId: o, sourceId: `src-${k}`, sourceKind: k === 0 ? 'sensor' : 'monitor' }));
  const incident = {
    aliases: [] as string[],
    bearings: null,
    count: t.count,
    direction: t.impact ? 'impact' : 'origin',
    disagreeing: [],
    events: EVENTS[t.kind] ?? ['explosion'],
    id: `inc-${t.eventId}`,
    location: [place.lon, place.lat],
    locationMethod: 'intersection',
    observationIds: ids,
    placedBy: ids,
    radius90M: 200 + random() * 800,
    rawCounts: counts,
    region: { maxErrorM: 1000 * random(), polygon: [region] },
    sourceCounts: counts.map(({ observationId: _, ...c }) => c),
    sourceKinds: ['sensor', 'monitor'],
    weapon: t.weapon,
    ...(t.calibreMm !== undefined ? { calibreMm: t.calibreMm } : {}),
    window: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
  };
  const assessment = {
    attribution: { confidence: 0, party: 'undetermined', reason: 'no report places the firing position (impacts alone give no origin)', shares: {} },
    origin: null,
    provisions: t.provisionsViolated.map((p) => ({
      confidence: 0.95,
      kind: p.split(':')[0],
      measured: { quantity: 'count', unit: 'events', value: t.count },
      provisionId: p,
      text: `${t.count} ${incident.events[0]} (${t.weapon}): breaks ${p}`,
    })),
  };
  return { id: incident.id, toMs, snapshot: { incident, assessment } };
}

function incidentEvent(kind: 'opened' | 'updated' | 'merged', m: Made, atMs: number, extra: Record<string, unknown> = {}): LedgerEvent {
  const { incident, assessment } = m.snapshot as { incident: { observationIds: string[] }; assessment: unknown };
  return {
    v: 1,
    type: `incident.${kind}`,
    at: new Date(atMs).toISOString(),
    actor: 'system',
    data: { incident, assessment, visibility: 'mission', party: null, reason: 'bench', observationIds: incident.observationIds, ...extra },
  } as LedgerEvent;
}

const VERIFY: [string, Record<string, unknown>][] = [
  ['analyst', { type: 'triage', reason: 'explosions' }],
  ['chief', { type: 'assign_analyst', analyst: 'analyst', dueAt: '2027-01-01T00:00:00Z', reason: 'sector lead' }],
  ['analyst', { type: 'start_investigation', reason: 'bearings to check' }],
  ['analyst', { type: 'propose_assessment', outcome: 'verified', finding: { summary: 'explosions heard and located', attributedTo: null, provisions: ['ceasefire'], escalationRelevant: false }, reason: 'two sources agree' }],
  ['analyst-2', { type: 'confirm_assessment', reason: 'checked independently' }],
];

/** The store changes of a stretch of scenario time: what fusion and the analysts record. */
interface Batch {
  events: LedgerEvent[];
  verify: string[];
}

/** Turns truths (in time order) into batches of `batchMs` of scenario time from `fromMs`, each with its end. */
function* batches(truths: Iterable<TruthEvent>, fromMs: number, batchMs: number): Generator<[number, Batch]> {
  const random = seededRandom(7);
  const live: Made[] = [];
  let end = fromMs + batchMs;
  let batch: Batch = { events: [], verify: [] };
  for (const t of truths) {
    if (t.observationIds.length === 0 || !(t.impact ?? t.origin)) continue;
    const m = incidentOf(t, random);
    while (m.toMs >= end) {
      yield [end, batch];
      batch = { events: [], verify: [] };
      end += batchMs;
    }
    const r = random();
    const near = live.length > 0 ? live[live.length - 1 - Math.floor(random() * Math.min(20, live.length))]! : null;
    if (near && r < 0.1) {
      // Fusion merges it into a recent incident.
      const inc = near.snapshot.incident as { aliases: string[]; window: { to: string }; count: number };
      inc.aliases = [...inc.aliases, m.id];
      inc.window = { ...inc.window, to: new Date(Math.max(near.toMs, m.toMs)).toISOString() };
      near.toMs = Math.max(near.toMs, m.toMs);
      batch.events.push(incidentEvent('opened', m, m.toMs), incidentEvent('merged', near, m.toMs, { absorbedId: m.id }));
      continue;
    }
    batch.events.push(incidentEvent('opened', m, m.toMs));
    if (near && r < 0.3) {
      // A later report joins a recent incident: its window and count grow.
      const inc = near.snapshot.incident as { window: { from: string; to: string }; count: number };
      near.toMs = Math.max(near.toMs, m.toMs);
      near.snapshot.incident = { ...inc, count: inc.count + 1, window: { ...inc.window, to: new Date(near.toMs).toISOString() } };
      batch.events.push(incidentEvent('updated', near, m.toMs));
    }
    if (t.provisionsViolated.length > 0 && random() < 0.05) batch.verify.push(m.id);
    live.push(m);
    if (live.length > 200) live.splice(0, live.length - 100);
  }
  yield [end, batch];
}

async function store(stores: Store[], [endMs, b]: [number, Batch]): Promise<void> {
  for (const s of stores) {
    if (b.events.length > 0) await s.write((tx) => tx.record(b.events.map((event) => ({ event }))));
    for (const id of b.verify)
      for (const [k, [who, cmd]] of VERIFY.entries())
        await applyWorkflowCommand(s, agreement, id, cmd, { id: who, role: who === 'chief' ? 'chief' : 'analyst' }, endMs + k * 1000);
  }
}

// ---------------------------------------------------------------------------------------------
// Reads counted, runs timed.

interface Reads {
  pages: number;
  incidents: number;
  workflows: number;
  columnPages: number;
}

/** The store with its incident and workflow reads counted. */
function counted(s: Store): { store: Store; reads: Reads } {
  const reads: Reads = { pages: 0, incidents: 0, workflows: 0, columnPages: 0 };
  const store = Object.create(s, {
    queryIncidents: { value: async (q: Parameters<NonNullable<Store['queryIncidents']>>[0]) => { const p = await s.queryIncidents!(q); reads.pages++; reads.incidents += p.items.length; return p; } },
    getIncident: { value: async (id: string) => { reads.incidents++; return s.getIncident!(id); } },
    getIncidentWorkflow: { value: async (id: string) => { reads.workflows++; return s.getIncidentWorkflow!(id); } },
    incidentColumns: { value: async (after: number, limit: number) => { reads.columnPages++; return s.incidentColumns!(after, limit); } },
  }) as Store;
  return { store, reads };
}

interface PathRuns {
  ms: number[];
  reads: Reads[];
  results: RaiseResult[];
}

async function timedRun(p: { store: Store; reads: Reads; span: SpanRead }, nowMs: number, out: PathRuns): Promise<void> {
  const before = { ...p.reads };
  const t = performance.now();
  out.results.push(await raiseDueAlerts(p.store, agreement, nowMs, POLICY, p.span));
  out.ms.push(performance.now() - t);
  out.reads.push({
    pages: p.reads.pages - before.pages,
    incidents: p.reads.incidents - before.incidents,
    workflows: p.reads.workflows - before.workflows,
    columnPages: p.reads.columnPages - before.columnPages,
  });
}

const quantile = (xs: readonly number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  const started = performance.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const water = readDemoWater();
  const extraDays = Math.ceil((RUNS * BATCH_MS) / (24 * H)) + 1;
  log(`simulating ${DAYS} + ${extraDays} days of the demo scenario (tempo high)…`);
  const truths: TruthEvent[] = [];
  for (const item of simulate(agreement, { seed: 1, days: DAYS + extraDays, start: START, tempo: 'high', water }))
    if ('truth' in item) truths.push(item.truth);
  truths.sort((a, b) => Date.parse(a.endTime ?? a.time) - Date.parse(b.endTime ?? b.time));
  const simSeconds = (performance.now() - started) / 1000;

  // The mission's history, in batches of an hour (the store holds the same whatever the batching).
  const fillEnd = T0 + DAYS * 24 * H;
  const fileA = join(OUT, 'full.db');
  const a = await SqliteStore.open(fileA, { synchronous: 'NORMAL' });
  const hourly = batches(truths, T0, H);
  let fillStats = { incidentEvents: 0, verified: 0 };
  const fillStarted = performance.now();
  for (;;) {
    const next = hourly.next();
    if (next.done) throw new Error('the scenario ended before the history');
    const [endMs, b] = next.value;
    if (endMs > fillEnd) break;
    await store([a], next.value);
    fillStats = { incidentEvents: fillStats.incidentEvents + b.events.length, verified: fillStats.verified + b.verify.length };
    progress('storing the history (hours)', Math.round((endMs - T0) / H), DAYS * 24);
  }
  const fillSeconds = (performance.now() - fillStarted) / 1000;
  const ledgerSize = await a.ledger.size();
  await a.close();
  // The twin: a copy of the file (closing checkpoints the WAL into it).
  const fileB = join(OUT, 'followed.db');
  copyFileSync(fileA, fileB);
  for (const ext of ['-wal', '-shm']) if (existsSync(fileA + ext)) copyFileSync(fileA + ext, fileB + ext);
  const full = counted(await SqliteStore.open(fileA, { synchronous: 'NORMAL' }));
  const followed = counted(await SqliteStore.open(fileB, { synchronous: 'NORMAL' }));
  const paths = {
    full: { ...full, span: fullSpanRead(full.store) },
    followed: { ...followed, span: FollowedSpan.of(followed.store)! },
  };
  const runs = { full: { ms: [], reads: [], results: [] } as PathRuns, followed: { ms: [], reads: [], results: [] } as PathRuns };
  const spanHeld: number[] = [];

  // The live batches: the scenario after the history, a run on each path after each batch.
  const live = batches(truths.filter((t) => Date.parse(t.endTime ?? t.time) >= fillEnd), fillEnd, BATCH_MS);
  let liveEvents = 0;
  let liveVerified = 0;
  for (let k = 0; k < RUNS; k++) {
    const next = live.next();
    if (next.done) throw new Error('the scenario ended before the runs');
    const [endMs, b] = next.value;
    // The run comes a couple of seconds after the batch is stored (the scheduler's poke).
    const nowMs = endMs + 2000;
    await store([full.store, followed.store], [endMs, b]);
    liveEvents += b.events.length;
    liveVerified += b.verify.length;
    // In turns, so load that comes and goes weighs on both paths alike.
    if (k % 2 === 0) {
      await timedRun(paths.full, nowMs, runs.full);
      await timedRun(paths.followed, nowMs, runs.followed);
    } else {
      await timedRun(paths.followed, nowMs, runs.followed);
      await timedRun(paths.full, nowMs, runs.full);
    }
    spanHeld.push(paths.followed.span.size);
    const ids = (r: RaiseResult) => JSON.stringify([r.warnings.map((w) => w.id), r.alerts.map((x) => x.id), r.consultations.map((c) => [c.id, c.evidence.map((e) => e.findingId), c.unproven])]);
    if (ids(runs.full.results[k]!) !== ids(runs.followed.results[k]!))
      throw new Error(`run ${k}: the followed span raised ${ids(runs.followed.results[k]!)}, the full read ${ids(runs.full.results[k]!)}`);
    progress('runs', k + 1, RUNS);
  }
  const incidentsInSpan = (await paths.full.span.read(agreement, fillEnd + RUNS * BATCH_MS - (14 * 24 + 6) * H, fillEnd)).counted.length;
  await full.store.close();
  await followed.store.close();
  const raised = runs.full.results.reduce((n, r) => n + r.warnings.length + r.alerts.length, 0);

  // The first followed run loads the span (the full read's cost); the steady runs follow it.
  const steady = { full: runs.full.ms.slice(1), followed: runs.followed.ms.slice(1) };
  const readsOf = (r: PathRuns) => r.reads.slice(1);
  const row = (name: string, r: PathRuns, ms: number[]) => {
    const reads = readsOf(r);
    return `| ${name} | ${fmt(r.ms[0]!, 1)} | ${fmt(quantile(ms, 0.5), 1)} | ${fmt(quantile(ms, 0.95), 1)} | ${fmt(mean(ms), 1)} | ${fmt(mean(reads.map((x) => x.incidents)))} | ${fmt(mean(reads.map((x) => x.workflows)))} | ${fmt(mean(reads.map((x) => x.pages + x.columnPages)), 1)} | ${fmt(mean(steady.full) / mean(ms), 1)}× |`;
  };
  const command = `npx tsx bench/alerts.ts --days ${DAYS} --runs ${RUNS} --batch-minutes ${BATCH_MS / MIN}`;
  const body = [
    `Command: \`${command}\` — ${machineLine()}, load ${loadavg()[0]!.toFixed(1)} at the end.`,
    '',
    `raiseDueAlerts (src/app/alerts/raise.ts) with the alert scheduler's default policy (early warning over 14 days of baseline and 6 h recent, the demo agreement's thresholds: the span is 14 days 6 h; its threshold part, the longest window plus the 24 h lookback, 48 h). The mission: ${DAYS} days of the demo scenario (ukraine-2026 with its water, tempo high, seed 1) as incidents, one per simulated event some report saw, with snapshots of the size fusion writes; ${fmt(fillStats.incidentEvents)} incident events (openings, and fusion's updates and merges at about its tempo: one incident in five updated, one in ten merged into a neighbour) and ${fmt(fillStats.verified)} incidents verified through the workflow (five steps each), ${fmt(ledgerSize)} ledger entries, in a SqliteStore (synchronous=NORMAL), copied into a twin. Then ${RUNS} batches of the next ${BATCH_MS / MIN} minutes of the scenario (${fmt(liveEvents)} incident events and ${fmt(liveVerified)} verifications in all) were stored in both, each followed by one run on each path, in turns; ${fmt(incidentsInSpan)} incidents in the span at the end, ${fmt(raised)} alerts raised, the same on both paths at every run.`,
    '',
    '- **full read**: every run reads the whole span (pages of queryIncidents) and the workflow of every incident of the threshold part (fullSpanRead; what every run did before, and what a store without Store.incidentColumns still does);',
    `- **followed**: the span loaded at the first run, then followed through Store.incidentColumns: a run reads the incidents changed since the previous one (their own events or their workflow's) and their workflows, and drops the incidents merges absorbed or that left the span (FollowedSpan, what the AlertScheduler keeps; it held ${fmt(mean(spanHeld))} incidents).`,
    '',
    '| path | first run (ms) | runs p50 (ms) | p95 | mean | incidents read per run | workflows read per run | store pages per run | mean speed-up vs full read |',
    '|---|---|---|---|---|---|---|---|---|',
    row('full read', runs.full, steady.full),
    row('followed', runs.followed, steady.followed),
    '',
    `Runs after the first (${RUNS - 1} per path). Besides the reads, a run lists the alerts and evaluates the early warning and the thresholds in memory, on both paths. Simulating took ${fmt(simSeconds)} s and storing the history ${fmt(fillSeconds)} s, not counted above.`,
  ].join('\n');
  log('');
  log(body);
  if (!args.dry) writeSection(`Alerts: scheduler runs over a ${DAYS}-day span`, body);
}

await main();
