/**
 * Fusion benchmark (issue 5, items 5-7). Two sections of BENCHMARKS.md:
 *
 *  - "Fusion: speed against DBSCAN": N simulated observations (demo scenario, tempo high, seed 1)
 *    added one by one to a FusionEngine at the data clock (as IncidentFuser and fuseAll do):
 *    total time, the latency of each add() (p50, p99, overall and over the last 10 %, i.e. with
 *    ~N already fused), heap and live incidents as the run goes (bounded by the window). Then, in
 *    the same run, scikit-learn's DBSCAN (Debian python3-sklearn, /usr/bin/python3) on the same
 *    observations: haversine metric on each report's region centre, min_samples 1 (every report
 *    in a cluster, as in fusion), run per time slice of the reports' stated start, for several
 *    eps. Both groupings are scored against the truth with the same pairwise F1 (src/app/eval).
 *  - "Fusion quality": `truceline eval`'s metrics on seeds 1-3 at noise 1, 2 and 3 (one day,
 *    normal tempo), fused through the real path (fileAndFuse into a SqliteStore).
 *
 *   NODE_OPTIONS=--max-old-space-size=8192 npx tsx bench/fusion.ts [--n 1000000] [--slice-min 5]
 *     [--eps-km 0.5,1,2,4,8] [--skip-quality] [--skip-speed] [--skip-dbscan] [--dry] [--seeds 1,2,3]
 *     [--noises 1,2,3]
 *
 * --seeds/--noises pick the quality rows (e.g. `--skip-speed --seeds 1 --noises 3` for one row
 * while working); --skip-dbscan times the engine alone (e.g. `--n 200000 --skip-dbscan
 * --skip-quality` while working on its speed). A run that is not the full table (another --n,
 * no DBSCAN, other seeds or noises) prints its section instead of writing it.
 *
 * The 1M observations are held in memory for the run (about 2 GB of heap), hence the larger heap.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, readIncidents, readObservations, pairwiseGrouping, quantile, type EvalReport, type PairScores, type TruthIndex } from '../src/app/eval/index.js';
import { endOf } from '../src/app/eval/truth.js';
import { playScenario } from '../src/app/eval/scenario.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile, readDemoWater } from '../src/app/mission.js';
import { FusionEngine, isMissionSource, REGION_DEFAULTS, statedWindowMs, type FusionChange } from '../src/domain/fusion/index.js';
import { direct } from '../src/domain/geo/index.js';
import type { Observation } from '../src/domain/observation/types.js';
import type { LonLat } from '../src/domain/units.js';
import { simulate, type SimItem, type TruthEvent } from '../src/sim/index.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { fmt, machineLine, writeSection } from './report.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    'slice-min': { type: 'string', default: '5' },
    'eps-km': { type: 'string', default: '0.5,1,2,4,8' },
    'skip-quality': { type: 'boolean', default: false },
    'skip-speed': { type: 'boolean', default: false },
    'skip-dbscan': { type: 'boolean', default: false },
    dry: { type: 'boolean', default: false },
    seeds: { type: 'string', default: '1,2,3' },
    noises: { type: 'string', default: '1,2,3' },
  },
});
const N = args.dry ? 20_000 : Number(args.n);
const SLICE_MIN = Number(args['slice-min']);
const EPS_NAMES = args['eps-km'].split(',');
const OUT = join(import.meta.dirname, 'out', 'fusion-run');
const PYTHON = '/usr/bin/python3';
const log = (line: string) => process.stderr.write(`${line}\n`);
const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
const water = readDemoWater();
const command = `${process.env.NODE_OPTIONS ? `NODE_OPTIONS='${process.env.NODE_OPTIONS}' ` : ''}npx tsx bench/fusion.ts${args['skip-speed'] ? ' --skip-speed' : ` --n ${N}`}${args['skip-dbscan'] ? ' --skip-dbscan' : ''}${args['skip-quality'] ? ' --skip-quality' : ''}${args.dry ? ' --dry' : ''}`;

/**
 * The point DBSCAN clusters for a report: the centre of the region fusion gives it. A point
 * report: the point. Sector and range: the middle bearing at the middle range. Bearing only: the
 * middle bearing at 2/3 of the wedge's 40 km reach (a thin sector's centroid).
 */
