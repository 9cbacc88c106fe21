import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openLocalLog } from '../src/app/local-log.js';
import { registerVerifyCommand } from '../src/cli/commands/verify.js';
import { sampleObservation } from '../src/server/test-harness.js';
import { storedCounts } from './support/nats.js';
import { runCommand } from './support/run-command.js';
import { freePort, intakeToken, sleep, startServe, sustainIntake, type Outcome } from './support/serve-process.js';

/**
 * `truceline serve` on SQLite when the database cannot be written: a full filesystem (a small
 * tmpfs, filled while intake runs) and a read-only database file (serve running as an
 * unprivileged user). Writes answer 503 with Retry-After and a problem body naming the condition,
 * never a 500 and never an acknowledgement of what was not committed; reads go on; once the
 * cause is gone intake works again, every acknowledged observation is stored exactly once, and
 * the ledger verifies. Both need root (mount, chown); without it they are skipped.
 */
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function serveConfig(dir: string): string {
  const file = join(dir, 'serve.json');
  writeFileSync(file, JSON.stringify({ intakePerMinutePerIp: 1_000_000, intakePerMinutePerToken: 1_000_000, logLevel: 'warn' }));
  chmodSync(file, 0o644);
  return file;
}

async function verifyLedger(data: string): Promise<void> {
  const verified = await runCommand((p) => registerVerifyCommand(p, openLocalLog), ['verify', '--data', data]);
  expect(verified.code ?? 0, verified.out + verified.err).toBe(0);
  process.exitCode = undefined;
}

/** Every acknowledged id stored exactly once, and no id stored twice. */
async function expectExactlyOnce(data: string, acknowledged: ReadonlySet<string>): Promise<void> {
  const counts = await storedCounts(data);
  expect([...acknowledged].filter((id) => counts.get(id) !== 1)).toEqual([]);
  expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
}

/** Writes 1 MiB blocks into `file` until the filesystem refuses (ENOSPC). */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(1 << 20, 7);
  try {
    for (;;) writeSync(fd, block);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    // The last partial block: fill what is left byte-page by page.
    const small = Buffer.alloc(4096, 7);
    try {
      for (;;) writeSync(fd, small);
    } catch {
      // full
    }
  } finally {
    closeSync(fd);
  }
}

