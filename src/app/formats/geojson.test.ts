import { describe, expect, test } from 'vitest';
import sample from '../../domain/observation/fixtures/design-sample.json' with { type: 'json' };
import type { Observation } from '../../domain/observation/types.js';
import { geoJsonChunks, geoJsonChunksSync, observationToGeoJsonFeature } from './geojson.js';

const atObserver = sample.observation as Observation;
const atPoint: Observation = {
  ...atObserver,
  id: 'obs-2',
  observer: undefined,
  bearing: undefined,
  distanceKm: undefined,
  location: { lat: 47.95, lon: -0.5, radiusM: 250 },
  text: 'Вибух, "кажуть", 2 км\nдругий рядок',
};

describe('observationToGeoJsonFeature', () => {
  test('puts a location observation at its point, [lon, lat] (RFC 7946 §3.1.1)', () => {
    const f = observationToGeoJsonFeature(atPoint);
    expect(f).toMatchObject({
      type: 'Feature',
      id: 'obs-2',
      geometry: { type: 'Point', coordinates: [-0.5, 47.95] },
    });
    expect(f.properties).toMatchObject({
      place: 'location',
      latitude: 47.95,
      longitude: -0.5,
      radius_m: 250,
      bearing_from_deg: null,
    });
  });

  test('puts a bearing observation at the observer, with bearing and distance as properties', () => {
    const f = observationToGeoJsonFeature(atObserver);
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [37.8021, 48.0123] });
    expect(f.properties).toMatchObject({
      place: 'observer',
      radius_m: 15,
      bearing_from_deg: 146.25,
      bearing_to_deg: 168.75,
      distance_min_km: 3,
      distance_max_km: 5,
      observed_from: '2026-03-01T18:40:00Z',
      observed_to: '2026-03-01T18:45:00Z',
      event: 'explosion',
      count: 12,
      visibility: 'mission',
      evidence_sha256: [atObserver.evidence![0]!.sha256],
      evidence_media_type: ['image/jpeg'],
    });
  });

  test('gives a null geometry to an observation with no place (RFC 7946 §3.2)', () => {
    expect(observationToGeoJsonFeature({ ...atObserver, observer: undefined }).geometry).toBeNull();
  });

  test('keeps an instant as from = to', () => {
    const f = observationToGeoJsonFeature({
      ...atObserver,
      observedAt: '2026-03-01T18:40:00+02:00',
    });
    expect([f.properties.observed_from, f.properties.observed_to]).toEqual([
      '2026-03-01T18:40:00+02:00',
      '2026-03-01T18:40:00+02:00',
    ]);
  });
});

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

async function* slowly(items: Observation[]): AsyncGenerator<Observation> {
  for (const o of items) {
    await Promise.resolve();
    yield o;
  }
}

describe('geoJsonChunks', () => {
  test('streams a FeatureCollection that parses as one document, one chunk per feature', async () => {
    const chunks = await collect(geoJsonChunks(slowly([atObserver, atPoint])));
    expect(chunks).toHaveLength(4);
    const doc = JSON.parse(chunks.join('')) as {
      type: string;
      features: { id: string; properties: { text: string } }[];
    };
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features.map((f) => f.id)).toEqual(['obs-000123', 'obs-2']);
    expect(doc.features[1]!.properties.text).toBe(atPoint.text);
  });

  test('writes an empty collection for no observations', async () => {
    expect(JSON.parse((await collect(geoJsonChunks([]))).join(''))).toEqual({
      type: 'FeatureCollection',
      features: [],
    });
  });

  test('takes a plain array as well as an async iterable, and agrees with the sync twin', async () => {
    const fromAsync = (await collect(geoJsonChunks([atObserver, atPoint]))).join('');
    expect(fromAsync).toBe([...geoJsonChunksSync([atObserver, atPoint])].join(''));
  });

  test('pulls observations one at a time (lazy), so it streams', () => {
    let pulled = 0;
    function* counting(): Generator<Observation> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield { ...atObserver, id: `obs-${i}` };
      }
    }
    const it = geoJsonChunksSync(counting());
    it.next();
    it.next();
    expect(pulled).toBe(1);
  });
});