function regionCentre(o: Observation): LonLat {
  if (o.location) return [o.location.lon, o.location.lat];
  const at: LonLat = [o.observer!.lon, o.observer!.lat];
  if (!o.bearing) return at;
  const width = (((o.bearing.toDeg - o.bearing.fromDeg) % 360) + 360) % 360;
  const az = (o.bearing.fromDeg + width / 2) % 360;
  const rangeM = o.distanceKm ? ((o.distanceKm.min + o.distanceKm.max) / 2) * 1000 : (2 / 3) * REGION_DEFAULTS.bearingOnlyRangeM;
  return direct(at, az, rangeM);
}

interface TruthKeys {
  /** Per observation index: truth group number (−1 none), event number, ambiguous flag. */
  readonly group: Int32Array;
  readonly event: Int32Array;
  readonly ambiguous: Uint8Array;
}

/** A TruthIndex over compact per-observation keys (the full truth of 1M reports does not fit). */
function compactTruth(keys: TruthKeys, n: number): TruthIndex {
  const events = new Map<number, TruthEvent>();
  const eventObj = (e: number) => {
    let t = events.get(e);
    if (!t) events.set(e, (t = { eventId: String(e) } as TruthEvent));
    return t;
  };
  const groups = new Map<string, { observationIds: string[] }>();
  for (let i = 0; i < n; i++) {
    const g = keys.group[i]!;
    if (g < 0) continue;
    let x = groups.get(String(g));
    if (!x) groups.set(String(g), (x = { observationIds: [] }));
    x.observationIds.push(String(i));
  }
  const groupObjs = new Map([...groups].map(([k, v]) => [k, { key: k, observationIds: v.observationIds } as unknown as ReturnType<TruthIndex['groupOf']> & object]));
  return {
    events: new Map(),
    groups: groupObjs as unknown as TruthIndex['groups'],
    eventOf: (id) => (keys.event[Number(id)]! >= 0 ? eventObj(keys.event[Number(id)]!) : undefined),
    groupOf: (id) => (keys.group[Number(id)]! >= 0 ? groupObjs.get(String(keys.group[Number(id)])) : undefined),
    ambiguous: (id) => keys.ambiguous[Number(id)] === 1,
  };
}

/** Clusters from a label array (label −1: not clustered). */
function clustersOf(labels: Int32Array, n: number): string[][] {
  const by = new Map<number, string[]>();
  for (let i = 0; i < n; i++) {
    const l = labels[i]!;
    if (l < 0) continue;
    let c = by.get(l);
    if (!c) by.set(l, (c = []));
    c.push(String(i));
  }
  return [...by.values()];
}

const DBSCAN_PY = `
import sys, time, json
import numpy as np
from sklearn.cluster import DBSCAN
data = np.fromfile(sys.argv[1], dtype=np.float64).reshape(-1, 3)  # lat, lon (degrees), start (s)
slice_s = float(sys.argv[2]) * 60
eps_names = sys.argv[3].split(',')
out = {}
order = np.argsort(data[:, 2], kind='stable')
slices = np.floor(data[order, 2] / slice_s)
bounds = np.flatnonzero(np.diff(slices)) + 1
parts = np.split(order, bounds)
X = np.radians(data[:, :2])
for name in eps_names:
    eps = float(name)
    labels = np.full(len(data), -1, dtype=np.int32)
    next_label = 0
    t0 = time.perf_counter()
    for idx in parts:
        if len(idx) == 1:
            labels[idx] = next_label; next_label += 1; continue
        m = DBSCAN(eps=eps / 6371.0088, min_samples=1, metric='haversine', algorithm='ball_tree').fit(X[idx])
        labels[idx] = m.labels_ + next_label
        next_label += m.labels_.max() + 1
    dt = time.perf_counter() - t0
    labels.tofile(sys.argv[4] + '.eps' + name)
    out[name] = {'seconds': dt, 'clusters': int(next_label), 'slices': len(parts)}
print(json.dumps(out))
`;

