import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBase64, verifyCheckpoint } from '../../ledger/index.js';
import { sampleObservation } from '../../store/port.contract.js';
import { fileObservations } from '../file-observations.js';
import { missionVerifierKey, openMission } from '../mission.js';
import { onDemandCheckpoint } from './sign.js';

describe('onDemandCheckpoint', () => {
  it('signs the current size with that size’s root, verifiable with the mission key, once per size', async () => {
    const mission = await openMission(mkdtempSync(join(tmpdir(), 'truceline-sign-')));
    try {
      const checkpoint = onDemandCheckpoint(mission);
      const policy = { logKeys: [missionVerifierKey(mission)], witnessKeys: [], minWitnesses: 0, origin: mission.origin };
      const first = await checkpoint();
      expect(await checkpoint()).toBe(first);
      await fileObservations(mission.store, [sampleObservation(1), sampleObservation(2)], { actor: 't', nowMs: Date.parse('2026-03-02T00:00:00Z') });
      const second = await checkpoint();
      expect(second).not.toBe(first);
      const cp = verifyCheckpoint(second, policy).checkpoint;
      expect(cp.size).toBe(await mission.store.ledger.size());
      expect(toBase64(cp.root)).toBe(toBase64(await mission.store.ledger.root(cp.size)));
      expect(verifyCheckpoint(first, policy).checkpoint.size).toBe(cp.size - 2);
    } finally {
      await mission.close();
    }
  });
});
