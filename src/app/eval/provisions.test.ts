import { describe, expect, it } from 'vitest';
import { obs, pointAt } from '../../domain/fusion/test-support/scenario.js';
import { formatProvisionCalibration, provisionScores } from './provisions.js';
import { incident, truthEvent, UA_TOWN } from './test-support.js';
import { indexTruth } from './truth.js';

describe('provision calibration: every match by its stated confidence, and the share right', () => {
  const reports = ['a', 'b', 'c', 'd'].map((id) =>
    obs(id, { ...pointAt(UA_TOWN, 300), direction: 'impact', source: { kind: 'monitor', id: `patrol-${id}` } }),
  );
  const truth = indexTruth(
    [
      truthEvent('A', ['a'], { provisionsViolated: ['ceasefire', 'withdrawal:wd-mortar'] }),
      truthEvent('B', ['b'], { provisionsViolated: ['ceasefire', 'withdrawal:wd-mortar'] }),
      truthEvent('C', ['c'], { provisionsViolated: ['ceasefire'] }),
      truthEvent('D', ['d'], { kind: 'false_allegation', genuine: false, origin: undefined, provisionsViolated: [] }),
    ],
    new Map(reports.map((o) => [o.id, o])),
  );
  const p = (provisionId: string, confidence: number) => ({ provisionId, confidence });
  const s = provisionScores(
    [
      // Shown, not claimed, and right: counted in the calibration all the same.
      incident('ia', ['a'], { provisions: [p('ceasefire', 0.95), p('withdrawal:wd-mortar', 0.35)] }),
      // The same provision twice in one incident counts once, at its highest confidence.
      incident('ib', ['b'], { provisions: [p('ceasefire', 1), p('withdrawal:wd-mortar', 0.31), p('withdrawal:wd-mortar', 0.38)] }),
      incident('ic', ['c'], { provisions: [p('ceasefire', 0.95), p('withdrawal:wd-mortar', 0.32)] }),
      incident('id', ['d'], { provisions: [p('ceasefire', 0.3)] }),
    ],
    truth,
  );

  it('bins by tenths, the last holding 1, overall and by kind', () => {
    const w = s.calibration.withdrawal!;
    expect(w).toHaveLength(10);
    expect(w[3]).toMatchObject({ from: 0.3, to: 0.4, matches: 3, right: 2 });
    expect(w[3]!.shareRight).toBeCloseTo(2 / 3, 9);
    expect(w[3]!.meanStated).toBeCloseTo((0.35 + 0.38 + 0.32) / 3, 9);
    expect(w[4]).toMatchObject({ matches: 0, shareRight: null, meanStated: null });
    expect(s.calibration.ceasefire![9]).toMatchObject({ matches: 3, right: 3, shareRight: 1 });
    // A claim on a fabricated allegation is wrong.
    expect(s.calibration.ceasefire![3]).toMatchObject({ matches: 1, right: 0 });
    expect(s.calibration.all![3]).toMatchObject({ matches: 4, right: 2 });
    expect(Object.keys(s.calibration)).toEqual(['all', 'ceasefire', 'withdrawal']);
    // Precision and recall still count claims only.
    expect(s.byKind.withdrawal).toMatchObject({ claimed: 0, violated: 2, found: 0 });
  });

  it('prints a line per kind with the bins that have matches', () => {
    const lines = formatProvisionCalibration(s);
    expect(lines[0]).toContain('calibration');
    expect(lines).toContain(`    ${'withdrawal'.padEnd(20)} 0.3: 2/3`);
    expect(lines).toContain(`    ${'ceasefire'.padEnd(20)} 0.3: 0/1  0.9: 3/3`);
  });
});
