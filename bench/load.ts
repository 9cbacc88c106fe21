/**
 * Load: a mixed load (intake, map queries, report reads; bench/load-mix.ts) from autocannon in a
 * second process on loopback, at the highest constant rate that keeps p99 under 200 ms with no
 * errors, held for `--duration` seconds while the servers' resident memory is sampled every 5 s.
 * For SQLite with one `truceline serve` process, PostgreSQL with one, and PostgreSQL with three
 * sharing the database (requests round robin: each server gets its own autocannon instances at a
 * third of the rate, bench/load-client.ts). SQLite with three processes is not a deployment:
 * SQLite has one writer process.
 *
 * The rate search: constant-rate probes of `--probe` seconds after an uncounted warm-up, doubling
 * from `--start` while they pass (halving while they fail, if the first does), then bisecting
 * between the last pass and the first failure to within 10 %. When no rate passes, the full run
 * holds the lowest and the table says the target was missed. A probe passes
 * when p99 < 200 ms, every answer is 2xx, nothing failed or timed out, and at least 95 % of the
 * asked rate was sent (autocannon holds back when answers are late).
 *
 *   npx tsx bench/load.ts [--duration 300] [--store sqlite|postgres|all] [--procs 1|3|all]
 *                         [--probe 15] [--start 25] [--rate R (no search)] [--batch 5 (reports per intake)]
 *                         [--write (also write the section into BENCHMARKS.md)]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runClientProcess, type ClientResult } from './load-client.js';
import { describeMix, INTAKE_BATCH } from './load-mix.js';
import { deploy, residentMiB, type StoreKind } from './load-servers.js';
import { fmt, machineLine, writeSection } from './report.js';

export const P99_LIMIT_MS = 200;
const RSS_EVERY_MS = 5000;
const PROBE_ANSWERS = 200;
const PROBE_MAX_SECONDS = 60;

export interface MeasureOptions {
  readonly store: StoreKind;
  readonly procs: number;
  /** Seconds of the full run at the rate found. */
  readonly duration: number;
  /** Seconds of each probe of the rate search. */
  readonly probeSeconds?: number;
  /** First rate of the search (requests/s). */
  readonly startRate?: number;
  /** Skip the search and run at this rate. */
  readonly rate?: number;
  /** Connections per server. */
  readonly connections?: number;
  /** Reports per intake batch (default INTAKE_BATCH of bench/load-mix.ts). */
  readonly batch?: number;
  /** Extra node flags for every server (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** Seconds of load before the search, not counted (default 10). */
  readonly warmupSeconds?: number;
  /** Batches of reports filed before the load, over the last two days. */
  readonly seedBatches?: number;
  readonly log?: (line: string) => void;
}

export interface Probe {
  readonly rate: number;
  readonly pass: boolean;
  readonly why: string;
  readonly result: ClientResult;
}

export interface RssSample {
  /** Seconds since the full run started. */
  readonly t: number;
  /** MiB per server process, in server order. */
  readonly perProcess: readonly number[];
  readonly total: number;
}

export interface Measurement {
  readonly store: StoreKind;
  readonly procs: number;
  readonly rate: number;
  readonly batch: number;
  /** Seconds of each probe, and of the uncounted warm-up before them. */
  readonly probeSeconds: number;
  readonly warmupSeconds: number;
  /** Reports filed before the load. */
  readonly seeded: number;
  /** Seconds of the full run. */
  readonly duration: number;
  readonly probes: readonly Probe[];
  readonly run: ClientResult;
  readonly rss: readonly RssSample[];
  readonly memory: { start: number; middle: number; end: number; slopeMiBPerMin: number };
}

/** Why a run fails the target, or '' when it meets it. */
export function verdict(r: ClientResult, rate: number, seconds: number): string {
  const bad = Object.entries(r.non2xx).map(([s, n]) => `${n} × ${s}`);
  if (r.errors || r.timeouts) return `${r.errors} errors, ${r.timeouts} timeouts`;
  if (bad.length) return `non-2xx: ${bad.join(', ')}`;
  if (!(r.latency.p99 < P99_LIMIT_MS)) return `p99 ${fmt(r.latency.p99)} ms`;
  if (r.requests < 0.95 * rate * seconds) return `only ${fmt(r.requests / seconds, 1)} of ${rate} req/s sent`;
  return '';
}

