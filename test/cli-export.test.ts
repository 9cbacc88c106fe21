import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

let work: string;
let data: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'truceline-cli-export-'));
  data = join(work, 'data');
  expect(runCli(['sim', '--seed', '5', '--days', '0.5', '--out', join(work, 'sim')]).code).toBe(0);
  expect(runCli(['import', join(work, 'sim', 'observations.ndjson'), '--data', data]).code).toBe(0);
});

describe('truceline export observations', () => {
  it('writes NDJSON that imports back as duplicates, one line per observation', () => {
    const out = join(work, 'out.ndjson');
    const r = runCli(['export', 'observations', '--format', 'ndjson', '--out', out, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(r.stderr).toContain(`exported ${lines.length} observations`);
    const again = runCli(['import', out, '--data', data]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${lines.length} lines: 0 stored, ${lines.length} duplicate`);
  });

  it('writes a GeoJSON FeatureCollection to standard output', () => {
    const r = runCli(['export', 'observations', '--format', 'geojson', '--data', data]);
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout) as { type: string; features: { type: string; geometry: { type: string; coordinates: number[] } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.length).toBeGreaterThan(100);
    for (const f of fc.features.slice(0, 50)) {
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThan(29);
      expect(lat).toBeGreaterThan(44);
    }
  });

  it('writes CSV with a header and one row per observation', () => {
    const r = runCli(['export', 'observations', '--format', 'csv', '--data', data]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\r\n');
    expect(rows[0]).toMatch(/^id,/);
    const ndjson = runCli(['export', 'observations', '--data', data]).stdout.trim().split('\n');
    expect(rows.length - 1).toBe(ndjson.length);
  });

  it('refuses an unknown format with a usage error naming the choices', () => {
    const r = runCli(['export', 'observations', '--format', 'kml', '--data', data]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/--format must be one of ndjson, geojson, csv, got 'kml'/);
  });
});

describe('truceline agreement check', () => {
  it('summarises the demo agreement', () => {
    const r = runCli(['agreement', 'check', 'scenarios/ukraine-2026/agreement.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/km/);
    expect(r.stdout).toMatch(/800,000/);
  });

  it('lists every error with its JSON path and exits 1', () => {
    const bad = JSON.parse(readFileSync('scenarios/ukraine-2026/agreement.json', 'utf8'));
    bad.lineOfContact[3][1] = 95;
    delete bad.parties;
    const f = join(work, 'bad-agreement.json');
    writeFileSync(f, JSON.stringify(bad));
    const r = runCli(['agreement', 'check', f]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/lineOfContact\[3\]\[1\]: latitude 95 is outside \[-90, 90\]/);
    expect(out).toMatch(/parties/);
  });
});
