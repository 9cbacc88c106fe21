/**
 * The load generator of bench/load.ts, run in a process of its own so it does not share an event
 * loop with anything it measures. autocannon speaks to one host, so each server gets its own
 * instances, at an equal share of the overall rate (`overallRate`), all running the mix of
 * bench/load-mix.ts.
 *
 *   node --import tsx bench/load-client.ts '<plan as JSON>'    prints the result as one JSON line
 */
import { spawn } from 'node:child_process';
import { mixCycle, type RequestKind } from './load-mix.js';

export interface ClientPlan {
  /** One entry per server: its base URL and its requests per second. */
  readonly targets: readonly { url: string; rate: number }[];
  readonly token: string;
  readonly seconds: number;
  /** Connections per server (one autocannon instance each). */
  readonly connections: number;
  readonly reportDate: string;
  /** Reports per intake batch. */
  readonly batch: number;
  /** Distinguishes the observation ids of one run from every other's. */
  readonly runId: string;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface ClientResult {
  readonly seconds: number;
  /** Requests answered (any status). */
  readonly requests: number;
  readonly rps: number;
  readonly latency: LatencySummary;
  readonly byKind: Record<RequestKind, LatencySummary>;
  /** Connection errors and timeouts (no answer). */
  readonly errors: number;
  readonly timeouts: number;
  /** Answers other than 2xx, by status. */
  readonly non2xx: Record<string, number>;
  readonly observationsSent: number;
}

/** autocannon ships no types; the little used here. */
const AUTOCANNON: string = 'autocannon';
interface AutocannonRequest {
  setupRequest(req: Record<string, unknown>): Record<string, unknown>;
  onResponse(status: number): void;
}
type Autocannon = (o: {
  url: string;
  connections: number;
  duration: number;
  overallRate: number;
  timeout: number;
  headers: Record<string, string>;
  requests: AutocannonRequest[];
}) => PromiseLike<{ errors: number; timeouts: number }> & {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};

export function summarise(ms: number[]): LatencySummary {
  const s = Float64Array.from(ms).sort();
  const pct = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN);
  return { count: s.length, p50: pct(50), p99: pct(99), max: s.length ? s[s.length - 1]! : NaN };
}

export async function runClient(plan: ClientPlan): Promise<ClientResult> {
  const { default: autocannon } = (await import(AUTOCANNON)) as { default: Autocannon };
  const all: number[] = [];
  const byKind: Record<RequestKind, number[]> = { intake: [], map: [], reports: [] };
  const non2xx: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  let batches = 0;
  const start = performance.now();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // Per server, `connections` instances of one connection each, at whole shares of the server's
  // rate, started 1/connections of a second apart: autocannon sends a connection's share at the
  // start of each of its seconds, so staggered connections spread the arrivals over the second
  // instead of sending every connection's share at once. Each starts at another slot of the mix.
  const instances = plan.targets.flatMap((target, t) => {
    const c = Math.max(1, Math.min(plan.connections, target.rate));
    return Array.from({ length: c }, (_, j) => ({
      url: target.url,
      rate: Math.floor(target.rate / c) + (j < target.rate % c ? 1 : 0),
      delayMs: ((j + t / plan.targets.length) * 1000) / c,
      key: `${t}-${j}`,
      rotate: j + t * 3,
    }));
  });
  await Promise.all(
    instances.map(async (inst, i) => {
      const cycle = mixCycle({ seed: 1 + i, idPrefix: `load-${plan.runId}-${inst.key}`, reportDate: plan.reportDate, batch: plan.batch });
      const slots = cycle.map((_, k) => cycle[(k + inst.rotate) % cycle.length]!);
      // onResponse runs just before the instance's 'response' event for the same answer, so the
      // kind noted here is the kind of the answer timed there.
      let answered: RequestKind = 'map';
      const requests: AutocannonRequest[] = slots.map((slot) => ({
        setupRequest: (req) => {
          const r = slot.make();
          if (slot.kind === 'intake') batches++;
          return { ...req, method: r.method, path: r.path, ...(r.body ? { body: r.body } : {}) };
        },
        onResponse: () => (answered = slot.kind),
      }));
      await sleep(inst.delayMs);
      const instance = autocannon({
        url: inst.url,
        connections: 1,
        duration: plan.seconds,
        overallRate: inst.rate,
        timeout: 30,
        headers: { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json' },
        requests,
      });
      instance.on('response', (_c, status, _b, ms) => {
        all.push(ms);
        byKind[answered].push(ms);
        if (status < 200 || status > 299) non2xx[status] = (non2xx[status] ?? 0) + 1;
      });
      const r = await instance;
      errors += r.errors;
      timeouts += r.timeouts;
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return {
    seconds,
    requests: all.length,
    rps: all.length / plan.seconds,
    latency: summarise(all),
    byKind: { intake: summarise(byKind.intake), map: summarise(byKind.map), reports: summarise(byKind.reports) },
    errors,
    timeouts,
    non2xx,
    observationsSent: batches * plan.batch,
  };
}

/** Runs the client in a second process (node with tsx), as the benchmark does. */
export function runClientProcess(plan: ClientPlan): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load client exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as ClientResult);
    });
  });
}

if (process.argv[1] === import.meta.filename) {
  const result = await runClient(JSON.parse(process.argv[2]!) as ClientPlan);
  process.stdout.write(JSON.stringify(result) + '\n');
}