interface SpeedResult {
  n: number;
  days: number;
  simSeconds: number;
  fuseSeconds: number;
  /** CPU time of the process during the add() calls (GC threads included), seconds. */
  fuseCpuSeconds: number;
  p50: number;
  p99: number;
  p50Last: number;
  p99Last: number;
  max: number;
  errors: number;
  /** Live incidents at the end whose window ended over 12 h before (kept by engine errors). */
  stale: number;
  incidents: number;
  checkpoints: { at: number; heapMiB: number; live: number; liveObs: number; load: number }[];
  peakLive: number;
  peakLiveObs: number;
  engineF1: { precision: number; recall: number; f1: number };
  dbscan: { eps: number; seconds: number; clusters: number; precision: number; recall: number; f1: number }[];
  slices: number;
}

function speed(): SpeedResult {
  mkdirSync(OUT, { recursive: true });
  const days = Math.ceil(N / 4100) + 3;
  log(`fusing ${fmt(N)} simulated observations as they are generated (high tempo, up to ${days} days)...`);
  // Reports are fused as the simulator yields them, so the run holds only what the engine holds
  // plus compact per-report arrays: a report's truth group is worked out when both it and its
  // truth record have been seen (the simulator emits them within ~30 minutes of each other).
  const group = new Int32Array(N).fill(-1);
  const eventOf = new Int32Array(N).fill(-1);
  const ambiguous = new Uint8Array(N);
  const points = new Float64Array(N * 3);
  const position = new Map<string, number>();
  const groupNo = new Map<string, number>();
  const waitingTruth = new Map<string, { event: number; truth: TruthEvent }>();
  const waitingObs = new Map<string, { i: number; o: Observation }>();
  const resolve = (i: number, o: Observation, event: number, truth: TruthEvent) => {
    eventOf[i] = event;
    const end = endOf(o, truth);
    if (!end) return;
    const k = `${event}/${end}`;
    let g = groupNo.get(k);
    if (g === undefined) groupNo.set(k, (g = groupNo.size));
    group[i] = g;
    if (truth.origin && truth.impact && o.direction === 'undetermined' && o.event !== 'muzzle_flash' && o.event !== 'projectile_in_flight') ambiguous[i] = 1;
  };

  const engine = new FusionEngine();
  const labels = new Int32Array(N).fill(-1);
  const incidentNo = new Map<string, number>();
  const lat = new Float64Array(N);
  const checkpoints: SpeedResult['checkpoints'] = [];
  let peakLive = 0;
  let peakLiveObs = 0;
  let errors = 0;
  let now = -Infinity;
  let n = 0;
  let eventNo = 0;
  let stopAtMs = Infinity;
  let fuseMs = 0;
  let fuseCpuUs = 0;
  const every = Math.max(1, Math.floor(N / 20));
  const t0 = performance.now();
  // The simulator's items are read in chunks of CHUNK reports and each chunk is then fused, so
  // the garbage the simulator makes is collected while it runs rather than inside add().
  const CHUNK = 20_000;
  let chunk: SimItem[] = [];
  let chunkObs = 0;
  let stop = false;
  const process1 = (item: SimItem): void => {
    if ('truth' in item) {
      if (Date.parse(item.truth.time) > stopAtMs) {
        stop = true;
        return;
      }
      const e = eventNo++;
      for (const id of item.truth.observationIds) {
        const w = waitingObs.get(id);
        if (w) {
          waitingObs.delete(id);
          resolve(w.i, w.o, e, item.truth);
        } else waitingTruth.set(id, { event: e, truth: item.truth });
      }
      return;
    }
    if (n >= N) return;
    const o = item.observation;
    const i = n++;
    position.set(o.id, i);
    const c = regionCentre(o);
    const w = statedWindowMs(o);
    points[3 * i] = c[1];
    points[3 * i + 1] = c[0];
    points[3 * i + 2] = w.fromMs / 1000;
    const t = waitingTruth.get(o.id);
    if (t) {
      waitingTruth.delete(o.id);
      resolve(i, o, t.event, t.truth);
    } else waitingObs.set(o.id, { i, o });
    now = Math.max(now, w.toMs);
    const cpu0 = process.cpuUsage();
    const a = performance.now();
    let changes: FusionChange[] = [];
    try {
      changes = engine.add(o, now);
    } catch {
      errors++;
    }
    const dt = performance.now() - a;
    const cpu = process.cpuUsage(cpu0);
    fuseCpuUs += cpu.user + cpu.system;
    lat[i] = dt;
    fuseMs += dt;
    for (const ch of changes) {
      let no = incidentNo.get(ch.incidentId);
      if (no === undefined) incidentNo.set(ch.incidentId, (no = incidentNo.size));
      for (const id of ch.incident.observationIds) labels[position.get(id)!] = no;
    }
    if (engine.size > peakLive) peakLive = engine.size;
    if (engine.observationCount > peakLiveObs) peakLiveObs = engine.observationCount;
    if (n % every === 0 || n === N) {
      global.gc?.();
      checkpoints.push({ at: n, heapMiB: process.memoryUsage().heapUsed / 2 ** 20, live: engine.size, liveObs: engine.observationCount, load: loadavg()[0]! });
      log(`  ${fmt(n)} fused, ${engine.size} live incidents, heap ${fmt(process.memoryUsage().heapUsed / 2 ** 20)} MiB`);
    }
    // Truth comes at the event's time, reports up to ~30 min either side: read on 2 h more.
    if (n === N) stopAtMs = w.fromMs + 2 * 3600_000;
  };
  const flush = () => {
    global.gc?.();
    for (const item of chunk) {
      process1(item);
      if (stop) break;
    }
    chunk = [];
    chunkObs = 0;
  };
  for (const item of simulate(agreement, { seed: 1, days, start: '2026-03-01T00:00:00Z', tempo: 'high', water })) {
    chunk.push(item);
    if ('observation' in item && ++chunkObs >= CHUNK) flush();
    if (stop) break;
  }
  if (!stop) flush();
  const wallSeconds = (performance.now() - t0) / 1000;
  const fuseSeconds = fuseMs / 1000;
  const stale = engine.incidents().filter((inc) => Date.parse(inc.window.to) < now - 12 * 3600_000).length;
  const sorted = Float64Array.from(lat.subarray(0, n)).sort();
  const last = Float64Array.from(lat.subarray(Math.floor(n * 0.9), n)).sort();
  for (let i = 0; i < n; i++) if (labels[i]! < 0) labels[i] = incidentNo.size + i; // unfused: alone
  const truth = compactTruth({ group, event: eventOf, ambiguous }, n);
  const engineF1 = pairwiseGrouping(clustersOf(labels, n), truth);

  const dbscan = args['skip-dbscan'] ? { runs: {}, rows: [] } : runDbscan(points, n, truth);
  return {
    n,
    days,
    simSeconds: wallSeconds - fuseSeconds,
    fuseSeconds,
    fuseCpuSeconds: fuseCpuUs / 1e6,
    p50: quantile(sorted as unknown as number[], 0.5)!,
    p99: quantile(sorted as unknown as number[], 0.99)!,
    p50Last: quantile(last as unknown as number[], 0.5)!,
    p99Last: quantile(last as unknown as number[], 0.99)!,
    max: sorted[sorted.length - 1]!,
    errors,
    stale,
    incidents: incidentNo.size,
    checkpoints,
    peakLive,
    peakLiveObs,
    engineF1: { precision: engineF1.precision, recall: engineF1.recall, f1: engineF1.f1 },
    dbscan: dbscan.rows,
    slices: Object.values(dbscan.runs)[0]?.slices ?? 0,
  };
}

