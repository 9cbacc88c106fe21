import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileAndFuse, IncidentFuser } from '../fusion/index.js';
import { missionVerifierKey, openMission, rawPublicKey, type Mission } from '../mission.js';
import { formatVerifierKey, SIG_TYPE_ED25519 } from '../../ledger/index.js';
import { obs, offset, pointAt } from '../../domain/fusion/test-support/scenario.js';
import type { ReportModel } from '../../domain/report/index.js';
import type { LonLat } from '../../domain/units.js';
import { missionGazetteer } from './gazetteer.js';
import { reportJson } from './json.js';
import { publishReport, type PublishingMission } from './publish.js';
import { verifyReportCopy } from './verify.js';

let mission: Mission;
let m: PublishingMission;
const request = { kind: 'daily', date: '2026-03-02' } as const;
const NOW = Date.parse('2026-03-03T08:00:00Z');

beforeAll(async () => {
  mission = await openMission(mkdtempSync(join(tmpdir(), 'truceline-report-publish-')), {
    synchronous: 'NORMAL',
  });
  m = { ...mission, gazetteer: missionGazetteer(mission.dataDir) };
  const line = mission.agreement.lineOfContact as readonly LonLat[];
  const fuser = new IncidentFuser(mission.store, mission.agreement, { log: () => undefined });
  await fileAndFuse(
    mission.store,
    fuser,
    [obs('o1', { ...pointAt(offset(line[10]!, 90, 2), 400), count: 5 })],
    { actor: 'test', nowMs: NOW },
  );
});
afterAll(() => mission.close());

describe('publishReport', () => {
  it('refuses anyone but the chief, and a period not yet closed, recording nothing', async () => {
    const size = await mission.store.ledger.size();
    await expect(
      publishReport(m, request, { name: 'a1', role: 'analyst' }, NOW),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      publishReport(m, request, { name: 'c1', role: 'chief' }, Date.parse('2026-03-02T17:00:00Z')),
    ).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await mission.store.ledger.size()).toBe(size);
  });

  it('publishes once; the copy verifies offline with the mission key and fails with another', async () => {
    const model = await publishReport(m, request, { name: 'c1', role: 'chief' }, NOW);
    expect(model.totals.current.total).toBe(5);
    expect(model.publication).toMatchObject({
      approvedBy: 'c1',
      approvedAt: new Date(NOW).toISOString(),
    });
    await expect(
      publishReport(m, request, { name: 'c1', role: 'chief' }, NOW),
    ).rejects.toMatchObject({ code: 'ID_CONFLICT' });

    const copy = JSON.parse(reportJson(model)) as ReportModel;
    const good = await verifyReportCopy(copy, { keys: [missionVerifierKey(mission)] });
    expect(good.lines.filter((l) => !l.ok)).toEqual([]);
    expect(good.ok).toBe(true);

    const other = generateKeyPairSync('ed25519').publicKey;
    const stranger = formatVerifierKey({
      name: mission.origin,
      type: SIG_TYPE_ED25519,
      publicKey: rawPublicKey(other),
    });
    const wrongKey = await verifyReportCopy(copy, { keys: [stranger] });
    expect(wrongKey.ok).toBe(false);
    expect(wrongKey.lines.map((l) => l.what).join('\n')).toMatch(/checkpoint:/);

    const proof = [...copy.publication!.inclusionProof!];
    expect(proof.length).toBeGreaterThan(0);
    proof[0] = proof[0]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const badProof = await verifyReportCopy(
      { ...copy, publication: { ...copy.publication!, inclusionProof: proof } },
      { keys: [missionVerifierKey(mission)] },
    );
    expect(badProof.ok).toBe(false);
    const draft = await verifyReportCopy(
      { ...copy, publication: null },
      { keys: [missionVerifierKey(mission)] },
    );
    expect(draft.lines).toEqual([{ ok: false, what: expect.stringMatching(/draft/) }]);
  });
});

describe('reportJson', () => {
  it('prints keys sorted at every level, the same text for the same model', () => {
    const a = reportJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } } as unknown as ReportModel);
    expect(a).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});
