import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openLocalLog } from '../src/app/local-log.js';
import { registerVerifyCommand } from '../src/cli/commands/verify.js';
import { createPgCluster, type PgCluster } from './support/pg-cluster.js';
import { storedCounts } from './support/nats.js';
import { runCommand } from './support/run-command.js';
import { freePort, intakeToken, sleep, startServe, sustainIntake, type Outcome } from './support/serve-process.js';

/**
 * `truceline serve` on PostgreSQL (DATABASE_URL) while the database is down for 10 seconds under
 * sustained intake. The test runs its own cluster (initdb + pg_ctl on a free port): the shared
 * server other tests use is never stopped. While the database is down, intake answers 503 with
 * Retry-After and a problem body (never a 500, never a dropped connection); afterwards it
 * recovers by itself, every acknowledged observation is stored exactly once, and the ledger verifies.
 */
const OUTAGE_MS = 10_000;

it('PostgreSQL down for 10 s under load: 503 + Retry-After while down, then recovery; every acknowledged observation once; the ledger verifies', { timeout: 240_000 }, async (ctx) => {
  const cluster = createPgCluster(await freePort());
  if ('unavailable' in cluster) {
    ctx.skip(`no private PostgreSQL cluster: ${cluster.unavailable}`);
    return;
  }
  const pgc: PgCluster = cluster;
  const dir = mkdtempSync(join(tmpdir(), 'truceline-fault-pg-'));
  const saved = process.env.DATABASE_URL;
  try {
    await pgc.createDatabase('truceline');
    const url = pgc.url('truceline');
    const data = join(dir, 'data');
    const token = await intakeToken(data, url);
    const config = join(dir, 'serve.json');
    writeFileSync(config, JSON.stringify({ intakePerMinutePerIp: 1_000_000, intakePerMinutePerToken: 1_000_000, logLevel: 'warn' }));
    const serve = await startServe(['--data', data, '--config', config, '--checkpoint-interval', '3600'], { port: await freePort(), env: { DATABASE_URL: url } });

    const acknowledged = new Set<string>();
    const outcomes: Outcome[] = [];
    let stop = false;
    const clients = Promise.all(['a', 'b'].map((prefix) => sustainIntake(serve.base, token, { prefix: `pg-${prefix}`, batch: 10, stop: () => stop, acknowledged, outcomes, pauseMs: 200 })));
    const until = async (what: string, cond: () => boolean, ms = 30_000) => {
      const deadline = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(outcomes.slice(-5))}\n${serve.log()}`);
        await sleep(50);
      }
    };
    await until('no acknowledgement before the outage', () => acknowledged.size >= 100);

    pgc.stop();
    const downAt = outcomes.length;
    const ready = await fetch(`${serve.base}/readyz`).catch((err: unknown) => {
      throw new Error(`serve stopped answering when the database went down (exit ${serve.child.exitCode ?? serve.child.signalCode}): ${String(err)}\n${serve.log()}`);
    });
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(`${serve.base}/healthz`)).status).toBe(200);
    await sleep(OUTAGE_MS);
    const duringOutage = outcomes.slice(downAt);
    pgc.start();

    const ackedAtRestart = acknowledged.size;
    await until('intake did not recover after the database came back', () => acknowledged.size >= ackedAtRestart + 100, 60_000);
    stop = true;
    await clients;
    expect((await fetch(`${serve.base}/readyz`)).status).toBe(200);
    expect(await serve.stop(), serve.log()).toBe(0);

    // While down: refused with 503, Retry-After and a problem type; nothing else.
    const refused = duringOutage.filter((o) => o.kind === 'unavailable');
    expect(refused.length, serve.log()).toBeGreaterThan(0);
    for (const o of refused) {
      expect(o).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/), type: 'urn:truceline:problem:unavailable' });
    }
    expect(outcomes.filter((o) => o.kind === 'other' || o.kind === 'network'), serve.log()).toEqual([]);

    process.env.DATABASE_URL = url;
    const counts = await storedCounts(data);
    expect([...acknowledged].filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const verified = await runCommand((p) => registerVerifyCommand(p, openLocalLog), ['verify', '--data', data]);
    expect(verified.code ?? 0, verified.out + verified.err).toBe(0);
    process.exitCode = undefined;
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    pgc.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
