import { describe, expect, it } from 'vitest';
import { validateObservation } from '../src/domain/observation/validate.js';
import {
  COMPASS_POINTS,
  degToPoint,
  normaliseDeg,
  pointSector,
  pointToDeg,
  sectorAround,
} from '../web/src/field/compass.js';
import {
  answersFor,
  applyAnswer,
  backoffMs,
  BACKOFF,
  countByState,
  dueReports,
  markFailed,
  markSending,
  newReport,
  photosDue,
  recoverInterrupted,
  requeue,
  setPhoto,
  type QueuedPhoto,
  type QueuedReport,
} from '../web/src/field/queue.js';
import {
  buildObservation,
  emptyForm,
  parseMinuteUtc,
  parseNumber,
  type FieldFormValues,
} from '../web/src/field/report-form.js';

/**
 * The field app's pure parts (web/src/field), in Node: compass points and sectors, building an
 * observation from the form (checked against the server's own validator), and the outbox's
 * state machine.
 */
const NOW = Date.parse('2026-03-01T12:00:00Z');
const CTX = { id: 'field-0001', sourceId: 'monitor', lang: 'en', evidence: [] };

function form(over: Partial<FieldFormValues> = {}): FieldFormValues {
  return {
    ...emptyForm(NOW),
    place: { lat: 48.0123456, lon: 37.8 },
    uncertaintyM: '25',
    event: 'explosion',
    weapon: 'artillery',
    ...over,
  };
}

describe('compass', () => {
  it('has 16 points 22.5° apart, N at 0 and NNW at 337.5', () => {
    expect(COMPASS_POINTS).toHaveLength(16);
    expect(pointToDeg('N')).toBe(0);
    expect(pointToDeg('ENE')).toBe(67.5);
    expect(pointToDeg('SSW')).toBe(202.5);
    expect(pointToDeg('NNW')).toBe(337.5);
  });

  it('maps degrees to the point whose sector holds them, round trip for every point', () => {
    for (const p of COMPASS_POINTS) expect(degToPoint(pointToDeg(p))).toBe(p);
    expect(degToPoint(11.2)).toBe('N');
    expect(degToPoint(11.3)).toBe('NNE');
    expect(degToPoint(349)).toBe('N');
    expect(degToPoint(-10)).toBe('N');
    expect(degToPoint(725)).toBe('N');
    expect(degToPoint(170)).toBe('S');
  });

  it('gives a compass point the sector of its 22.5°, wrapping through north', () => {
    expect(pointSector('N')).toEqual({ fromDeg: 348.75, toDeg: 11.25 });
    expect(pointSector('E')).toEqual({ fromDeg: 78.75, toDeg: 101.25 });
    expect(pointSector('NNW')).toEqual({ fromDeg: 326.25, toDeg: 348.75 });
    expect(sectorAround(355, 10)).toEqual({ fromDeg: 345, toDeg: 5 });
    expect(normaliseDeg(360)).toBe(0);
    expect(normaliseDeg(-0.001)).toBe(0);
  });
});