type DbscanRuns = Record<string, { seconds: number; clusters: number; slices: number }>;

/** DBSCAN on the reports' region centres per time slice, for each eps, scored like the engine. */
function runDbscan(points: Float64Array, n: number, truth: TruthIndex): { runs: DbscanRuns; rows: SpeedResult['dbscan'] } {
  log('DBSCAN...');
  const pointsFile = join(OUT, 'points.f64');
  writeFileSync(pointsFile, Buffer.from(points.buffer, 0, n * 3 * 8));
  writeFileSync(join(OUT, 'dbscan.py'), DBSCAN_PY);
  const py = spawnSync(PYTHON, [join(OUT, 'dbscan.py'), pointsFile, String(SLICE_MIN), EPS_NAMES.join(','), join(OUT, 'labels')], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (py.status !== 0) throw new Error(`DBSCAN failed (${PYTHON}; apt-get install python3-sklearn): ${py.stderr}`);
  const runs = JSON.parse(py.stdout.trim().split('\n').pop()!) as DbscanRuns;
  const rows = EPS_NAMES.map((name) => {
    const buf = readFileSync(join(OUT, `labels.eps${name}`));
    const l = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    const sc = pairwiseGrouping(clustersOf(l, n), truth);
    const r = runs[name]!;
    return { eps: Number(name), seconds: r.seconds, clusters: r.clusters, precision: sc.precision, recall: sc.recall, f1: sc.f1 };
  });
  rmSync(pointsFile, { force: true });
  return { runs, rows };
}

function speedSection(r: SpeedResult): string {
  const ms = (x: number) => `${x.toFixed(3)} ms`;
  const best = [...r.dbscan].sort((a, b) => b.f1 - a.f1)[0];
  const engineOnly = [`Engine pairwise precision / recall / F1 against the truth: ${r.engineF1.precision.toFixed(3)} / ${r.engineF1.recall.toFixed(3)} / ${r.engineF1.f1.toFixed(3)} (DBSCAN not run: --skip-dbscan).`];
  return [
    `Command: \`${command}\` (${machineLine()})`,
    '',
    `Input: the first ${fmt(r.n)} observations of the demo scenario (ukraine-2026 with its water, seed 1, tempo high; about ${fmt(r.n / 4300)} days), fused as the simulator yields them, in chunks of 20,000 reports (${fmt(r.simSeconds)} s of simulating and bookkeeping besides, not counted below), so the process holds only what the engine holds, one chunk and a few arrays of N numbers.`,
    '',
    `Load: the machine's 1-minute load average during the run was ${r.checkpoints.length ? (r.checkpoints.reduce((a, c) => a + c.load, 0) / r.checkpoints.length).toFixed(1) : '–'} on ${cpus().length} CPUs (other work shared them; figures from a quiet machine will be lower, for DBSCAN too, which ran right after).`,
    '',
    `**FusionEngine**: each observation added once, in stream order, at the data clock (the latest stated window end so far, as IncidentFuser and fuseAll use), default options (6 h window, 1 h span). Timed with performance.now() around each add().`,
    '',
    '| | value |',
    '| --- | ---: |',
    `| total (sum of the add() calls) | ${r.fuseSeconds.toFixed(1)} s (${fmt(r.n / r.fuseSeconds)} observations/s) |`,
    `| CPU time of the process during the add() calls (GC threads included; less sensitive to load) | ${r.fuseCpuSeconds.toFixed(1)} s |`,
    `| add() p50 / p99, all | ${ms(r.p50)} / ${ms(r.p99)} |`,
    `| add() p50 / p99, last 10 % (${fmt(Math.floor(r.n * 0.9))}+ already fused) | ${ms(r.p50Last)} / ${ms(r.p99Last)} |`,
    `| add() slowest | ${ms(r.max)} |`,
    `| incidents opened | ${fmt(r.incidents)} |`,
    `| engine errors (observation left unfused) | ${fmt(r.errors)} (${((100 * r.errors) / r.n).toFixed(2)} %) |`,
    `| peak live incidents / live observations | ${fmt(r.peakLive)} / ${fmt(r.peakLiveObs)} |`,
    `| live incidents at the end whose window ended > 12 h before (leaked by engine errors) | ${fmt(r.stale)} |`,
    '',
    'Memory as the run goes (heap used after a full GC; the process also holds per-report arrays and an id map of N entries, so some growth is the benchmark’s own; live = held by the engine):',
    '',
    '| fused | heap MiB | live incidents | live observations |',
    '| ---: | ---: | ---: | ---: |',
    ...r.checkpoints.filter((_, i) => i % 4 === 3 || i === r.checkpoints.length - 1).map((c) => `| ${fmt(c.at)} | ${fmt(c.heapMiB)} | ${fmt(c.live)} | ${fmt(c.liveObs)} |`),
    '',
    ...(best ? dbscanLines(r, best, ms) : engineOnly),
  ].join('\n');
}

function dbscanLines(r: SpeedResult, best: SpeedResult['dbscan'][number], ms: (x: number) => string): string[] {
  return [
    `**DBSCAN** (scikit-learn ${sklearnVersion()}, ${PYTHON}): the same observations, each as one point, the centre of the region fusion gives it (a point report: its point; sector and range: middle bearing at middle range; bearing only: middle bearing at 2/3 of the 40 km wedge, a thin sector's centroid). Metric haversine on (lat, lon) in radians, eps = km / 6371.0088, min_samples = 1 (every report in some cluster, as in fusion), ball tree. Time: the reports are cut into ${SLICE_MIN}-minute slices of their stated start (${fmt(r.slices)} slices) and each slice is clustered on its own; the time is that of the fit() calls only (array slicing and labelling included, reading the file not).`,
    '',
    'Both groupings scored against the simulator’s truth with the same pairwise measure as `truceline eval` (pairs of reports of one end of one true event; src/app/eval/grouping.ts).',
    '',
    '| method | seconds | precision | recall | F1 |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| **FusionEngine** (incremental) | ${r.fuseSeconds.toFixed(1)} | ${r.engineF1.precision.toFixed(3)} | ${r.engineF1.recall.toFixed(3)} | **${r.engineF1.f1.toFixed(3)}** |`,
    ...r.dbscan.map((d) => `| DBSCAN eps ${d.eps} km, ${SLICE_MIN} min slices (batch) | ${d.seconds.toFixed(1)} | ${d.precision.toFixed(3)} | ${d.recall.toFixed(3)} | ${d.f1.toFixed(3)} |`),
    '',
    `Targets (issue 5 item 7): faster than DBSCAN — ${r.fuseSeconds < best.seconds ? 'met' : '**missed**'} (${r.fuseSeconds.toFixed(1)} s against ${best.seconds.toFixed(1)} s for the best-F1 DBSCAN, eps ${best.eps} km); better F1 — ${r.engineF1.f1 > best.f1 ? 'met' : '**missed**'} (${r.engineF1.f1.toFixed(3)} against ${best.f1.toFixed(3)}); p99 incremental fusion under 1 ms — ${r.p99Last < 1 ? 'met' : '**missed**'} (${ms(r.p99Last)} with ~${fmt(r.n)} fused); memory bounded by the window — ${r.stale > 0 ? `**not quite**: ${fmt(r.stale)} incidents left in the engine by errors in add() never leave it (an error after an incident is taken out of the index leaves it out of the index and the eviction queue), so live incidents creep up with history (peak ${fmt(r.peakLive)}); without them the live set follows the window` : `live incidents peak at ${fmt(r.peakLive)} whatever the history`}. DBSCAN is a batch clustering that sees every slice whole and is not incremental; the engine does the region geometry (sectors, wedges, bearing fixes) DBSCAN's points leave out.`,
  ];
}

function sklearnVersion(): string {
  const r = spawnSync(PYTHON, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

interface QualityRow {
  seed: number;
  noise: number;
  seconds: number;
  report: EvalReport;
  /** Grouping held to the end each report of undetermined direction heard (reference, not scored). */
  strictEnds: PairScores;
  /** Share of the violated (event, provision) pairs the evidence could show: see evidenceCeiling. */
  ceiling: number;
}

/** Provisions that cannot be found without knowing the weapon. */
const WEAPON_BOUND = new Set(['withdrawal', 'security_zone', 'no_fly']);

/**
 * The provision recall the reports allow: among the (event, provision) pairs of genuine events
 * reported at all (as src/app/eval counts them), the share that a mission source (monitor,
 * sensor) reported and, where the provision rests on the weapon, named rightly. A party's word
 * claims nothing, and no engine can find a withdrawal breach nobody named a weapon for.
 */
function evidenceCeiling(truths: readonly TruthEvent[], observations: ReadonlyMap<string, Observation>): number {
  let violated = 0;
  let shown = 0;
  for (const e of truths) {
    if (!e.genuine) continue;
    const reports = e.observationIds.flatMap((id) => observations.get(id) ?? []);
    if (reports.length === 0) continue;
    const mission = reports.filter((o) => isMissionSource(o.source.kind));
    for (const p of new Set(e.provisionsViolated)) {
      violated++;
      const needsWeapon = WEAPON_BOUND.has(p.split(':')[0]!);
      if (mission.length > 0 && (!needsWeapon || mission.some((o) => o.weapon === e.weapon))) shown++;
    }
  }
  return violated === 0 ? 1 : shown / violated;
}

async function quality(): Promise<QualityRow[]> {
  const rows: QualityRow[] = [];
  const seeds = args.dry ? [1] : args.seeds.split(',').map(Number);
  const noises = args.dry ? [1] : args.noises.split(',').map(Number);
  for (const noise of noises) {
    for (const seed of seeds) {
      const dir = mkdtempSync(join(tmpdir(), 'truceline-quality-'));
      const store = SqliteStore.open(join(dir, 'q.db'), { synchronous: 'NORMAL' });
      const t0 = performance.now();
      const { truths } = await playScenario(store, agreement, { seed, days: args.dry ? 0.2 : 1, start: '2026-03-01T00:00:00Z', tempo: 'normal', noise, water }, { fuser: { log: () => undefined } });
      const seconds = (performance.now() - t0) / 1000;
      const observations = await readObservations(store);
      const incidents = await readIncidents(store);
      const report = evaluate({ truths, observations, incidents });
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      rows.push({ seed, noise, seconds, report, strictEnds: report.groupingHeldToEnd, ceiling: evidenceCeiling(truths, observations) });
      log(`quality: noise ${noise} seed ${seed}: F1 ${report.grouping.f1.toFixed(3)} (held to the end heard, reference: ${report.groupingHeldToEnd.f1.toFixed(3)}), ${seconds.toFixed(1)} s`);
    }
  }
  return rows;
}

/** One line per noise level: the range over seeds of the headline figures. */
function byNoise(rows: QualityRow[]): string[] {
  const range = (xs: number[], f: (x: number) => string) => {
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    return lo === hi ? f(lo) : `${f(lo)}-${f(hi)}`;
  };
  const noises = [...new Set(rows.map((r) => r.noise))];
  return [
    'By noise level (range over the seeds): as measurement errors grow, fusion splits more (recall falls) and places worse, and attribution goes wrong more often: reports understate their errors more than the origin’s widening for attribution (its reports’ measured disagreement, the mission’s recent measure, three times the stated error for a lone placing source) covers; coverage is the attributed share of the attributable.',
    '',
    ...noises.map((noise) => {
      const rs = rows.filter((r) => r.noise === noise).map((r) => r.report);
      const held = rows.filter((r) => r.noise === noise).map((r) => r.strictEnds.f1);
      return `- noise ${noise}: grouping F1 ${range(rs.map((r) => r.grouping.f1), (x) => x.toFixed(2))} (reference, held to the end heard: ${range(held, (x) => x.toFixed(2))}); ≥ 2-source localisation median ${range(rs.map((r) => r.placement.localisationM['2+'].median ?? 0), (x) => fmt(x))} m; misattribution ${range(rs.map((r) => r.attribution.misattributionRate), (x) => (100 * x).toFixed(1))} % of ${range(rs.map((r) => r.attribution.attributed), (x) => fmt(x))} attributed (${rs.reduce((n, r) => n + r.attribution.wrong, 0)} wrong in all; coverage ${range(rs.map((r) => r.attribution.coverage), (x) => (100 * x).toFixed(1))} %); provision recall ${range(rs.map((r) => r.provisions.recall), (x) => x.toFixed(2))}, precision ${range(rs.map((r) => r.provisions.precision), (x) => x.toFixed(2))}.`;
    }),
  ];
}

function qualitySection(rows: QualityRow[]): string {
  const f = (x: number | null, d = 3) => (x === null ? '–' : x.toFixed(d));
  const pct = (x: number | null, d = 1) => (x === null ? '–' : `${(100 * x).toFixed(d)} %`);
  const m = (x: number | null) => (x === null ? '–' : fmt(x));
  const head = '| noise | seed | obs | incidents | grouping P / R / F1 | reference: grouping held to the end heard, P / R / F1 | count err. median (sum of reports) | loc. median m, 1 source | loc. median / p90 m, ≥ 2 sources | attributed / attributable | misattrib. | calib. gap | provisions P / R |';
  const und = '| noise | seed | impacts only | party/open sources only | lone bearings | straddling the line (errors widened) | one report decides | withdrawal P / R | security zone P / R | ceasefire P / R | provision recall: engine / evidence allows |';
  return [
    `Command: \`${command}\` (${machineLine()}); the same figures for one store: \`truceline eval --truth TRUTH.ndjson\`.`,
    '',
    'Each row: the demo scenario (ukraine-2026 with its water), one day from 2026-03-01 at normal tempo, filed through the real intake and fusion path (fileAndFuse: the filing transaction, then IncidentFuser with its defaults: attribution threshold 0.95) in batches of one scenario minute, into a SqliteStore, then scored by src/app/eval. Definitions (src/app/eval): a truth group is one end of one true event (the firing, or the impact); a pair of reports put in one incident is right when they are of one group; a report of undetermined direction belongs to the end the simulator says it heard (its truth’s endsHeard) but, like a projectile in flight, is not scored against the other end of its own event. The reference column (not a target) holds it to the end it heard: put with the other end’s reports it makes wrong pairs (pairwiseGrouping’s strictEnds). Localisation: from the incident holding most of a group’s reports to the true place of that end, by how many distinct mission sources (patrols, sensors) reported it. Attribution: against the party that truly fired (a fabricated allegation fired nothing). Calibration: among attributions stated at ≥ 0.9, mean stated confidence − share right. Provisions: matches at confidence ≥ 0.5 against the truth’s provisionsViolated.',
    '',
    head,
    '| ---: | ---: | ---: | ---: | --- | --- | --- | ---: | --- | --- | ---: | ---: | --- |',
    ...rows.map(({ seed, noise, report: r, strictEnds: g }) => {
      const a = r.attribution;
      return `| ${noise} | ${seed} | ${fmt(r.observations)} | ${fmt(r.incidents)} | ${f(r.grouping.precision)} / ${f(r.grouping.recall)} / **${f(r.grouping.f1)}** | ${f(g.precision)} / ${f(g.recall)} / ${f(g.f1)} | ${pct(r.placement.countError.fused.median, 0)} (${pct(r.placement.countError.naiveSum.median, 0)}) | ${m(r.placement.localisationM['1'].median)} | **${m(r.placement.localisationM['2+'].median)}** / ${m(r.placement.localisationM['2+'].p90)} | ${a.attributed} / ${a.attributable} | **${pct(a.misattributionRate, 2)}** (${a.wrong}) | ${a.calibration.gap === null ? '–' : (100 * a.calibration.gap).toFixed(1)} | ${f(r.provisions.precision)} / **${f(r.provisions.recall)}** |`;
    }),
    '',
    'Where the engine says “undetermined” (incidents not attributed, by why), the provisions by kind, and the provision recall the reports allow (violations a mission source reported and, for withdrawal, the security zone and no-fly areas, named the weapon of rightly; a party’s word alone claims nothing):',
    '',
    und,
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- |',
    ...rows.map(({ seed, noise, report: r, ceiling }) => {
      const u = r.attribution.undetermined;
      const k = r.provisions.byKind;
      return `| ${noise} | ${seed} | ${u.noOrigin} | ${u.notMissionSourced} | ${u.loneBearing} | ${u.belowThreshold} | ${u.leaveOneOut} | ${f(k.withdrawal?.precision ?? null)} / ${f(k.withdrawal?.recall ?? null)} | ${f(k.security_zone?.precision ?? null)} / ${f(k.security_zone?.recall ?? null)} | ${f(k.ceasefire?.precision ?? null)} / ${f(k.ceasefire?.recall ?? null)} | ${f(r.provisions.recall)} / ${f(ceiling)} |`;
    }),
    '',
    ...byNoise(rows),
    '',
    'Targets (issue 5 item 6) against these figures, what changed and what is left: the section “Fusion quality: targets and analysis” below, written by hand from these runs.',
  ].join('\n');
}

async function main(): Promise<void> {
  if (!args['skip-speed']) {
    const r = speed();
    const body = speedSection(r);
    if (args.dry || N !== 1_000_000 || args['skip-dbscan']) process.stdout.write(body + '\n');
    else writeSection('Fusion: speed against DBSCAN', body);
  }
  if (!args['skip-quality']) {
    const rows = await quality();
    const body = qualitySection(rows);
    if (args.dry || args.seeds !== '1,2,3' || args.noises !== '1,2,3') process.stdout.write(body + '\n');
    else writeSection('Fusion quality', body);
  }
}

await main();
