/**
 * The OGC API opened by a real client: OWSLib (Debian's python3-owslib,
 * owslib.ogcapi.features.Features). It fetches the landing page (with a trailing slash) and
 * /conformance, lists collections, and asks for items with bbox, datetime and limit, and for a
 * single item. The Python side prints what it got as JSON; the assertions are here.
 *
 * Runs /usr/bin/python3 on purpose: a python3 earlier on PATH (pyenv) may lack owslib. Skipped,
 * saying so, when that interpreter cannot import owslib; CI installs python3-owslib.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedIds, PUBLIC_COUNT, startOgcTestMission, type OgcTestMission } from '../src/server/ogc/test-support.js';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import owslib; print(owslib.__version__)'], { encoding: 'utf8' });
const HAVE_OWSLIB = probe.status === 0;
const SKIP_NOTE = `SKIPPED: ${PYTHON} cannot import owslib; \`apt-get install python3-owslib\` (CI installs it)`;
if (!HAVE_OWSLIB) console.warn(`test/ogc-owslib.test.ts ${SKIP_NOTE}`);

const SCRIPT = `
import json, sys
from owslib.ogcapi.features import Features
base, bbox, datetime = sys.argv[1], [float(v) for v in sys.argv[2].split(',')], sys.argv[3]
w = Features(base)
out = {
  'landing_rels': [l['rel'] for l in w.links],
  'conformance': w.conformance()['conformsTo'],
  'feature_collections': w.feature_collections(),
  'observations_extent': w.collection('observations')['extent'],
}
page = w.collection_items('observations', limit=5)
out['limit5'] = {'n': page['numberReturned'], 'ids': [f['id'] for f in page['features']], 'rels': [l['rel'] for l in page['links']]}
boxed = w.collection_items('observations', bbox=bbox, limit=10000)
out['bbox_ids'] = sorted(f['id'] for f in boxed['features'])
timed = w.collection_items('observations', datetime=datetime, limit=10000)
out['datetime_ids'] = sorted(f['id'] for f in timed['features'])
both = w.collection_items('observations', bbox=bbox, datetime=datetime, limit=3)
out['both_n'] = both['numberReturned']
one = w.collection_item('observations', out['limit5']['ids'][0])
out['item'] = {'id': one['id'], 'type': one['type'], 'geometry': one['geometry']['type']}
zone = w.collection_items('zones', limit=1)
out['zone'] = {'matched': zone['numberMatched'], 'returned': zone['numberReturned']}
try:
  w.collection_item('observations', 'mis-0')
  out['hidden'] = 'served'
except RuntimeError as e:
  out['hidden'] = json.loads(str(e))['status']
print(json.dumps(out))
`;

describe.skipIf(!HAVE_OWSLIB)(`OWSLib ${HAVE_OWSLIB ? probe.stdout.trim() : `(${SKIP_NOTE})`} against /ogc`, () => {
  let m: OgcTestMission;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let got: any;
  const bbox = [37.80000000000001, 48.02, 37.84999999999999, 48.07] as const;
  const datetime = '2026-03-02T00:00:00Z/2026-03-03T23:59:59Z';

  beforeAll(async () => {
    m = await startOgcTestMission();
    // Asynchronous: the server answers from this very process.
    const { stdout } = await promisify(execFile)(PYTHON, ['-c', SCRIPT, `${m.ogc}/`, bbox.join(','), datetime], { encoding: 'utf8', timeout: 120_000, maxBuffer: 16 << 20 });
    got = JSON.parse(stdout);
  });
  afterAll(() => m?.server.close());

  it('reads the landing page and the conformance declaration', () => {
    expect(got.landing_rels).toEqual(expect.arrayContaining(['self', 'service-desc', 'conformance', 'data']));
    expect(got.conformance).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(got.conformance).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson');
  });

  it('lists the feature collections, with an extent', () => {
    expect(got.feature_collections).toEqual(['observations', 'line-of-contact', 'zones']);
    expect(got.observations_extent.spatial.bbox[0]).toHaveLength(4);
  });

  it('pages by limit, with a next link', () => {
    expect(got.limit5.n).toBe(5);
    expect(got.limit5.ids).toHaveLength(5);
    expect(got.limit5.rels).toContain('next');
  });

  it('filters by bbox and by datetime, alone and together', () => {
    const fromMs = Date.parse('2026-03-02T00:00:00Z');
    const toMs = Date.parse('2026-03-03T23:59:59Z');
    expect(got.bbox_ids).toEqual(expectedIds(m.filed, { bbox }));
    expect(got.datetime_ids).toEqual(expectedIds(m.filed, { fromMs, toMs }));
    expect(got.datetime_ids.length).toBeLessThan(PUBLIC_COUNT);
    expect(got.both_n).toBe(Math.min(3, expectedIds(m.filed, { bbox, fromMs, toMs }).length));
  });

  it('fetches a single item, and cannot fetch one an anonymous caller may not see', () => {
    expect(got.item).toEqual({ id: got.limit5.ids[0], type: 'Feature', geometry: 'Point' });
    expect(got.hidden).toBe(404);
  });

  it('reads the zones collection', () => {
    expect(got.zone.returned).toBe(1);
    expect(got.zone.matched).toBeGreaterThan(1);
  });
});
