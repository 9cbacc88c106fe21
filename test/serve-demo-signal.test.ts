/**
 * `truceline serve --demo` stopped by SIGINT or SIGTERM while it files the demo's backlog (six
 * simulated days at once): it finishes the batch in hand and exits 0 within seconds, every
 * observation it filed is stored, and the store verifies afterwards.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { runCli, startCli } from './support/cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(p: ChildProcessWithoutNullStreams): Promise<number | NodeJS.Signals | null> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(p.signalCode ?? p.exitCode);
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve(signal ?? code)));
}

// SIGTERM takes the same path (serve.ts stops on either); one signal keeps the test short.
it.each(['SIGINT'] as const)(
  'stops promptly on %s during the backlog, keeping every observation it filed',
  async (signal) => {
    const dir = mkdtempSync(join(tmpdir(), 'truceline-demo-signal-'));
    const data = join(dir, 'data');
    const config = join(dir, 'serve.json');
    writeFileSync(config, JSON.stringify({ logLevel: 'silent' }));
    const server = startCli(['serve', '--demo', '--data', data, '--port', '0', '--config', config]);
    let stdout = '';
    let stderr = '';
    server.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    server.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const exit = exited(server);
    try {
      const deadline = Date.now() + 30_000;
      while (!/demo: filing 7 simulated days/.test(stdout)) {
        if (server.exitCode !== null || Date.now() > deadline) throw new Error(`the demo did not start: ${stdout}\n${stderr}`);
        await sleep(50);
      }
      // Well into the backlog (which takes minutes), a batch being filed and fused.
      await sleep(1500);
      expect(stdout).not.toMatch(/demo stream (stopped|ended)/);
      const sent = Date.now();
      server.kill(signal);
      expect(await exit, stderr).toBe(0);
      const tookMs = Date.now() - sent;
      expect(tookMs, stderr).toBeLessThan(5000);
      expect(stderr).toContain(`truceline: ${signal}: finishing in-flight requests, then closing the store`);
      const stored = Number(/demo stream stopped after (\d+) stored observations/.exec(stdout)?.[1]);
      expect(stored).toBeGreaterThan(0);
      // Every observation the demo counted as stored is in the store, once.
      const db = new Database(join(data, 'truceline.db'), { readonly: true });
      try {
        expect(db.prepare('SELECT COUNT(*) FROM observations').pluck().get()).toBe(stored);
      } finally {
        db.close();
      }
      const verify = runCli(['verify', '--data', data]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    } finally {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
  },
  60_000,
);
