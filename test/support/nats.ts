import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { decodeLeaf } from '../../src/app/events/event.js';
import { addDevice } from '../../src/app/identity/devices.js';
import { withIdentity } from '../../src/app/identity/open.js';
import { openMission } from '../../src/app/mission.js';
import { createGatewayKey } from '../../src/ingest/gateway.js';
import { decodeEntryBundle, TILE_WIDTH } from '../../src/ledger/index.js';

export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** Whether a NATS server answers at NATS_URL (the tests that need it skip, saying why, when not). */
export async function natsReachable(): Promise<boolean> {
  const u = new URL(NATS_URL);
  return new Promise((resolve) => {
    const s = createConnection({ host: u.hostname, port: Number(u.port || 4222) });
    s.setTimeout(2000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.end(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** A stream name and subject prefix no other run uses. */
export function uniqueLayout(label: string): {
  stream: string;
  subjectPrefix: string;
  flags: string[];
} {
  const tag = `${label}_${process.pid}_${randomBytes(4).toString('hex')}`.toUpperCase();
  const stream = `T_${tag}`;
  const subjectPrefix = `t.${tag.toLowerCase()}`;
  return {
    stream,
    subjectPrefix,
    flags: ['--nats', NATS_URL, '--stream', stream, '--subject-prefix', subjectPrefix],
  };
}

export async function withNats<T>(fn: (nc: NatsConnection) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: NATS_URL });
  try {
    return await fn(nc);
  } finally {
    await nc.close();
  }
}

/** Deletes a test's streams (the batch stream and its parked stream); missing ones are fine. */
export async function deleteStreams(stream: string): Promise<void> {
  await withNats(async (nc) => {
    const jsm = await nc.jetstreamManager();
    for (const name of [stream, `${stream}_PARKED`])
      await jsm.streams.delete(name).catch(() => false);
  });
}

/** A sensor observation in the exchange format, distinct per `i` (ids `<prefix>-<i>`). */
export function sensorObservation(prefix: string, i: number): Record<string, unknown> {
  return {
    id: `${prefix}-${i}`,
    source: { kind: 'sensor', id: 'gw-1/acoustic-3' },
    observedAt: { from: '2026-03-01T18:40:00Z', to: '2026-03-01T18:45:00Z' },
    observer: { lat: 48.0123 + (i % 100) * 0.001, lon: 37.8021 + (i % 50) * 0.001, accuracyM: 15 },
    event: 'explosion',
    count: 1 + (i % 12),
    weapon: 'undetermined',
    direction: 'impact',
    bearing: { fromDeg: 146.25, toDeg: 168.75 },
    distanceKm: { min: 3, max: 5 },
  };
}

export function writeNdjson(file: string, items: readonly unknown[]): string {
  writeFileSync(file, items.map((o) => JSON.stringify(o)).join('\n') + '\n');
  return file;
}

/** A fresh mission directory with one registered gateway (`gw-1`) and its key file (made in process: each CLI start costs seconds on a busy machine). */
export async function missionWithGateway(
  label: string,
): Promise<{ dir: string; data: string; keyFile: string; publicKey: string }> {
  const dir = mkdtempSync(join(tmpdir(), `truceline-${label}-`));
  const data = join(dir, 'data');
  const keyFile = join(dir, 'gw-1.pem');
  const publicKey = createGatewayKey(keyFile);
  await withIdentity(data, (deps) =>
    addDevice(deps, { name: 'gw-1', publicKey }, { actor: 'cli:test', nowMs: Date.now() }),
  );
  return { dir, data, keyFile, publicKey };
}

/**
 * How many `observation.stored` events the mission's ledger holds for each observation id, read
 * from the ledger's leaves (sensor observations are public, so none of them is sealed).
 */
export async function storedCounts(data: string): Promise<Map<string, number>> {
  const mission = await openMission(data);
  try {
    const counts = new Map<string, number>();
    const size = await mission.store.ledger.size();
    // A full entry bundle (256 leaves) per read; the last, partial one entry by entry.
    const leaves = async function* () {
      const full = Math.floor(size / TILE_WIDTH);
      for (let b = 0; b < full; b++) yield* decodeEntryBundle((await mission.store.ledger.entryBundle(b, TILE_WIDTH))!);
      for (let i = full * TILE_WIDTH; i < size; i++) yield (await mission.store.ledger.entry(i))!;
    };
    for await (const leaf of leaves()) {
      const e = decodeLeaf(leaf);
      if (e.type !== 'observation.stored' || !('data' in e)) continue;
      const id = (e.data as { observation: { id: string } }).observation.id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  } finally {
    await mission.close();
  }
}
