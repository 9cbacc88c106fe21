/**
 * The servers of the load benchmark (bench/load.ts): a fresh mission (a data directory, and for
 * PostgreSQL a scratch database), its users and API tokens, `truceline serve` processes on it
 * (several share one PostgreSQL database, as docs/ARCHITECTURE.md "Many processes on one
 * database" describes), a published daily report, and the processes' resident memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withIdentity } from '../src/app/identity/open.js';
import { createToken } from '../src/app/identity/tokens.js';
import { createUser } from '../src/app/identity/users.js';
import { createScratchDatabase, testServerUrl, type ScratchDatabase } from '../src/store/postgres/scratch-database.js';
import { demoLine, observationBatch } from './load-mix.js';
import { freePort } from '../src/server/test-harness.js';

export type StoreKind = 'sqlite' | 'postgres';

export interface Deployment {
  readonly store: StoreKind;
  readonly servers: readonly { url: string; pid: number }[];
  /** A monitor's token: intake and reads. */
  readonly token: string;
  /** The date of the published daily report. */
  readonly reportDate: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


/** Resident memory of a process in MiB (VmRSS of /proc/<pid>/status), or null once it is gone. */
export function residentMiB(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * The latest daily report whose period has closed: the Kyiv date of 20 hours ago. That date's
 * period closes at 19:30 Kyiv time (the default), before now.
 */
export function closedReportDate(nowMs: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(nowMs - 20 * 3_600_000));
}

async function startServe(data: string, config: string, env: NodeJS.ProcessEnv, nodeArgs: readonly string[]): Promise<{ url: string; child: ChildProcess; log: () => string }> {
  const port = await freePort();
  const entry = join(import.meta.dirname, 'load-serve.ts');
  const child = spawn(process.execPath, ['--max-semi-space-size=16', ...nodeArgs, '--import', 'tsx', entry, 'serve', '--data', data, '--port', String(port), '--config', config], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log = (log + c.toString('utf8')).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${log}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child, log: () => log };
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`serve did not become ready: ${log}`);
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * A fresh mission served by `procs` processes; `seedBatches` batches of reports from the last
 * two days are filed, and the latest closed daily report is published by the chief monitor.
 * `nodeArgs` go to every server's node (e.g. `--cpu-prof` to profile them).
 */
export async function deploy(store: StoreKind, procs: number, seedBatches = 50, nodeArgs: readonly string[] = []): Promise<Deployment> {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-load-'));
  let db: ScratchDatabase | null = null;
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1' };
  delete env.DATABASE_URL;
  const saved = process.env.DATABASE_URL;
  if (store === 'postgres') {
    db = await createScratchDatabase(testServerUrl(), 'truceline_load');
    env.DATABASE_URL = db.url;
    process.env.DATABASE_URL = db.url;
  } else delete process.env.DATABASE_URL;
  const data = join(dir, 'data');
  let children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
            c.once('exit', () => (clearTimeout(t), resolve()));
            c.kill('SIGTERM');
          }),
      ),
    );
    children = [];
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const tokens = await withIdentity(data, async (deps) => {
      const ctx = { actor: 'bench:load', nowMs: Date.now() };
      await createUser(deps, { name: 'load-monitor', role: 'monitor' }, ctx);
      await createUser(deps, { name: 'load-chief', role: 'chief' }, ctx);
      const monitor = await createToken(deps, { user: 'load-monitor', scopes: ['observations:write', 'observations:read'] }, ctx);
      const chief = await createToken(deps, { user: 'load-chief', scopes: ['observations:write', 'observations:read'] }, ctx);
      return { monitor: monitor.token, chief: chief.token };
    });
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    const config = join(dir, 'serve.json');
    writeFileSync(config, JSON.stringify({ intakePerMinutePerIp: 10_000_000, intakePerMinutePerToken: 10_000_000, logLevel: 'silent' }));
    // The first process creates the schema; the others join it.
    const first = await startServe(data, config, env, nodeArgs);
    children.push(first.child);
    const rest = await Promise.all(Array.from({ length: procs - 1 }, () => startServe(data, config, env, nodeArgs)));
    children.push(...rest.map((r) => r.child));
    const servers = [first, ...rest].map((s) => ({ url: s.url, pid: s.child.pid! }));

    // Two days of reports, so the maps and the report have something to show.
    const line = demoLine();
    let x = 99;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let n = 0;
    const now = Date.now();
    for (let b = 0; b < seedBatches; b++) {
      const at = now - Math.floor((b / seedBatches) * 47 * 3_600_000);
      const res = await post(`${servers[b % servers.length]!.url}/api/v1/observations`, tokens.monitor, observationBatch(line, rnd, () => `seed-${n++}`, 20, at));
      if (res.status !== 200) throw new Error(`seeding answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    }
    const reportDate = closedReportDate(now);
    const res = await post(`${servers[0]!.url}/api/v1/reports/${reportDate}/publish`, tokens.chief, { kind: 'daily' });
    if (res.status !== 201) throw new Error(`publishing the daily report of ${reportDate} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    return { store, servers, token: tokens.monitor, reportDate, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
