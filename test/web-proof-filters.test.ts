import { describe, expect, it } from 'vitest';
import { incidentsUrl, incidentWorkflowUrl, observationsUrl } from '../web/src/api/urls.js';
import {
  DEFAULT_INCIDENT_VIEW,
  parseIncidentView,
  withIncidentView,
} from '../web/src/view/incident-view.js';
import { parseView, serialiseView } from '../web/src/view/url-state.js';

/**
 * The incident page's and the incident filters' part of the URL (web/src/view/incident-view.ts)
 * and the API queries they become (web/src/api/urls.ts). Pure.
 */
describe('incident page and filters in the URL', () => {
  it('reads back what it writes, beside the map view', () => {
    const v = {
      incident: 'inc-sim-1-160',
      statuses: ['reported', 'verified'] as const,
      side: 'undetermined' as const,
      provision: 'withdrawal' as const,
      sources: ['monitor', 'sensor'] as const,
    };
    const map = parseView('?c=37.5,48&z=7&event=explosion');
    const q = withIncidentView(serialiseView(map), v);
    expect(q).toBe(
      '?c=37.5,48&z=7&event=explosion&incident=inc-sim-1-160&status=reported,verified&side=undetermined&provision=withdrawal&source=monitor,sensor',
    );
    expect(parseIncidentView(q)).toEqual(v);
    expect(parseView(q)).toEqual(map);
    // Rewriting drops the old values rather than repeating them.
    expect(withIncidentView(q, DEFAULT_INCIDENT_VIEW)).toBe(serialiseView(map));
  });

  it('drops what it does not know, and reads "every value" as no filter', () => {
    expect(
      parseIncidentView(
        '?incident=a%20b&status=reported,bogus&side=middle&provision=<script>&source=all',
      ),
    ).toEqual({ ...DEFAULT_INCIDENT_VIEW, statuses: ['reported'] });
    expect(parseIncidentView('?source=monitor,sensor,party,osint').sources).toEqual([]);
    expect(parseIncidentView(`?incident=${'x'.repeat(161)}`).incident).toBeNull();
  });

  it('asks the incidents API for status, side (or the unattributed) and provision', () => {
    const base = { bbox: [36, 47, 38, 49] as const, from: null, to: null };
    const u = (q: Parameters<typeof incidentsUrl>[0]) =>
      new URL(incidentsUrl(q, 100), 'http://x').searchParams;
    const left = u({ ...base, statuses: ['reported'], side: 'left', provision: 'ceasefire' });
    expect([
      left.get('status'),
      left.get('side'),
      left.get('party'),
      left.get('provision'),
    ]).toEqual(['reported', 'left', null, 'ceasefire']);
    const none = u({ ...base, side: 'undetermined' });
    expect([none.get('side'), none.get('party')]).toEqual([null, 'undetermined']);
    expect([...u(base).keys()]).toEqual(['bbox', 'limit']);
    expect(incidentWorkflowUrl('a/b')).toBe('/api/v1/incidents/a%2Fb/workflow');
  });

  it('asks the observations API for the sources', () => {
    const p = new URL(
      observationsUrl({ bbox: [36, 47, 38, 49], events: [], weapons: [], sources: ['osint'] }, 10),
      'http://x',
    ).searchParams;
    expect(p.get('source')).toBe('osint');
  });

  it('asks the incidents API for kinds and weapons', () => {
    const url = incidentsUrl(
      {
        bbox: [36, 47, 38, 49],
        from: null,
        to: null,
        events: ['explosion', 'muzzle_flash'],
        weapons: ['mortar'],
      },
      100,
    );
    const p = new URL(url, 'http://x').searchParams;
    expect(p.get('event')).toBe('explosion,muzzle_flash');
    expect(p.get('weapon')).toBe('mortar');
    expect(
      new URL(
        incidentsUrl(
          { bbox: [36, 47, 38, 49], from: null, to: null, events: [], weapons: [] },
          100,
        ),
        'http://x',
      ).searchParams.has('event'),
    ).toBe(false);
  });
});
