// Golden-file test for the region builders and clipping: fixtures/regions.json holds each
// case's input and the output it gave when last reviewed. See that file's "description" for how
// to regenerate it after an intended change.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LonLat, MultiPolygonCoords } from '../units.js';
import { annularSectorRegion } from './annular-sector-region.js';
import { discRegion } from './disc-region.js';
import { intersectRegions } from './intersect-regions.js';
import { regionAreaM2 } from './region-area.js';
import type { Region } from './region.js';
import { wedgeRegion } from './wedge-region.js';

interface SectorInput {
  observer: LonLat;
  sector: { fromDeg: number; toDeg: number };
  range: { minM: number; maxM: number };
  maxErrorM: number;
}

type CaseInput =
  | { op: 'discRegion'; center: LonLat; radiusM: number; maxErrorM: number }
  | ({ op: 'annularSectorRegion' } & SectorInput)
  | {
      op: 'wedgeRegion';
      observer: LonLat;
      sector: { fromDeg: number; toDeg: number };
      maxRangeM: number;
      maxErrorM: number;
    }
  | { op: 'intersectRegions'; a: SectorInput; b: SectorInput };

interface CaseOutput {
  polygon: MultiPolygonCoords | null;
  maxErrorM: number | null;
  areaM2: number | null;
}

interface GoldenFile {
  description: string;
  cases: { name: string; in: CaseInput; out: CaseOutput | null }[];
}

const FILE = fileURLToPath(new URL('./fixtures/regions.json', import.meta.url));

const sector = (s: SectorInput): Region =>
  annularSectorRegion(s.observer, s.sector, s.range, { maxErrorM: s.maxErrorM });

function run(input: CaseInput): Region | null {
  switch (input.op) {
    case 'discRegion':
      return discRegion(input.center, input.radiusM, { maxErrorM: input.maxErrorM });
    case 'annularSectorRegion':
      return sector(input);
    case 'wedgeRegion':
      return wedgeRegion(input.observer, input.sector, {
        maxRangeM: input.maxRangeM,
        maxErrorM: input.maxErrorM,
      });
    case 'intersectRegions':
      return intersectRegions(sector(input.a), sector(input.b));
  }
}

/** Rounded so the file is stable across platforms: 1e-9° (~0.1 mm), 0.01 m². */
function summarise(region: Region | null): CaseOutput {
  const r9 = (x: number): number => Math.round(x * 1e9) / 1e9;
  return {
    polygon: region
      ? region.polygon.map((p) =>
          p.map((ring) => ring.map(([lon, lat]): LonLat => [r9(lon), r9(lat)])),
        )
      : null,
    maxErrorM: region ? region.maxErrorM : null,
    areaM2: region ? Math.round(regionAreaM2(region) * 100) / 100 : null,
  };
}

/** Pretty JSON with each position on one line, so a regenerated file diffs readably. */
function format(golden: GoldenFile): string {
  return `${JSON.stringify(golden, null, 2).replace(/\[\s+(-?[\d.e+-]+),\s+(-?[\d.e+-]+)\s+\]/g, '[$1, $2]')}\n`;
}

const readGolden = (): GoldenFile => JSON.parse(readFileSync(FILE, 'utf8')) as GoldenFile;

if (process.env.UPDATE_GOLDEN === '1') {
  const stored = readGolden();
  writeFileSync(
    FILE,
    format({ ...stored, cases: stored.cases.map((c) => ({ ...c, out: summarise(run(c.in)) })) }),
  );
}
const golden = readGolden();

describe('region golden files (fixtures/regions.json)', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('reproduces %s', (_name, c) => {
    const out = summarise(run(c.in));
    expect(c.out, 'no stored output: regenerate, see the fixture description').not.toBeNull();
    expect(out.maxErrorM).toBe(c.out?.maxErrorM);
    expect(out.areaM2).toBeCloseTo(c.out?.areaM2 ?? Number.NaN, 1);
    expect(out.polygon).toEqual(c.out?.polygon);
  });
});
