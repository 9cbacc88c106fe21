import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { createToken } from '../src/app/identity/tokens.js';
import { createUser } from '../src/app/identity/users.js';
import { withIdentity } from '../src/app/identity/open.js';
import { missionVerifierKey, openMission } from '../src/app/mission.js';
import { openLocalLog } from '../src/app/local-log.js';
import { registerVerifyCommand } from '../src/cli/commands/verify.js';
import {
  verifyCheckpoint,
  verifyCheckpointConsistency,
  type Checkpoint,
} from '../src/ledger/index.js';
import { freePort, sampleObservation } from '../src/server/test-harness.js';
import {
  createScratchDatabase,
  probeServer,
  testServerUrl,
} from '../src/store/postgres/scratch-database.js';
import { startCli } from './support/cli.js';
import { storedCounts } from './support/nats.js';
import { runCommand } from './support/run-command.js';

/**
 * kill -9 of `truceline serve` twenty times, on SQLite and on PostgreSQL, under sustained HTTP intake. A client files
 * batches and remembers every observation the server acknowledged (answered stored or duplicate).
 * After each kill: each acknowledged observation is stored exactly once, nothing is stored twice,
 * the ledger verifies, and every checkpoint the client saw before the kill is consistent with the
 * first one served after the restart.
 */
const KILLS = 20;
const BATCH = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


function exited(p: ChildProcessWithoutNullStreams): Promise<NodeJS.Signals | number | null> {
  if (p.exitCode !== null || p.signalCode !== null)
    return Promise.resolve(p.signalCode ?? p.exitCode);
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve(signal ?? code)));
}

async function untilHealthy(
  base: string,
  server: ChildProcessWithoutNullStreams,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`serve exited with ${server.exitCode}: ${log()}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`serve did not become healthy: ${log()}`);
}

async function drill(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-crash-http-'));
  const data = join(dir, 'data');
  const token = await withIdentity(data, async (deps) => {
    await createUser(
      deps,
      { name: 'intake', role: 'monitor' },
      { actor: 'cli:test', nowMs: Date.now() },
    );
    return (
      await createToken(
        deps,
        { user: 'intake', scopes: ['observations:write', 'observations:read'] },
        { actor: 'cli:test', nowMs: Date.now() },
      )
    ).token;
  });
  const logKey = await (async () => {
    const mission = await openMission(data);
    const key = missionVerifierKey(mission);
    await mission.close();
    return key;
  })();
  const config = join(dir, 'serve.json');
  writeFileSync(
    config,
    JSON.stringify({
      intakePerMinutePerIp: 1_000_000,
      intakePerMinutePerToken: 1_000_000,
      logLevel: 'silent',
    }),
  );
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const readCheckpoint = async (): Promise<Checkpoint> =>
    verifyCheckpoint(await (await fetch(`${base}/log/checkpoint`)).text(), { logKeys: [logKey] })
      .checkpoint;

  const acknowledged = new Set<string>();
  let next = 0;
  let seenBefore: Checkpoint[] = [];

  // KILLS rounds end in a kill; one more start checks the last kill and stops gracefully.
  for (let round = 0; round <= KILLS; round++) {
    const server = startCli(['serve', '--data', data, '--port', String(port), '--config', config]);
    let serverLog = '';
    server.stderr.on('data', (c: Buffer) => (serverLog += c.toString('utf8')));
    await untilHealthy(base, server, () => serverLog);

    // The first checkpoint after the restart extends every one seen before the kill.
    const after = await readCheckpoint();
    for (const before of seenBefore) {
      const res = await fetch(`${base}/log/proof/consistency?from=${before.size}&to=${after.size}`);
      expect(res.status).toBe(200);
      const proof = ((await res.json()) as { proof: string[] }).proof.map((h) =>
        Buffer.from(h, 'hex'),
      );
      verifyCheckpointConsistency(before, after, proof);
    }
    seenBefore = [after];
    if (round === KILLS) {
      server.kill('SIGTERM');
      expect(await exited(server)).toBe(0);
      break;
    }

    // Sustained intake until the kill: two clients, one batch after another, checkpoints read in
    // between. The kill comes once this run acknowledged something, at a random moment after.
    let killed = false;
    const ackedBefore = acknowledged.size;
    const client = async () => {
      while (!killed) {
        const batch = Array.from({ length: BATCH }, () =>
          sampleObservation(next, { id: `h-${next++}` }),
        );
        try {
          const res = await fetch(`${base}/api/v1/observations`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(batch),
          });
          if (res.status !== 200) continue;
          const body = (await res.json()) as { results: { id: string; status: string }[] };
          for (const r of body.results)
            if (r.status === 'stored' || r.status === 'duplicate') acknowledged.add(r.id);
          seenBefore.push(await readCheckpoint());
        } catch {
          // The server died under the request: nothing about this batch was acknowledged.
        }
      }
    };
    const clients = Promise.all([client(), client()]);
    const deadline = Date.now() + 20_000;
    while (acknowledged.size === ackedBefore && Date.now() < deadline) await sleep(20);
    expect(acknowledged.size, serverLog).toBeGreaterThan(ackedBefore);
    await sleep(Math.floor(Math.random() * 300));
    server.kill('SIGKILL');
    expect(await exited(server)).toBe('SIGKILL');
    killed = true;
    await clients;

    // With the server down: what it acknowledged is there once, and nothing is there twice.
    const counts = await storedCounts(data);
    expect([...acknowledged].filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const verified = await runCommand(
      (p) => registerVerifyCommand(p, openLocalLog),
      ['verify', '--data', data],
    );
    expect(verified.code ?? 0, verified.out + verified.err).toBe(0);
    process.exitCode = undefined;
  }
  // Intake really was sustained across the runs.
  expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS * BATCH);
}

const TITLE = `every acknowledged observation survives ${KILLS} kill -9 of serve exactly once; the ledger verifies; checkpoints stay consistent`;

it(`SQLite: ${TITLE}`, { timeout: 240_000 }, async () => {
  delete process.env.DATABASE_URL;
  await drill();
});

// The same drill with the store in PostgreSQL: every process of it (the servers, the counting and
// the verification here) finds the database through DATABASE_URL, as a deployment does.
const PG_SERVER = testServerUrl();
const probe = await probeServer(PG_SERVER);
if (!probe.ok && probe.answered)
  throw new Error(
    `the PostgreSQL server at ${PG_SERVER} answered but refused the tests: ${probe.reason}`,
  );
it.skipIf(!probe.ok)(`PostgreSQL: ${TITLE}`, { timeout: 300_000 }, async () => {
  const db = await createScratchDatabase(PG_SERVER, 'truceline_crash');
  process.env.DATABASE_URL = db.url;
  try {
    await drill();
  } finally {
    delete process.env.DATABASE_URL;
    await db.drop();
  }
});
