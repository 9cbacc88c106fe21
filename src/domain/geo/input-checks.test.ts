import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import { checkLonLat, checkNumber, checkPolygonal, isLonLat, IssueList } from './input-checks.js';

function issuesOf(fill: (issues: IssueList) => void): { path: string; reason: string }[] {
  const issues = new IssueList();
  fill(issues);
  return issues.issues;
}

describe('input checks', () => {
  it.each([
    { name: 'accepts [lon, lat]', value: [37.8, 48], paths: [] },
    { name: 'accepts [lon, lat, altitude]', value: [37.8, 48, 120], paths: [] },
    { name: 'rejects a four-element position', value: [1, 2, 3, 4], paths: ['p'] },
    {
      name: 'rejects {lat, lon} objects, which belong at the edges',
      value: { lat: 48, lon: 37 },
      paths: ['p'],
    },
    {
      name: 'names both coordinates when both are wrong',
      value: [-200, 100],
      paths: ['p[0]', 'p[1]'],
    },
  ])('checkLonLat $name', ({ value, paths }) => {
    expect(issuesOf((i) => checkLonLat(value, 'p', i)).map((x) => x.path)).toEqual(paths);
  });

  it.each([
    { name: 'an inclusive minimum', value: 0, bounds: { min: 0 }, ok: true },
    { name: 'an exclusive minimum', value: 0, bounds: { above: 0 }, ok: false },
    { name: 'an inclusive maximum', value: 10, bounds: { max: 10 }, ok: true },
    { name: 'Infinity', value: Number.POSITIVE_INFINITY, bounds: {}, ok: false },
  ])('checkNumber honours $name', ({ value, bounds, ok }) => {
    expect(issuesOf((i) => checkNumber(value, 'n', i, bounds))).toHaveLength(ok ? 0 : 1);
  });

  it('checkPolygonal tells a Polygon from a MultiPolygon and returns a MultiPolygon', () => {
    const ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    const issues = new IssueList();
    expect(checkPolygonal([ring], 'g', issues)).toEqual([[ring]]);
    expect(checkPolygonal([[ring]], 'g', issues)).toEqual([[ring]]);
    expect(issues.issues).toEqual([]);
  });

  it('caps the issue list at 20 and says how many more there were', () => {
    const issues = new IssueList();
    const badLine = Array.from({ length: 30 }, () => [0, 99]);
    badLine.forEach((p, k) => checkLonLat(p, `line[${k}]`, issues));
    try {
      issues.throwIfAny('test input');
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(TrucelineError);
      expect((e as TrucelineError).issues).toHaveLength(21);
      expect((e as Error).message).toMatch(/and 10 more issues$/);
    }
  });
});

describe('isLonLat', () => {
  it.each([
    [37.8, 48],
    [37.8, 48, 120],
    [-180, -90],
    [180, 90],
    [180.0001, 0],
    [0, -90.0001],
    [Number.NaN, 0],
    [0, Number.POSITIVE_INFINITY],
    ['37.8', 48],
    [1],
    [1, 2, 3, 4],
    'nowhere',
    null,
    undefined,
    { lon: 1, lat: 2 },
  ])('agrees with checkLonLat on %j', (...args: unknown[]) => {
    const value = args.length === 1 ? args[0] : args;
    const issues = new IssueList();
    checkLonLat(value, 'p', issues);
    expect(isLonLat(value)).toBe(issues.issues.length === 0);
  });
});