describe('building the observation from the form', () => {
  it('parses numbers with a comma or a point, and UTC minutes strictly', () => {
    expect(parseNumber(' 3,5 ')).toBe(3.5);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('3km')).toBeNaN();
    expect(parseMinuteUtc('2026-03-01T10:15')).toBe('2026-03-01T10:15:00Z');
    expect(parseMinuteUtc('2026-02-30T10:15')).toBeNull();
    expect(parseMinuteUtc('yesterday')).toBeNull();
  });

  it('without a bearing, the place is the event location with the uncertainty as radius', () => {
    const r = buildObservation(form({ notes: '  two impacts  ' }), CTX);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.observation).toEqual({
      id: 'field-0001',
      source: { kind: 'monitor', id: 'monitor' },
      observedAt: '2026-03-01T12:00:00Z',
      location: { lat: 48.012346, lon: 37.8, radiusM: 25 },
      event: 'explosion',
      count: 1,
      weapon: 'artillery',
      direction: 'undetermined',
      text: 'two impacts',
      lang: 'en',
      visibility: 'mission',
    });
    expect(validateObservation(r.observation, { nowMs: NOW }).ok).toBe(true);
  });

  it('with a compass point and a distance, the place is the observer; the server accepts it', () => {
    const r = buildObservation(
      form({ bearingMode: 'compass', compass: 'SSE', distanceMin: '3', distanceMax: '5,5' }),
      {
        ...CTX,
        evidence: [{ sha256: 'a'.repeat(64), mediaType: 'image/jpeg' }],
      },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.observation.observer).toEqual({ lat: 48.012346, lon: 37.8, accuracyM: 25 });
    expect(r.observation.bearing).toEqual({ fromDeg: 146.25, toDeg: 168.75 });
    expect(r.observation.distanceKm).toEqual({ min: 3, max: 5.5 });
    expect(r.observation.evidence).toEqual([{ sha256: 'a'.repeat(64), mediaType: 'image/jpeg' }]);
    expect(r.observation.location).toBeUndefined();
    expect(validateObservation(r.observation, { nowMs: NOW }).ok).toBe(true);
  });

  it('with degrees, the sector is the bearing give or take the spread', () => {
    const r = buildObservation(form({ bearingMode: 'degrees', degrees: '2', spreadDeg: '4' }), CTX);
    expect(r.ok && r.observation.bearing).toEqual({ fromDeg: 358, toDeg: 6 });
  });

  it('names every wrong field with its message key, all at once', () => {
    const r = buildObservation(
      form({
        observedAt: 'soon',
        place: null,
        uncertaintyM: '0',
        bearingMode: 'degrees',
        degrees: '360',
        spreadDeg: '120',
        distanceMin: '7',
        distanceMax: '',
        event: '',
        count: '2.5',
        notes: 'x'.repeat(4001),
      }),
      CTX,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => `${i.field}:${i.key}`)).toEqual([
      'observedAt:field.err.time',
      'place:field.err.place',
      'uncertaintyM:field.err.uncertainty',
      'degrees:field.err.degrees',
      'spreadDeg:field.err.spread',
      'distance:field.err.distanceBoth',
      'event:field.err.event',
      'count:field.err.count',
      'notes:field.err.notes',
    ]);
  });

  it('refuses a distance without a bearing, reversed or too far, and a place off the globe', () => {
    const keys = (over: Partial<FieldFormValues>) => {
      const r = buildObservation(form(over), CTX);
      return r.ok ? [] : r.issues.map((i) => i.key);
    };
    expect(keys({ distanceMin: '1', distanceMax: '2' })).toEqual([
      'field.err.distanceNeedsBearing',
    ]);
    expect(keys({ bearingMode: 'compass', distanceMin: '5', distanceMax: '2' })).toEqual([
      'field.err.distanceOrder',
    ]);
    expect(keys({ bearingMode: 'compass', distanceMin: '0', distanceMax: '101' })).toEqual([
      'field.err.distanceRange',
    ]);
    expect(keys({ place: { lat: 91, lon: 0 } })).toEqual(['field.err.placeRange']);
  });

  it('leaves the future to the server: its clock, not the tablet’s, decides', () => {
    const r = buildObservation(form({ observedAt: '2027-01-01T00:00' }), CTX);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const server = validateObservation(r.observation, { nowMs: NOW });
    expect(server.ok).toBe(false);
  });
});

