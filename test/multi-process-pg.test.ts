/**
 * Three `truceline serve` processes against one PostgreSQL database, as a mission that outgrows
 * one machine runs them: concurrent HTTP intake through all three (the same batch sent to every
 * server at once among it), one process killed with kill -9 mid-run. Afterwards every
 * acknowledged observation is stored exactly once, the ledger is one gap-free, fork-free sequence
 * that verifies, each server's checkpoint is consistent with the others', the state is the fold of
 * the ledger, and fusion (a duty exactly one process holds, taken over when its holder dies) has
 * put every observation in exactly one incident.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { withIdentity } from '../src/app/identity/open.js';
import { createToken } from '../src/app/identity/tokens.js';
import { createUser } from '../src/app/identity/users.js';
import { missionVerifierKey, openMission } from '../src/app/mission.js';
import { registerVerifyCommand } from '../src/cli/commands/verify.js';
import { openLocalLog } from '../src/app/local-log.js';
import { verifyCheckpoint, verifyCheckpointConsistency, type Checkpoint } from '../src/ledger/index.js';
import { freePort, sampleObservation } from '../src/server/test-harness.js';
import { createScratchDatabase, probeServer, testServerUrl, type ScratchDatabase } from '../src/store/postgres/scratch-database.js';
import { startCli } from './support/cli.js';
import { storedCounts } from './support/nats.js';
import { runCommand } from './support/run-command.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let db: ScratchDatabase;
let dir: string;


interface Proc {
  readonly base: string;
  readonly child: ChildProcessWithoutNullStreams;
  log: string;
}

async function startServe(data: string, config: string): Promise<Proc> {
  const port = await freePort();
  const child = startCli(['serve', '--data', data, '--port', String(port), '--config', config]);
  const proc: Proc = { base: `http://127.0.0.1:${port}`, child, log: '' };
  child.stderr.on('data', (c: Buffer) => (proc.log += c.toString('utf8')));
  child.stdout.on('data', () => undefined);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${proc.log}`);
    try {
      if ((await fetch(`${proc.base}/healthz`)).ok) return proc;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`serve did not become healthy: ${proc.log}`);
}

const holdsFusion = (p: Proc) => p.log.includes('duty fusion: this process holds the duty');

beforeAll(async () => {
  if (!probe.ok) return;
  db = await createScratchDatabase(SERVER, 'truceline_multi');
  process.env.DATABASE_URL = db.url;
  dir = mkdtempSync(join(tmpdir(), 'truceline-multi-'));
});

afterAll(async () => {
  delete process.env.DATABASE_URL;
  await db?.drop();
});

it.skipIf(!probe.ok)('three serve processes on one PostgreSQL: nothing lost, nothing twice, one ledger, fused once', { timeout: 300_000 }, async () => {
  const data = join(dir, 'data');
  const token = await withIdentity(data, async (deps) => {
    const ctx = { actor: 'cli:test', nowMs: Date.now() };
    await createUser(deps, { name: 'intake', role: 'monitor' }, ctx);
    return (await createToken(deps, { user: 'intake', scopes: ['observations:write', 'observations:read'] }, ctx)).token;
  });
  const logKey = await (async () => {
    const m = await openMission(data);
    const k = missionVerifierKey(m);
    await m.close();
    return k;
  })();
  const config = join(dir, 'serve.json');
  writeFileSync(config, JSON.stringify({ intakePerMinutePerIp: 1_000_000, intakePerMinutePerToken: 1_000_000, logLevel: 'silent' }));

  const procs = await Promise.all([startServe(data, config), startServe(data, config), startServe(data, config)]);
  // Exactly one process holds fusion.
  await sleep(500);
  expect(procs.filter(holdsFusion).length, procs.map((p) => p.log).join('\n---\n')).toBe(1);

  const acknowledged = new Set<string>();
  let next = 0;
  // Reports of the last minutes, so they fall in fusion's live window.
  const recent = (i: number, id: string) => {
    const to = Date.now() - 60_000;
    return sampleObservation(i, { id, observedAt: { from: new Date(to - 5 * 60_000).toISOString(), to: new Date(to).toISOString() } });
  };
  const post = async (p: Proc, batch: unknown[]): Promise<{ id: string; status: string }[] | null> => {
    try {
      const res = await fetch(`${p.base}/api/v1/observations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      if (res.status !== 200) return null;
      return ((await res.json()) as { results: { id: string; status: string }[] }).results;
    } catch {
      return null; // the server died under the request: nothing of this batch was acknowledged
    }
  };
  const intake = async (targets: readonly Proc[], rounds: number) => {
    const client = async (p: Proc) => {
      for (let r = 0; r < rounds; r++) {
        const batch = Array.from({ length: 10 }, () => {
          const i = next++;
          return recent(i, `m-${i}`);
        });
        for (const x of (await post(p, batch)) ?? []) if (x.status === 'stored' || x.status === 'duplicate') acknowledged.add(x.id);
      }
    };
    // The same batch to every server at once: stored by one, a duplicate to the others.
    const shared = async () => {
      for (let r = 0; r < rounds; r++) {
        const batch = Array.from({ length: 5 }, (_, k) => recent(100_000 + r * 5 + k, `shared-${targets.length}-${r}-${k}`));
        const answers = await Promise.all(targets.map((p) => post(p, batch)));
        const stored = answers.flatMap((a) => a ?? []).filter((x) => x.status === 'stored').length;
        expect(stored).toBeLessThanOrEqual(batch.length);
        for (const a of answers) for (const x of a ?? []) if (x.status === 'stored' || x.status === 'duplicate') acknowledged.add(x.id);
      }
    };
    await Promise.all([...targets.flatMap((p) => [client(p), client(p)]), shared()]);
  };

  await intake(procs, 15);
  expect(acknowledged.size).toBeGreaterThanOrEqual(3 * 2 * 15 * 10);

  // kill -9 the fusion holder while intake goes on through the others; one of them takes over.
  const holder = procs.find(holdsFusion)!;
  const others = procs.filter((p) => p !== holder);
  const during = intake(others, 10);
  await sleep(200);
  holder.child.kill('SIGKILL');
  await during;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !others.some(holdsFusion)) await sleep(200);
  expect(others.filter(holdsFusion).length, others.map((p) => p.log).join('\n---\n')).toBe(1);
  await intake(others, 5);

  // Every server's checkpoint is consistent with every other's (one sequence, no fork).
  const checkpoints: Checkpoint[] = [];
  for (const p of others) {
    checkpoints.push(verifyCheckpoint(await (await fetch(`${p.base}/log/checkpoint`)).text(), { logKeys: [logKey] }).checkpoint);
  }
  const [a, b] = checkpoints.sort((x, y) => x.size - y.size) as [Checkpoint, Checkpoint];
  const res = await fetch(`${others[0]!.base}/log/proof/consistency?from=${a.size}&to=${b.size}`);
  verifyCheckpointConsistency(a, b, ((await res.json()) as { proof: string[] }).proof.map((h) => Buffer.from(h, 'hex')));

  // Fusion catches up: every observation in exactly one incident.
  const mission = await openMission(data);
  try {
    let members = new Map<string, number>();
    const total = await mission.store.countObservations();
    const until = Date.now() + 60_000;
    for (;;) {
      members = new Map();
      let cursor: string | undefined;
      do {
        const page = await mission.store.queryIncidents!({ limit: 1000, ...(cursor ? { cursor } : {}) });
        for (const s of page.items) for (const id of s.incident.observationIds) members.set(id, (members.get(id) ?? 0) + 1);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      if (members.size >= total || Date.now() > until) break;
      await sleep(500);
    }
    expect(members.size).toBe(total);
    expect([...members.values()].filter((n) => n !== 1)).toEqual([]);
    const audit = await mission.store.auditState();
    expect(audit.differences).toEqual([]);
  } finally {
    await mission.close();
  }

  for (const p of others) p.child.kill('SIGTERM');
  await Promise.all(others.map((p) => new Promise((r) => (p.child.exitCode !== null ? r(null) : p.child.once('exit', r)))));

  // Each acknowledged observation once; nothing twice; the ledger verifies end to end.
  const counts = await storedCounts(data);
  expect([...acknowledged].filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  const verified = await runCommand((p) => registerVerifyCommand(p, openLocalLog), ['verify', '--data', data]);
  expect(verified.code ?? 0, verified.out + verified.err).toBe(0);
  process.exitCode = undefined;
});
