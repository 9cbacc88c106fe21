/**
 * A real server with a known set of observations, for the OGC API tests (test/ogc-*.test.ts):
 * the HTTP conformance test and the GDAL and OWSLib client tests. Not used in production.
 *
 * The set: PUBLIC_COUNT public observations from monitors, spread over five days from
 * 2026-03-01 and a few kilometres around Donetsk oblast; MISSION_COUNT mission-only ones; one
 * confidential filing by each party; and two public observations either side of the
 * antimeridian, for boxes that cross it.
 */
import { fileObservations } from '../../app/file-observations.js';
import { observationPoint } from '../../domain/observation/place.js';
import { observedWindow, type Observation } from '../../domain/observation/types.js';
import { sampleObservation, startTestServer, type TestServer } from '../test-harness.js';

export const PUBLIC_COUNT = 230;
export const MISSION_COUNT = 25;

export interface OgcTestMission {
  readonly server: TestServer;
  /** Every observation filed, as filed. */
  readonly filed: readonly Observation[];
  readonly ogc: string;
}

function day(i: number): string {
  return `2026-03-0${1 + (i % 5)}`;
}

export function ogcSampleSet(parties: readonly [string, string]): Observation[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < PUBLIC_COUNT; i++) {
    out.push(sampleObservation(i, { id: `pub-${i}`, visibility: 'public', observedAt: { from: `${day(i)}T18:40:00Z`, to: `${day(i)}T18:45:00Z` } }));
  }
  for (let i = 0; i < MISSION_COUNT; i++) out.push(sampleObservation(1000 + i, { id: `mis-${i}` }));
  parties.forEach((p, k) =>
    out.push(sampleObservation(2000 + k, { id: `conf-${p}`, source: { kind: 'party', id: `${p}-office`, party: p }, visibility: 'party-confidential' })),
  );
  for (const [id, lon] of [['east-of-180', 179.95], ['west-of-180', -179.95]] as const) {
    out.push({
      id,
      source: { kind: 'monitor', id: 'patrol-pacific' },
      observedAt: '2026-03-02T06:00:00Z',
      location: { lat: 10, lon, radiusM: 100 },
      event: 'vessel',
      count: 1,
      weapon: 'undetermined',
      direction: 'undetermined',
      visibility: 'public',
    });
  }
  return out as unknown as Observation[];
}

export async function startOgcTestMission(): Promise<OgcTestMission> {
  const server = await startTestServer({ loginPerMinutePerIp: 1000 });
  const filed = ogcSampleSet(server.parties);
  const results = await fileObservations(server.mission.store, filed, { actor: 'test', nowMs: Date.now() });
  const bad = results.filter((r) => r.status !== 'stored');
  if (bad.length > 0) throw new Error(`the OGC sample set did not file: ${JSON.stringify(bad.slice(0, 3))}`);
  return { server, filed, ogc: `${server.base}/ogc` };
}

/** The ids a bbox and time interval should select from `obs`, by the same rules the server states. */
export function expectedIds(
  obs: readonly Observation[],
  opts: { bbox?: readonly [number, number, number, number]; fromMs?: number | null; toMs?: number | null; visible?: (o: Observation) => boolean } = {},
): string[] {
  return obs
    .filter((o) => (opts.visible ? opts.visible(o) : o.visibility === 'public'))
    .filter((o) => {
      if (!opts.bbox) return true;
      const [lon, lat] = observationPoint(o);
      const [w, s, e, n] = opts.bbox;
      const inLon = w <= e ? lon >= w && lon <= e : lon >= w || lon <= e;
      return inLon && lat >= s && lat <= n;
    })
    .filter((o) => {
      const win = observedWindow(o);
      return (opts.fromMs == null || Date.parse(win.to) >= opts.fromMs) && (opts.toMs == null || Date.parse(win.from) <= opts.toMs);
    })
    .map((o) => o.id)
    .sort();
}
