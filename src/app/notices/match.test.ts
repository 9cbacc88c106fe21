// Issue 6: an incident inside a notice's area and window is matched to it; fire across the line
// of contact is never excused, whatever the notice.
import { describe, expect, it } from 'vitest';
import { agreement, INSIDE, notice, OUTSIDE } from '../../domain/notice/test-support/fixtures.js';
import type { LonLat } from '../../domain/units.js';
import type { StoredIncident } from '../../store/port.js';
import { NO_NOTICE, subjectFromIncident, verdictFor } from './match.js';

/** A stored incident as fusion records it, with the fields the notice match reads. */
function stored(
  id: string,
  fields: {
    location?: LonLat;
    origin?: LonLat | null;
    party?: string;
    events?: string[];
    weapon?: string;
    provisions?: string[];
    confidence?: number;
  } = {},
): StoredIncident {
  return {
    incident: {
      id,
      location: fields.location ?? INSIDE,
      window: { from: '2026-03-02T10:00:00Z', to: '2026-03-02T10:05:00Z' },
      events: fields.events ?? ['explosion'],
      weapon: fields.weapon ?? 'undetermined',
      direction: 'impact',
    },
    assessment: {
      origin: fields.origin ? { location: fields.origin } : null,
      attribution: { party: fields.party ?? 'undetermined', confidence: 0, shares: {}, reason: '' },
      provisions: (fields.provisions ?? ['ceasefire']).map((provisionId) => ({
        provisionId,
        kind: provisionId.split(':')[0],
        confidence: fields.confidence ?? 0.95,
      })),
    },
    status: 'reported',
    visibility: 'mission',
    party: null,
    updatedLedgerIndex: 0,
  } as unknown as StoredIncident;
}

const demining = notice();

describe('verdictFor (incidents against notices)', () => {
  it('excuses an undetermined explosion inside the area during the window', () => {
    expect(verdictFor(subjectFromIncident(stored('i1')), [demining], agreement)).toEqual({
      verdict: 'excused',
      matched: ['ntc-1'],
      noticeId: 'ntc-1',
      reason: 'inside the area and window of demining notice ntc-1 (clear the N-20 verge)',
    });
  });

  it('never excuses fire across the line, even an undetermined explosion inside the area', () => {
    const v = verdictFor(
      subjectFromIncident(stored('i2', { origin: [38.2, 48.42] })),
      [demining],
      agreement,
    );
    expect(v).toEqual({
      verdict: 'not_excused',
      matched: ['ntc-1'],
      noticeId: 'ntc-1',
      reason: 'fire across the line of contact is never excused',
    });
  });

  it('does not excuse an explosion that breaks a provision no notice covers', () => {
    const v = verdictFor(
      subjectFromIncident(stored('i3', { provisions: ['ceasefire', 'withdrawal:wd-tank'] })),
      [demining],
      agreement,
    );
    expect(v).toMatchObject({
      verdict: 'not_excused',
      reason: 'breaks withdrawal:wd-tank, which no notice can cover',
    });
  });

  it('reads a possible match, under the line where it is claimed, as no breach', () => {
    const v = verdictFor(
      subjectFromIncident(
        stored('i3b', { provisions: ['ceasefire', 'withdrawal:wd-tank'], confidence: 0.3 }),
      ),
      [demining],
      agreement,
    );
    expect(v.verdict).toBe('excused');
  });

  it('matches nothing outside the area', () => {
    expect(
      verdictFor(subjectFromIncident(stored('i4', { location: OUTSIDE })), [demining], agreement),
    ).toEqual(NO_NOTICE);
  });

  it("takes the fire among an incident's events as its event, and an attributed party as its party", () => {
    const s = subjectFromIncident(
      stored('i5', {
        events: ['troop_presence', 'explosion'],
        party: 'ua',
        origin: [37.71, 48.41],
      }),
    );
    expect(s).toMatchObject({
      kind: 'incident',
      event: 'explosion',
      party: 'ua',
      origin: [37.71, 48.41],
    });
    expect(verdictFor(s, [demining], agreement).verdict).toBe('excused');
    expect(
      verdictFor(subjectFromIncident(stored('i6', { party: 'ru' })), [demining], agreement).reason,
    ).toBe("attributed to ru; notice ntc-1 is ua's");
  });
});
