import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openIdentity } from '../../src/app/identity/open.js';
import { createToken } from '../../src/app/identity/tokens.js';
import { createUser } from '../../src/app/identity/users.js';
import { openMission } from '../../src/app/mission.js';
import { sampleObservation } from '../../src/server/test-harness.js';
import { ROOT } from './cli.js';
import { freePort } from '../../src/server/test-harness.js';

export { freePort };

/** A `truceline serve` process for the fault tests: start, wait until it answers, stop. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


export function exited(p: ChildProcessWithoutNullStreams): Promise<NodeJS.Signals | number | null> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(p.signalCode ?? p.exitCode);
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve(signal ?? code)));
}

export interface ServeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly base: string;
  log(): string;
  /** SIGTERM, and the exit code or signal. */
  stop(): Promise<NodeJS.Signals | number | null>;
}

/** Starts serve and waits for /healthz; `spawn` options (uid, gid) pass through for privilege tests. */
export async function startServe(args: readonly string[], opts: { port: number; env?: NodeJS.ProcessEnv; uid?: number; gid?: number }): Promise<ServeProcess> {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it first)');
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'truceline.js'), 'serve', '--port', String(opts.port), ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: '1', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(opts.uid !== undefined ? { uid: opts.uid } : {}),
    ...(opts.gid !== undefined ? { gid: opts.gid } : {}),
  });
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')));
  const base = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not answer /healthz: ${log}`);
    }
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return {
    child,
    base,
    log: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      return exited(child);
    },
  };
}

/** A monitor `intake` with an API token, created before serve starts (DATABASE_URL from `databaseUrl`). */
export async function intakeToken(data: string, databaseUrl?: string): Promise<string> {
  const mission = await openMission(data, databaseUrl ? { databaseUrl } : {});
  const deps = openIdentity(mission);
  try {
    const ctx = { actor: 'cli:test', nowMs: Date.now() };
    await createUser(deps, { name: 'intake', role: 'monitor' }, ctx);
    return (await createToken(deps, { user: 'intake', scopes: ['observations:write', 'observations:read'] }, ctx)).token;
  } finally {
    await deps.reader.close();
    await mission.close();
  }
}

/** What one intake request came back as. */
export type Outcome = { kind: 'acknowledged'; ids: string[] } | { kind: 'unavailable'; status: number; retryAfter: string | null; type: string } | { kind: 'other'; status: number; body: string } | { kind: 'network'; error: string };

/**
 * Files batches one after another until `stop()` is true, recording every outcome. Only a 200's
 * `stored`/`duplicate` results count as acknowledged; a 503 must carry Retry-After and a problem
 * body, and is retried later with the same ids, as a client should.
 */
export async function sustainIntake(base: string, token: string, opts: { prefix: string; batch: number; stop: () => boolean; acknowledged: Set<string>; outcomes: Outcome[]; pauseMs?: number }): Promise<void> {
  let next = 0;
  let pending: Record<string, unknown>[] | null = null;
  while (!opts.stop()) {
    const batch: Record<string, unknown>[] = pending ?? Array.from({ length: opts.batch }, () => sampleObservation(next, { id: `${opts.prefix}-${next++}` }));
    pending = null;
    try {
      const res = await fetch(`${base}/api/v1/observations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status === 200) {
        const body = JSON.parse(text) as { results: { id: string; status: string }[] };
        const ids = body.results.filter((r) => r.status === 'stored' || r.status === 'duplicate').map((r) => r.id);
        for (const id of ids) opts.acknowledged.add(id);
        opts.outcomes.push({ kind: 'acknowledged', ids });
      } else if (res.status === 503) {
        opts.outcomes.push({ kind: 'unavailable', status: 503, retryAfter: res.headers.get('retry-after'), type: (JSON.parse(text) as { type: string }).type });
        pending = batch;
        await sleep(opts.pauseMs ?? 100);
      } else {
        opts.outcomes.push({ kind: 'other', status: res.status, body: text.slice(0, 500) });
        pending = batch;
        await sleep(opts.pauseMs ?? 100);
      }
    } catch (err) {
      opts.outcomes.push({ kind: 'network', error: String(err) });
      pending = batch;
      await sleep(opts.pauseMs ?? 100);
    }
  }
}
