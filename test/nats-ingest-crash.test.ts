import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './support/cli.js';
import {
  deleteStreams,
  missionWithGateway,
  natsReachable,
  NATS_URL,
  sensorObservation,
  storedCounts,
  uniqueLayout,
} from './support/nats.js';

/**
 * kill -9 of `truceline ingest` in the middle of its work, five times, while a gateway keeps
 * publishing: in the end every published observation is stored exactly once and the ledger
 * verifies (acknowledgement only after commit; redelivery filed again harmlessly).
 */
const reachable = await natsReachable();
if (!reachable)
  console.warn(
    `nats-ingest-crash: skipped: no NATS server at ${NATS_URL} (.ci/run starts nats-server -js)`,
  );

const OBSERVATIONS = 500;
const KILLS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exited(
  p: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (p.exitCode !== null || p.signalCode !== null)
    return Promise.resolve({ code: p.exitCode, signal: p.signalCode });
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Resolves when `p` has written `count` more lines matching `pattern` to stderr, or rejects after `ms`. */
function linesOn(
  p: ChildProcessWithoutNullStreams,
  pattern: RegExp,
  count: number,
  ms: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    let text = '';
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `no ${count} lines matching ${pattern} within ${ms} ms; stderr: ${text.slice(-2000)}`,
          ),
        ),
      ms,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      seen = text.split('\n').filter((l) => pattern.test(l)).length;
      if (seen >= count) {
        clearTimeout(timer);
        p.stderr.off('data', onData);
        resolve();
      }
    };
    p.stderr.on('data', onData);
  });
}

describe.skipIf(!reachable)('ingest killed with SIGKILL mid-batch', () => {
  const layout = uniqueLayout('crash');
  afterAll(async () => {
    await deleteStreams(layout.stream);
  });

  it(
    `stores every published observation exactly once after ${KILLS} kills, and the ledger verifies`,
    { timeout: 150_000 },
    async () => {
      const m = await missionWithGateway('nats-crash');
      // A live gateway: observations arrive on standard input a few at a time, in batches of 5.
      const gateway = startCli([
        'gateway',
        'publish',
        '-',
        '--device',
        'gw-1',
        '--key',
        m.keyFile,
        ...layout.flags,
        '--batch',
        '5',
        '--linger',
        '100',
        '--quiet',
      ]);
      let gatewayErr = '';
      gateway.stderr.on('data', (c: Buffer) => (gatewayErr += c.toString('utf8')));
      let written = 0;
      const feed = (async () => {
        while (written < OBSERVATIONS) {
          const chunk = Array.from(
            { length: Math.min(10, OBSERVATIONS - written) },
            (_, k) => JSON.stringify(sensorObservation('c', written + k)) + '\n',
          ).join('');
          written += 10;
          gateway.stdin.write(chunk);
          await sleep(400);
        }
        gateway.stdin.end();
      })();

      const ingestArgs = [
        'ingest',
        '--data',
        m.data,
        ...layout.flags,
        '--ack-wait',
        '2',
        '--max-in-flight',
        '4',
        '--verbose',
      ];
      let killedMidRun = 0;
      for (let k = 0; k < KILLS; k++) {
        const worker = startCli(ingestArgs);
        // Wait until it is filing (a batch answered), then kill it at a random point of the next ones.
        await linesOn(worker, /^batch #\d+/, 1, 30_000);
        await sleep(Math.floor(Math.random() * 150));
        worker.kill('SIGKILL');
        const end = await exited(worker);
        expect(end.signal).toBe('SIGKILL');
        killedMidRun++;
      }
      expect(killedMidRun).toBe(KILLS);

      await feed;
      const g = await exited(gateway);
      expect(g.code, gatewayErr).toBe(0);

      // A last worker drains what is left (including what the killed ones left unacknowledged).
      const last = runCli(['ingest', '--data', m.data, ...layout.flags, '--until-idle']);
      expect(last.code, last.stderr).toBe(0);
      expect(last.stderr).not.toMatch(/parked batch #/);

      const counts = await storedCounts(m.data);
      const missing = Array.from({ length: OBSERVATIONS }, (_, i) => `c-${i}`).filter(
        (id) => !counts.has(id),
      );
      expect(missing).toEqual([]);
      expect(counts.size).toBe(OBSERVATIONS);
      expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      const verify = runCli(['verify', '--data', m.data]);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    },
  );
});
