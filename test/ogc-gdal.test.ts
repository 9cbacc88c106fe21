/**
 * The OGC API opened by a real client: GDAL's OAPIF driver (Debian's gdal-bin, GDAL 3.6), as a
 * GIS analyst would — `ogrinfo` lists the layers and counts them (following our next links
 * page by page, GDAL's default page being 10), `-spat` sends a bbox of full-precision doubles,
 * and `ogr2ogr` copies collections into a GeoPackage whose row count is then checked.
 *
 * Skipped, saying so, when ogrinfo is not installed; CI installs gdal-bin.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedIds, MISSION_COUNT, PUBLIC_COUNT, startOgcTestMission, type OgcTestMission } from '../src/server/ogc/test-support.js';

const probe = spawnSync('ogrinfo', ['--version'], { encoding: 'utf8' });
const HAVE_GDAL = probe.status === 0;
const SKIP_NOTE = 'SKIPPED: ogrinfo (GDAL) is not installed here; `apt-get install gdal-bin` (CI installs it)';
if (!HAVE_GDAL) console.warn(`test/ogc-gdal.test.ts ${SKIP_NOTE}`);

/** Runs a GDAL command without blocking the event loop: the server answers it from this process. */
async function run(cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(cmd, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    return stdout;
  } catch (err) {
    const e = err as { code?: unknown; stderr?: string; stdout?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed (${String(e.code)}):\n${e.stderr ?? ''}\n${e.stdout ?? ''}`);
  }
}

const featureCount = (out: string) => Number(/Feature Count: (\d+)/.exec(out)?.[1] ?? NaN);

describe.skipIf(!HAVE_GDAL)(`GDAL ${HAVE_GDAL ? probe.stdout.trim() : `(${SKIP_NOTE})`} against /ogc`, () => {
  let m: OgcTestMission;
  let work: string;
  let url: string;
  beforeAll(async () => {
    m = await startOgcTestMission();
    work = mkdtempSync(join(tmpdir(), 'truceline-gdal-'));
    url = `OAPIF:${m.ogc}`;
  });
  afterAll(async () => {
    await m?.server.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ogrinfo lists the three collections with their geometry types', async () => {
    const out = await run('ogrinfo', ['-ro', '-so', url]);
    expect(out).toMatch(/1: observations \(title: Observations\) \(Point\)/);
    expect(out).toMatch(/: line-of-contact .*\(Line String\)/);
    expect(out).toMatch(/: zones .*Polygon/);
  });

  it('ogrinfo counts the public observations for an anonymous caller, paging through every next link', async () => {
    const out = await run('ogrinfo', ['-ro', '-so', url, 'observations']);
    expect(featureCount(out)).toBe(PUBLIC_COUNT + 2);
    expect(out).toMatch(/observed_from: DateTime/);
  });

  it('ogrinfo with an API token in GDAL_HTTP_HEADERS sees what the token\'s owner sees', async () => {
    const token = await m.server.token('monitor', ['observations:read']);
    const out = await run('ogrinfo', ['-ro', '-so', '--config', 'GDAL_HTTP_HEADERS', `Authorization: Bearer ${token}`, url, 'observations']);
    expect(featureCount(out)).toBe(PUBLIC_COUNT + 2 + MISSION_COUNT + 2);
  });

  it('ogrinfo -spat sends a bbox of full-precision doubles, which the server takes', async () => {
    const box = [37.800000000000004, 48.02, 37.849999999999994, 48.07] as const;
    const out = await run('ogrinfo', ['-ro', '-so', url, 'observations', '-spat', ...box.map(String)]);
    expect(featureCount(out)).toBe(expectedIds(m.filed, { bbox: box }).length);
  });

  it('ogr2ogr copies the observations into a GeoPackage with one row per public observation', async () => {
    const gpkg = join(work, 'observations.gpkg');
    await run('ogr2ogr', ['-f', 'GPKG', gpkg, url, 'observations']);
    const out = await run('ogrinfo', ['-ro', gpkg, '-sql', 'SELECT count(*) AS n FROM observations']);
    expect(Number(/n \(Integer\) = (\d+)/.exec(out)?.[1])).toBe(PUBLIC_COUNT + 2);
    const ids = await run('ogrinfo', ['-ro', gpkg, '-sql', "SELECT id FROM observations WHERE id = 'mis-0'"]);
    expect(ids).not.toMatch(/mis-0/);
  });

  it('ogr2ogr copies the line of contact and the zones', async () => {
    const a = m.server.mission.agreement;
    const gpkg = join(work, 'agreement.gpkg');
    await run('ogr2ogr', ['-f', 'GPKG', gpkg, url, 'line-of-contact', 'zones']);
    const count = async (layer: string) => Number(/n \(Integer\) = (\d+)/.exec(await run('ogrinfo', ['-ro', gpkg, '-sql', `SELECT count(*) AS n FROM "${layer}"`]))?.[1]);
    expect(await count('line-of-contact')).toBe(1);
    expect(await count('zones')).toBe(1 + a.disengagementAreas.length + a.noFlyAreas.length + a.maritimeCorridors.length);
  });
});