it.skipIf(!isRoot)('a full filesystem: intake answers 503 storage-full, nothing acknowledged is lost, and intake resumes once space returns', { timeout: 180_000 }, async (ctx) => {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-fault-full-'));
  const mnt = join(dir, 'mnt');
  mkdirSync(mnt);
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mnt], { encoding: 'utf8' });
  if (mount.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    ctx.skip(`cannot mount a tmpfs here: ${mount.stderr.trim()}`);
    return;
  }
  try {
    const data = join(mnt, 'data');
    const token = await intakeToken(data);
    const config = serveConfig(dir);
    const port = await freePort();
    const acknowledged = new Set<string>();
    const outcomes: Outcome[] = [];
    const filler = join(mnt, 'filler');

    let serve = await startServe(['--data', data, '--config', config, '--checkpoint-interval', '3600'], { port });
    let stop = false;
    const client = sustainIntake(serve.base, token, { prefix: 'full', batch: 20, stop: () => stop, acknowledged, outcomes });
    const until = async (what: string, cond: () => boolean) => {
      const deadline = Date.now() + 30_000;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(outcomes.slice(-5))}\n${serve.log()}`);
        await sleep(50);
      }
    };
    await until('no acknowledgement before the disk filled', () => acknowledged.size >= 100);
    fillDisk(filler);
    const full = outcomes.length;
    await until('no 503 after the disk filled', () => outcomes.slice(full).filter((o) => o.kind === 'unavailable').length >= 5);
    const whileFull = outcomes.slice(full);
    // The store refused cleanly: 503 naming the condition, with Retry-After; never a 500.
    expect(whileFull.filter((o) => o.kind === 'other' || o.kind === 'network'), serve.log()).toEqual([]);
    for (const o of whileFull.filter((o) => o.kind === 'unavailable')) {
      expect(o).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
      expect(['urn:truceline:problem:storage-full', 'urn:truceline:problem:unavailable']).toContain((o as { type: string }).type);
    }
    expect(whileFull.some((o) => o.kind === 'unavailable' && o.type === 'urn:truceline:problem:storage-full')).toBe(true);
    // Reads and readiness go on while writes cannot.
    expect((await fetch(`${serve.base}/readyz`)).status).toBe(200);
    const someId = [...acknowledged][0]!;
    expect((await fetch(`${serve.base}/api/v1/observations/${someId}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

    // Space returns: the same process takes intake again (the client's refused batch goes through).
    unlinkSync(filler);
    const ackedWhenFreed = acknowledged.size;
    await until('intake did not resume once space returned', () => acknowledged.size >= ackedWhenFreed + 100);
    stop = true;
    await client;
    expect(await serve.stop(), serve.log()).toBe(0);

    // A restart finds everything acknowledged, once, and takes intake.
    serve = await startServe(['--data', data, '--config', config, '--checkpoint-interval', '3600'], { port });
    const res = await fetch(`${serve.base}/api/v1/observations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify([sampleObservation(1, { id: 'after-restart' })]) });
    expect(res.status).toBe(200);
    acknowledged.add('after-restart');
    expect(await serve.stop(), serve.log()).toBe(0);
    await expectExactlyOnce(data, acknowledged);
    await verifyLedger(data);
  } finally {
    spawnSync('umount', ['-l', mnt]);
    rmSync(dir, { recursive: true, force: true });
  }
});

it.skipIf(!isRoot)('a read-only database file: writes answer 503 read-only, reads and readiness go on, and writes resume once it is writable', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'truceline-fault-ro-'));
  try {
    const data = join(dir, 'data');
    const token = await intakeToken(data);
    const config = serveConfig(dir);
    const port = await freePort();
    const acknowledged = new Set<string>();
    const outcomes: Outcome[] = [];
    // Root writes any file whatever its mode: serve runs as nobody, owning the directory but not
    // allowed to write the database file.
    const chownAll = (path: string) => {
      chownSync(path, NOBODY, NOBODY);
      if (statSync(path).isDirectory()) for (const f of readdirSync(path)) chownAll(join(path, f));
    };
    chmodSync(dir, 0o755);
    chownAll(data);
    const asNobody = { port, uid: NOBODY, gid: NOBODY };

    let serve = await startServe(['--data', data, '--config', config, '--checkpoint-interval', '3600'], asNobody);
    const firstDeadline = Date.now() + 20_000;
    await sustainIntake(serve.base, token, { prefix: 'ro', batch: 10, stop: () => acknowledged.size >= 50 || Date.now() > firstDeadline, acknowledged, outcomes });
    expect(acknowledged.size, serve.log()).toBeGreaterThanOrEqual(50);
    expect(await serve.stop(), serve.log()).toBe(0);

    chmodSync(join(data, 'truceline.db'), 0o444);
    serve = await startServe(['--data', data, '--config', config, '--checkpoint-interval', '3600'], asNobody);
    const refused = await fetch(`${serve.base}/api/v1/observations`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify([sampleObservation(1, { id: 'ro-refused' })]) });
    expect(refused.status, serve.log()).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await refused.json()) as { type: string; title: string; status: number; detail: string };
    expect(problem).toMatchObject({ type: 'urn:truceline:problem:read-only', status: 503 });
    expect(JSON.stringify(problem)).not.toMatch(/at .*\.js:\d+/);
    // Reads and readiness are unaffected.
    expect((await fetch(`${serve.base}/readyz`)).status).toBe(200);
    const read = await fetch(`${serve.base}/api/v1/observations/${[...acknowledged][0]}`, { headers: { authorization: `Bearer ${token}` } });
    expect(read.status).toBe(200);
    expect((await fetch(`${serve.base}/api/v1/observations?limit=5`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await serve.stop(), serve.log()).toBe(0);

    // Writable again: the database and the WAL and shared-memory files SQLite made beside it
    // (created with the database file's mode while it was read-only).
    for (const f of readdirSync(data).filter((f) => f.startsWith('truceline.db'))) chmodSync(join(data, f), 0o644);
    serve = await startServe(['--data', data, '--config', config, '--checkpoint-interval', '3600'], asNobody);
    const before = acknowledged.size;
    const deadline = Date.now() + 20_000;
    await sustainIntake(serve.base, token, { prefix: 'ro2', batch: 10, stop: () => acknowledged.size >= before + 30 || Date.now() > deadline, acknowledged, outcomes });
    expect(acknowledged.size, JSON.stringify(outcomes.slice(-3)) + serve.log()).toBeGreaterThanOrEqual(before + 30);
    expect(await serve.stop(), serve.log()).toBe(0);
    expect(acknowledged.has('ro-refused')).toBe(false);
    await expectExactlyOnce(data, acknowledged);
    expect((await storedCounts(data)).has('ro-refused')).toBe(false);
    await verifyLedger(data);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