describe('the outbox state machine', () => {
  const photo: QueuedPhoto = {
    key: 'r1/abc',
    name: 'p.jpg',
    mediaType: 'image/jpeg',
    size: 10,
    sha256: 'abc',
    state: 'pending',
  };
  const r1 = newReport({ id: 'r1' }, [photo], NOW);
  const r2 = newReport({ id: 'r2' }, [], NOW + 1);

  it('queues a new report, due at once', () => {
    expect(r1.state).toBe('queued');
    expect(dueReports([r2, r1], NOW).map((r) => r.id)).toEqual(['r1']);
    expect(dueReports([r2, r1], NOW + 1).map((r) => r.id)).toEqual(['r1', 'r2']);
  });

  it('backs off after failures, doubling up to the cap; sync now ignores the backoff', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(BACKOFF.maxMs);
    const failed = markFailed(markSending(r1), NOW, 'offline');
    expect(failed).toMatchObject({ state: 'queued', attempts: 1, lastError: 'offline' });
    expect(dueReports([failed], NOW + 4999)).toEqual([]);
    expect(dueReports([failed], NOW + 5000)).toHaveLength(1);
    expect(dueReports([failed], NOW, true)).toHaveLength(1);
    const twice = markFailed(markSending(failed), NOW, 'offline');
    expect(twice.nextAttemptMs).toBe(NOW + 10_000);
  });

  it('takes each answer: stored, duplicate, conflict, rejected with its issues', () => {
    const sending = markSending(markFailed(r1, NOW, 'x'));
    const stored = applyAnswer(sending, { id: 'r1', status: 'stored' }, NOW);
    expect(stored).toMatchObject({ state: 'stored', attempts: 0, issues: [] });
    expect(stored.lastError).toBeUndefined();
    const rejected = applyAnswer(
      sending,
      {
        id: 'r1',
        status: 'rejected',
        issues: [{ path: 'observedAt', reason: 'in the future' }],
      },
      NOW,
    );
    expect(rejected.state).toBe('rejected');
    expect(rejected.issues).toEqual([{ path: 'observedAt', reason: 'in the future' }]);
    expect(applyAnswer(sending, { id: 'r1', status: 'conflict' }, NOW).state).toBe('conflict');
    expect(applyAnswer(sending, { id: 'r1', status: 'skipped' }, NOW).state).toBe('queued');
  });

  it('matches a batch answer to reports by position and id; a mismatch stays queued', () => {
    const out = answersFor(
      [markSending(r1), markSending(r2)],
      [
        { id: 'r1', status: 'duplicate' },
        { id: 'other', status: 'stored' },
      ],
      NOW,
    );
    expect(out.map((r) => r.state)).toEqual(['duplicate', 'queued']);
    expect(out[1]!.lastError).toBe('no answer');
    expect(answersFor([markSending(r1)], [], NOW)[0]!.state).toBe('queued');
  });

  it('recovers a report left sending when the app closed, and resends a stored one', () => {
    expect(recoverInterrupted(markSending(r1)).state).toBe('queued');
    expect(recoverInterrupted(r1)).toBe(r1);
    const stored = applyAnswer(markSending(r1), { id: 'r1', status: 'stored' }, NOW);
    expect(requeue(stored, NOW + 5)).toMatchObject({ state: 'queued', nextAttemptMs: NOW + 5 });
    expect(requeue(markSending(r1), NOW)).toMatchObject({ state: 'sending' });
  });

  it('uploads photos only once their report is filed, and tracks each upload', () => {
    expect(photosDue([r1])).toEqual([]);
    const stored = applyAnswer(markSending(r1), { id: 'r1', status: 'stored' }, NOW);
    expect(photosDue([stored, r2]).map((r) => r.id)).toEqual(['r1']);
    const rejected = applyAnswer(markSending(r1), { id: 'r1', status: 'rejected' }, NOW);
    expect(photosDue([rejected])).toEqual([]);
    const up = setPhoto(stored, 'r1/abc', 'uploaded');
    expect(up.photos[0]!.state).toBe('uploaded');
    expect(photosDue([up])).toEqual([]);
    expect(setPhoto(stored, 'r1/abc', 'failed', 'too big').photos[0]!.error).toBe('too big');
  });

  it('counts reports by state', () => {
    const all: QueuedReport[] = [r1, markSending(r2)];
    expect(countByState(all)).toMatchObject({ queued: 1, sending: 1, stored: 0 });
  });
});
