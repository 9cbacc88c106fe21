/**
 * `truceline import --fuse` beside another process (a `serve`, an ingest worker) that holds the
 * fusion duty on the same store: that process fuses what the import stores, so the import stores
 * only and says so; fusing too would put every observation in two incidents. With the duty free,
 * the import takes it for its run and fuses. On the embedded SQLite store (a lease row held by a
 * live process) and on PostgreSQL (an advisory lock; skipped without a server).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tryDuty } from '../src/app/duties.js';
import { readIncidents } from '../src/app/eval/index.js';
import { openMission } from '../src/app/mission.js';
import { sampleObservation } from '../src/server/test-harness.js';
import {
  createScratchDatabase,
  probeServer,
  testServerUrl,
} from '../src/store/postgres/scratch-database.js';
import { runCli } from './support/cli.js';

const SERVER = testServerUrl();
const probe = await probeServer(SERVER);
if (!probe.ok && probe.answered)
  throw new Error(
    `the PostgreSQL server at ${SERVER} answered but refused the tests: ${probe.reason}`,
  );

/** A store for the test: its URL (none for the embedded default) and how to drop it. */
type Place = { url: string | null; drop(): Promise<void> };
const STORES: { name: string; skip: boolean; place(): Promise<Place> }[] = [
  { name: 'SQLite', skip: false, place: async () => ({ url: null, drop: async () => undefined }) },
  {
    name: 'PostgreSQL',
    skip: !probe.ok,
    place: async () => {
      const db = await createScratchDatabase(SERVER, 'truceline_import_duty');
      return { url: db.url, drop: () => db.drop() };
    },
  },
];

describe.each(STORES)('on $name', ({ skip, place }) => {
  it.skipIf(skip)(
    'import --fuse leaves fusion to the process holding the duty, and fuses itself when none does',
    { timeout: 120_000 },
    async () => {
      const db = await place();
      const dir = mkdtempSync(join(tmpdir(), 'truceline-import-duty-'));
      const data = join(dir, 'data');
      const file = (name: string, from: number, day = '2026-03-01') => {
        const f = join(dir, name);
        const observedAt = { from: `${day}T18:40:00Z`, to: `${day}T18:45:00Z` };
        const lines = Array.from({ length: 10 }, (_, i) =>
          JSON.stringify(sampleObservation(from + i, { observedAt })),
        );
        writeFileSync(f, lines.join('\n') + '\n');
        return f;
      };
      const env: Record<string, string> = db.url ? { DATABASE_URL: db.url } : {};
      const mission = await openMission(data, db.url ? { databaseUrl: db.url } : {});
      try {
        // As a serve on this database would: this process holds the fusion duty.
        const held = await tryDuty(mission.store, 'fusion');
        expect(held).not.toBeNull();
        const first = runCli(['import', file('first.ndjson', 0), '--fuse', '--data', data], {
          env,
        });
        expect(first.code, first.stderr).toBe(0);
        expect(first.stdout).toContain('10 stored');
        expect(first.stderr).toContain(
          'another process (serve or ingest) holds the fusion duty on this store',
        );
        expect(await readIncidents(mission.store)).toEqual([]);

        // The duty free, the import holds it for its run and fuses what it stores. Its reports are
        // two days after the first file's, which the holder above stood in for fusing and did not.
        await held!.release();
        const second = runCli(
          ['import', file('second.ndjson', 100, '2026-03-03'), '--fuse', '--data', data],
          {
            env,
          },
        );
        expect(second.code, second.stderr).toBe(0);
        expect(second.stderr).not.toContain('holds the fusion duty');
        const fused = (await readIncidents(mission.store)).flatMap((i) => i.observationIds).sort();
        expect(fused).toEqual(Array.from({ length: 10 }, (_, i) => `obs-${100 + i}`).sort());
        // It let the duty go at its end: another process can take it.
        const after = await tryDuty(mission.store, 'fusion');
        expect(after).not.toBeNull();
        await after!.release();
      } finally {
        await mission.close();
        await db.drop();
      }
    },
  );
});
