import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAgreement } from '../domain/agreement/index.js';
import { distanceToLine, lineLength, sideOfLine } from '../domain/geo/index.js';
import { LinePlane } from './plane.js';

const agreement = parseAgreement(
  JSON.parse(
    readFileSync(new URL('../../scenarios/ukraine-2026/agreement.json', import.meta.url), 'utf8'),
  ),
);
const line = agreement.lineOfContact;
const plane = new LinePlane(line);

describe('LinePlane on the demo line', () => {
  it('has the geodesic length within 0.5%', () => {
    expect(plane.lengthM / lineLength(line)).toBeCloseTo(1, 2);
  });

  it('walks from the first vertex to the last', () => {
    const [lon0, lat0] = plane.toLonLat(plane.at(0).xy);
    const [lonN, latN] = plane.toLonLat(plane.at(plane.lengthM).xy);
    expect([lon0, lat0, lonN, latN].map((v) => v.toFixed(4))).toEqual(
      [...line[0]!, ...line[line.length - 1]!].map((v) => v.toFixed(4)),
    );
  });

  const offsets = [0.5, 3, 15, 40].flatMap((km) =>
    (['left', 'right'] as const).map((side) => [km, side] as const),
  );
  it.each(offsets)(
    'puts a point %s km to the %s where geo agrees (side, and distance within 1%)',
    (km, side) => {
      let checked = 0;
      for (let s = 5_000; s < plane.lengthM; s += 37_000) {
        const xy = plane.offset(s, side, km * 1000);
        const foot = plane.nearest(xy);
        if (foot.side !== side) continue; // stepped across a bend; the simulator redraws these
        const p = plane.toLonLat(xy);
        expect(sideOfLine(p, line)).toBe(side);
        expect(distanceToLine(p, line).distanceM / foot.distanceM).toBeCloseTo(1, 2);
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    },
  );
});