/** Least-squares slope of `y` over `x`. */
export function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (x[i]! - mx) * (y[i]! - my);
    den += (x[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Splits `rate` over `n` servers round robin (the first ones take the remainder). */
function shares(rate: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(rate / n) + (i < rate % n ? 1 : 0));
}

/** One configuration: deploy, search the rate (unless given), hold it for `duration` seconds. */
export async function measureConfiguration(o: MeasureOptions): Promise<Measurement> {
  const log = o.log ?? ((l: string) => process.stderr.write(l + '\n'));
  const name = `${o.store}×${o.procs}`;
  const t0 = performance.now();
  const clock = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  log(`[${name}] starting ${o.procs} serve process(es) on a fresh ${o.store} store…`);
  const batch = o.batch ?? INTAKE_BATCH;
  const d = await deploy(o.store, o.procs, o.seedBatches ?? 50, o.nodeArgs ?? []);
  try {
    log(`[${name}] ready at ${d.servers.map((s) => s.url).join(', ')}; daily report of ${d.reportDate} published (${clock()})`);
    let runs = 0;
    const load = async (rate: number, seconds: number, what: string) => {
      const started = performance.now();
      const tick = setInterval(() => log(`[${name}] ${what} at ${rate} req/s: ${((performance.now() - started) / 1000).toFixed(0)} / ${seconds} s (total ${clock()})`), 10_000);
      try {
        const perServer = shares(rate, d.servers.length);
        return await runClientProcess({
          targets: d.servers.map((s, i) => ({ url: s.url, rate: perServer[i]! })),
          token: d.token,
          seconds,
          connections: o.connections ?? Math.ceil(16 / d.servers.length),
          reportDate: d.reportDate,
          batch,
          runId: `${process.pid}-${Date.now().toString(36)}-${runs++}`,
        });
      } finally {
        clearInterval(tick);
      }
    };

    // Warm-up, not counted: compilation, the grid's column copy, fusion's first windows.
    const warm = o.warmupSeconds ?? 10;
    if (warm > 0) {
      log(`[${name}] warm-up: ${o.procs * 2} req/s for ${warm} s`);
      await load(o.procs * 2, warm, 'warm-up');
    }

    const probes: Probe[] = [];
    let rate = o.rate ?? 0;
    if (o.rate === undefined) {
      const seconds = o.probeSeconds ?? 15;
      // Every server takes the same whole share of the rate.
      const step = o.procs;
      const whole = (r: number) => Math.max(step, Math.round(r / step) * step);
      const probe = async (r: number) => {
        // A p99 needs answers enough that it is not simply the slowest one: at least
        // PROBE_ANSWERS, within PROBE_MAX_SECONDS.
        const secs = Math.max(seconds, Math.min(PROBE_MAX_SECONDS, Math.ceil(PROBE_ANSWERS / r)));
        log(`[${name}] probe ${probes.length + 1}: ${r} req/s for ${secs} s`);
        const result = await load(r, secs, `probe ${probes.length + 1}`);
        const why = verdict(result, r, secs);
        probes.push({ rate: r, pass: why === '', why, result });
        const k = result.byKind;
        log(`[${name}]   ${why === '' ? 'pass' : `fail (${why})`}: p50 ${fmt(result.latency.p50, 1)} ms, p99 ${fmt(result.latency.p99, 1)} ms (intake ${fmt(k.intake.p99)}, map ${fmt(k.map.p99)}, reports ${fmt(k.reports.p99)}), ${fmt(result.rps, 1)} req/s`);
        return why === '';
      };
      let lo = 0;
      let hi = 0;
      for (let r = whole(o.startRate ?? 25); ; r *= 2) {
        if (await probe(r)) lo = r;
        else {
          hi = r;
          break;
        }
        if (r >= 4000) break;
      }
      if (lo === 0) {
        // Even the first rate failed: search downwards.
        for (let r = whole(hi / 2); r < hi; r = whole(r / 2)) {
          if (await probe(r)) {
            lo = r;
            break;
          }
          hi = r;
        }
      }
      while (hi > 0 && lo > 0 && (hi - lo) / lo > 0.1 && hi - lo > step) {
        const mid = whole((lo + hi) / 2);
        if (mid === lo || mid === hi) break;
        if (await probe(mid)) lo = mid;
        else hi = mid;
      }
      if (lo === 0) log(`[${name}] no rate met the target; the full run holds the lowest, ${step} req/s`);
      rate = lo || step;
    }

    log(`[${name}] full run: ${rate} req/s for ${o.duration} s, RSS every ${RSS_EVERY_MS / 1000} s`);
    const rss: RssSample[] = [];
    const runStart = performance.now();
    const sample = () => {
      const perProcess = d.servers.map((s) => residentMiB(s.pid) ?? NaN);
      rss.push({ t: (performance.now() - runStart) / 1000, perProcess, total: perProcess.reduce((a, b) => a + b, 0) });
    };
    sample();
    const sampler = setInterval(sample, RSS_EVERY_MS);
    let run: ClientResult;
    try {
      run = await load(rate, o.duration, 'full run');
    } finally {
      clearInterval(sampler);
    }
    sample();
    const totals = rss.map((s) => s.total);
    const memory = {
      start: totals[0]!,
      middle: totals[Math.floor(totals.length / 2)]!,
      end: totals[totals.length - 1]!,
      slopeMiBPerMin: slope(rss.map((s) => s.t / 60), totals),
    };
    const why = verdict(run, rate, o.duration);
    log(`[${name}] done: ${why === '' ? 'met the target' : `missed the target (${why})`}; p99 ${fmt(run.latency.p99, 1)} ms; RSS ${fmt(memory.start)} → ${fmt(memory.end)} MiB (${fmt(memory.slopeMiBPerMin, 2)} MiB/min) (${clock()})`);
    return { store: o.store, procs: o.procs, rate, batch, probeSeconds: o.probeSeconds ?? 15, warmupSeconds: warm, seeded: (o.seedBatches ?? 50) * 20, duration: o.duration, probes, run, rss, memory };
  } finally {
    await d.stop();
  }
}

const ms = (x: number) => (Number.isFinite(x) ? `${fmt(x, x < 10 ? 1 : 0)} ms` : '—');

/** The BENCHMARKS.md section for the measured configurations. */
export function section(all: readonly Measurement[], command: string, load: { before: number[]; after: number[] }): string {
  const label = (m: Measurement) => `${m.store === 'sqlite' ? 'SQLite' : 'PostgreSQL'} × ${m.procs}`;
  const find = (s: StoreKind, p: number) => all.find((m) => m.store === s && m.procs === p);
  const ratio = (a?: Measurement, b?: Measurement) => (a && b ? `${fmt(a.rate / b.rate, 2)}×` : 'not measured');
  const failures = (m: Measurement) => {
    const v = verdict(m.run, m.rate, m.duration);
    return v === '' ? 'none: met' : `missed: ${v}`;
  };
  const rows = all.map(
    (m) =>
      `| ${label(m)} | ${fmt(m.rate)} | ${fmt(m.run.rps, 1)} | ${ms(m.run.latency.p50)} | ${ms(m.run.latency.p99)} | ${ms(m.run.latency.max)} | ${fmt(m.run.requests)} | ${failures(m)} | ${fmt(m.run.observationsSent / m.duration)} | ${fmt(m.memory.start)} / ${fmt(m.memory.middle)} / ${fmt(m.memory.end)} | ${fmt(m.memory.slopeMiBPerMin, 2)} |`,
  );
  const kinds = all.map(
    (m) =>
      `| ${label(m)} | ${(['intake', 'map', 'reports'] as const).map((k) => `${ms(m.run.byKind[k].p50)} / ${ms(m.run.byKind[k].p99)} (${fmt(m.run.byKind[k].count)})`).join(' | ')} |`,
  );
  const searches = all.map((m) => `- ${label(m)}: ${m.probes.length ? m.probes.map((p) => `${p.rate} ${p.pass ? '✓' : `✗ (${p.why})`}`).join(', ') : 'rate given, no search'}`);
  const duration = all[0]?.duration ?? 0;
  return `
Command: \`${command}\` (${machineLine()}; servers, PostgreSQL and the load generator share the machine; load average
${load.before.map((l) => l.toFixed(1)).join(' / ')} before and ${load.after.map((l) => l.toFixed(1)).join(' / ')} after: the cores were shared with other work)

Mix, fixed per cycle of ten requests on every connection: ${describeMix(all[0]?.batch)}. Map: the grid at zoom 5.6 and 7, observation lists
over zoom 10 and 12 views of the last 7 days (limit 5,000), incidents over a zoom 8 view and the theatre; reports: the list and
the daily report of the day before, published by the chief monitor first (\`POST /api/v1/reports/:date/publish\`). Each server
is a \`truceline serve\` process run from source (node --max-semi-space-size=16 --import tsx; its RSS includes the loader), a fresh
mission with ${fmt(all[0]?.seeded ?? 0)} reports of the last two days filed first; the load comes from autocannon 9 in a second process, spread round robin over the
servers at an equal share of the rate: per server ⌈16 / servers⌉ one-connection instances (16 for one server, 6 each for three),
each at a whole share of the server's rate (\`overallRate\`), started 1/n s apart so their per-second sends interleave. The rate is the
highest constant rate at which a probe of ${all[0]?.probeSeconds ?? 0} s or more (long enough for ${PROBE_ANSWERS} answers, at most ${PROBE_MAX_SECONDS} s; after ${all[0]?.warmupSeconds ?? 0} s of uncounted warm-up) kept p99 under ${P99_LIMIT_MS} ms with every
answer 2xx and 95 % of the rate sent (doubling from \`--start\`, halving if that fails, then bisecting to 10 %); the full run holds it
for ${duration} s while each server's VmRSS is read every 5 s; the slope is the least-squares fit of their sum.
SQLite × 3 is not measured: SQLite has one writer process, so a SQLite mission is served by one process.

| configuration | rate held (req/s) | sent (req/s) | p50 | p99 | max | requests | target (p99 < 200 ms, all 2xx) | reports filed/s | RSS start / middle / end (MiB) | RSS slope (MiB/min) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: |
${rows.join('\n')}

Ratios of the rates held: PostgreSQL / SQLite (one process each) ${ratio(find('postgres', 1), find('sqlite', 1))}; three processes / one (PostgreSQL) ${ratio(find('postgres', 3), find('postgres', 1))}.${all.some((m) => verdict(m.run, m.rate, m.duration) !== '') ? ' A configuration whose full run missed the target held a rate it did not sustain within p99 < 200 ms (or, with no probe passing, the lowest rate tried), so ratios involving it are not ratios of sustainable rates.' : ''}

p50 / p99 (answers) by kind in the full run:

| configuration | intake | map | reports |
| --- | --- | --- | --- |
${kinds.join('\n')}

Rate search (req/s, ✓ pass, ✗ fail and why):
${searches.join('\n')}
`;
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      duration: { type: 'string', default: '300' },
      store: { type: 'string', default: 'all' },
      procs: { type: 'string', default: 'all' },
      probe: { type: 'string', default: '15' },
      start: { type: 'string', default: '25' },
      rate: { type: 'string' },
      batch: { type: 'string', default: String(INTAKE_BATCH) },
      write: { type: 'boolean', default: false },
    },
  });
  const stores = args.store === 'all' ? ['sqlite', 'postgres'] : [args.store];
  const procs = args.procs === 'all' ? [1, 3] : [Number(args.procs)];
  if (!stores.every((s) => s === 'sqlite' || s === 'postgres')) throw new Error(`--store must be sqlite, postgres or all; got '${args.store}'`);
  if (!procs.every((p) => p === 1 || p === 3)) throw new Error(`--procs must be 1, 3 or all; got '${args.procs}'`);
  const configs = (stores as StoreKind[]).flatMap((s) => procs.filter((p) => !(s === 'sqlite' && p > 1)).map((p) => ({ store: s, procs: p })));
  if (stores.includes('sqlite') && procs.includes(3)) process.stderr.write('SQLite × 3 skipped: SQLite has one writer process, so it is not a deployment.\n');
  const batch = Number(args.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error(`--batch must be 1-10000; got '${args.batch}'`);
  process.stderr.write(`mix: ${describeMix(batch)}\n`);
  const before = loadavg();
  const results: Measurement[] = [];
  for (const c of configs) {
    results.push(
      await measureConfiguration({
        ...c,
        duration: Number(args.duration),
        probeSeconds: Number(args.probe),
        startRate: Number(args.start),
        batch,
        ...(args.rate ? { rate: Number(args.rate) } : {}),
      }),
    );
  }
  const after = loadavg();
  const command = `npx tsx bench/load.ts ${process.argv.slice(2).filter((a) => a !== '--write').join(' ')}`.trim();
  const body = section(results, command, { before, after });
  const out = join(import.meta.dirname, 'out');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'load.json'), JSON.stringify(results, null, 1));
  writeFileSync(join(out, 'load-section.md'), body);
  process.stdout.write(body);
  if (args.write) writeSection('Load: mixed load at the highest rate with p99 < 200 ms', body);
}

if (process.argv[1] === import.meta.filename) await main();
