import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrucelineError } from '../../domain/errors.js';
import { DEFAULT_SIZE_LIMITS } from '../../domain/evidence/index.js';
import { obs, offset, pointAt } from '../../domain/fusion/test-support/scenario.js';
import type { LonLat } from '../../domain/units.js';
import type { Store } from '../../store/port.js';
import { fileAndFuse } from '../fusion/index.js';
import { openMission, type Mission } from '../mission.js';
import { DiskBlobStore } from './disk-blob-store.js';
import { jpegWithExif, wav } from './test-support/files.js';
import { addEvidence, type EvidenceDeps } from './upload.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-upload-'));
let mission: Mission;
let deps: EvidenceDeps;
const monitor = { name: 'm', role: 'monitor', party: null };

beforeAll(async () => {
  mission = await openMission(join(dir, 'data'));
  const line = mission.agreement.lineOfContact as readonly LonLat[];
  await fileAndFuse(
    mission.store,
    null,
    [obs('o1', { ...pointAt(offset(line[2]!, 0, 20), 300) })],
    { actor: 't', nowMs: Date.now() },
  );
  deps = {
    store: mission.store,
    blobs: new DiskBlobStore(join(dir, 'evidence')),
    limits: { ...DEFAULT_SIZE_LIMITS, photo: 2000 },
  };
});
afterAll(async () => {
  await mission.close();
  rmSync(dir, { recursive: true, force: true });
});

async function refusal(p: Promise<unknown>): Promise<TrucelineError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TrucelineError);
  return e as TrucelineError;
}

describe('addEvidence', () => {
  it("refuses a photo over its kind's limit, keeping nothing and recording nothing", async () => {
    const size = await mission.store.ledger.size();
    const big = await jpegWithExif({ takenAt: '2026:03:01 18:42:05' });
    expect(big.length).toBeGreaterThan(2000);
    const e = await refusal(
      addEvidence(deps, { body: Readable.from([big]), observationId: 'o1' }, monitor, Date.now()),
    );
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([
      {
        path: 'file',
        reason: expect.stringMatching(
          /a photo \(image\/jpeg\) of \d+ bytes is larger than the 2000 bytes accepted/,
        ),
      },
    ]);
    expect(readdirSync(join(dir, 'evidence')).filter((n) => n !== '.staging')).toEqual([]);
    expect(readdirSync(join(dir, 'evidence', '.staging'))).toEqual([]);
    expect(await mission.store.ledger.size()).toBe(size);
  });

  it('checks the attachment before reading a byte', async () => {
    const never = Readable.from(
      (async function* () {
        throw new Error('the body was read');
        yield Buffer.alloc(0);
      })(),
    );
    expect(
      (
        await refusal(
          addEvidence(deps, { body: never, observationId: 'nope' }, monitor, Date.now()),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await refusal(
          addEvidence(
            deps,
            { body: never, observationId: 'o1' },
            { name: 'g', role: 'guarantor', party: null },
            Date.now(),
          ),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const withoutArea = { kind: 'postgres' } as unknown as Store;
    const e = await refusal(
      addEvidence(
        { ...deps, store: withoutArea },
        { body: never, observationId: 'o1' },
        monitor,
        Date.now(),
      ),
    );
    expect([e.code, e.message]).toEqual([
      'UNAVAILABLE',
      'the postgres store keeps no evidence yet',
    ]);
    never.destroy();
  });

  it('keeps audio without EXIF or thumbnail, attached to the observation', async () => {
    const r = await addEvidence(
      deps,
      { body: Readable.from([wav()]), observationId: 'o1', originalName: 'radio.wav' },
      monitor,
      Date.now(),
    );
    expect(r.evidence).toMatchObject({
      mediaType: 'audio/wav',
      kind: 'audio',
      thumbnailSha256: null,
    });
    expect(r.evidence.uploads[0]).toMatchObject({
      exif: null,
      comparison: null,
      originalName: 'radio.wav',
      visibility: 'mission',
    });
  });
});
