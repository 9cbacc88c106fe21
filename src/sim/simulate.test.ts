import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAgreement, withdrawalDistanceFor } from '../domain/agreement/index.js';
import { TrucelineError } from '../domain/errors.js';
import {
  COMPASS_16,
  compassSector16,
  direct,
  distanceToLine,
  inverse,
  pointInPolygon,
  sideOfLine,
} from '../domain/geo/index.js';
import {
  DIRECTIONS,
  EVENT_KINDS,
  observedWindow,
  SOURCE_KINDS,
  WEAPON_KINDS,
  type Observation,
} from '../domain/observation/types.js';
import { validateObservation } from '../domain/observation/validate.js';
import type { MultiPolygonCoords } from '../domain/units.js';
import { simulate } from './simulate.js';
import { collect, START, type Run } from './test-support.js';
import type { TruthEvent } from './types.js';

const scenario = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../scenarios/ukraine-2026/${name}`, import.meta.url), 'utf8'),
  );
const agreement = parseAgreement(scenario('agreement.json'));
const water = (scenario('water.json') as { coordinates: MultiPolygonCoords }).coordinates;
const line = agreement.lineOfContact;
const startMs = Date.parse(START);
const endMs = startMs + 86_400_000;

let run: Run;
let truthOf: Map<string, TruthEvent>;
beforeAll(() => {
  run = collect(agreement, { water });
  truthOf = new Map(run.truths.flatMap((t) => t.observationIds.map((id) => [id, t] as const)));
});

describe('simulate: determinism', () => {
  it('gives the same bytes for the same seed', () => {
    expect(collect(agreement, { water, days: 0.5 }).lines.join('\n')).toBe(
      collect(agreement, { water, days: 0.5 }).lines.join('\n'),
    );
  });

  it('gives different output for a different seed', () => {
    expect(collect(agreement, { water, days: 0.5, seed: 12 }).lines.join('\n')).not.toBe(
      collect(agreement, { water, days: 0.5 }).lines.join('\n'),
    );
  });

  it('numbers observations sim-<seed>-<n>, each id once', () => {
    const ids = run.observations.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^sim-11-\d+$/.test(id))).toBe(true);
  });
});

describe('simulate: every observation follows the exchange format', () => {
  it('passes validateObservation with "now" at the scenario end and no clock skew allowed', () => {
    const bad = run.observations
      .map((o) => ({
        o,
        r: validateObservation(JSON.parse(JSON.stringify(o)), { nowMs: endMs, maxClockSkewMs: 0 }),
      }))
      .filter(({ r }) => !r.ok);
    expect(bad.slice(0, 3).map(({ o, r }) => ({ id: o.id, issues: r.ok ? [] : r.issues }))).toEqual(
      [],
    );
  });

  it('keeps bearings in [0, 360), distance ranges ordered, counts ≥ 1 and tokens in the vocabularies', () => {
    for (const o of run.observations) {
      if (o.bearing)
        for (const d of [o.bearing.fromDeg, o.bearing.toDeg])
          expect(d >= 0 && d < 360, o.id).toBe(true);
      if (o.distanceKm) expect(o.distanceKm.min <= o.distanceKm.max, o.id).toBe(true);
      expect(o.count).toBeGreaterThanOrEqual(1);
      expect(SOURCE_KINDS).toContain(o.source.kind);
      expect(EVENT_KINDS).toContain(o.event);
      expect(WEAPON_KINDS).toContain(o.weapon);
      expect(DIRECTIONS).toContain(o.direction);
    }
  });

  it('reports patrol bearings as 16-point compass sectors ("SSE" is 146.25..168.75)', () => {
    const sectors = new Set(COMPASS_16.map((p) => JSON.stringify(compassSector16(p))));
    const patrol = run.observations.filter((o) => o.source.kind === 'monitor' && o.bearing);
    expect(patrol.length).toBeGreaterThan(20);
    for (const o of patrol) expect(sectors.has(JSON.stringify(o.bearing)), o.id).toBe(true);
  });

  it('gives acoustic arrays a bearing only and cameras a distance, both with a stated clock error', () => {
    const acoustic = run.observations.filter((o) => o.source.id.startsWith('aco-'));
    const camera = run.observations.filter((o) => o.source.id.startsWith('cam-'));
    expect(acoustic.length).toBeGreaterThan(50);
    expect(camera.length).toBeGreaterThan(50);
    expect(acoustic.every((o) => o.bearing && !o.distanceKm && o.source.clockErrorS! > 0)).toBe(
      true,
    );
    expect(camera.every((o) => o.bearing && o.distanceKm && o.source.clockErrorS! > 0)).toBe(true);
  });

  it('times camera detections within their stated clock error of the truth', () => {
    for (const o of run.observations.filter(
      (x) => x.source.id.startsWith('cam-') && x.event !== 'projectile_in_flight',
    )) {
      const truth = truthOf.get(o.id)!;
      const offsetS = (Date.parse(observedWindow(o).from) - Date.parse(truth.time)) / 1000;
      expect(Math.abs(offsetS), o.id).toBeLessThanOrEqual(o.source.clockErrorS! + 0.001);
    }
  });

  it('files party reports as party-confidential, naming the filing party', () => {
    const party = run.observations.filter((o) => o.source.kind === 'party');
    expect(party.length).toBeGreaterThan(20);
    for (const o of party) {
      expect(o.visibility).toBe('party-confidential');
      expect(['ua', 'ru']).toContain(o.source.party);
    }
  });

  it('never reports from after the scenario end, and streams in time order', () => {
    let previous = -Infinity;
    for (const l of run.lines) {
      const item = JSON.parse(l) as { observation?: Observation; truth?: TruthEvent };
      const key = item.observation
        ? Date.parse(observedWindow(item.observation).from)
        : Date.parse(item.truth!.time);
      expect(key).toBeGreaterThanOrEqual(previous);
      previous = key;
      if (item.observation) {
        const w = observedWindow(item.observation);
        expect(Date.parse(w.to)).toBeLessThanOrEqual(endMs);
        // Only a sensor's own clock error may put it before the start.
        expect(Date.parse(w.from)).toBeGreaterThanOrEqual(startMs - 5_000);
      } else expect(Date.parse(item.truth!.time)).toBeLessThan(endMs);
    }
  });
});

describe('simulate: ground truth', () => {
  it('links every observation to exactly one truth record, and every linked id exists', () => {
    const linked = run.truths.flatMap((t) => t.observationIds);
    expect(new Set(linked).size).toBe(linked.length);
    expect(new Set(linked)).toEqual(new Set(run.observations.map((o) => o.id)));
  });

  it('marks fabricated allegations not genuine, each with its one party report', () => {
    const fabricated = run.truths.filter((t) => !t.genuine);
    expect(fabricated.length).toBeGreaterThan(0);
    for (const t of fabricated) {
      expect(t.kind).toBe('false_allegation');
      expect(t.observationIds).toHaveLength(1);
      const o = run.observations.find((x) => x.id === t.observationIds[0])!;
      expect(o.source).toMatchObject({ kind: 'party', party: t.allegedBy });
    }
  });

  it('has events seen by several observers and events seen by none', () => {
    const fire = run.truths.filter((t) => t.kind === 'indirect_fire');
    expect(
      fire.some(
        (t) =>
          new Set(
            t.observationIds.map((id) => run.observations.find((o) => o.id === id)!.source.id),
          ).size >= 3,
      ),
    ).toBe(true);
    expect(fire.some((t) => t.observationIds.length === 0)).toBe(true);
  });

  it('keeps fire near the line: small arms within 1.5 km, everything within 100 km', () => {
    for (const t of run.truths.filter((x) => x.origin && x.kind.endsWith('fire'))) {
      const km = distanceToLine([t.origin!.lon, t.origin!.lat], line).distanceM / 1000;
      expect(km, t.eventId).toBeLessThan(t.kind === 'small_arms_fire' ? 1.5 : 100);
    }
  });

  it('places every firing position on the side the truth says', () => {
    for (const t of run.truths.filter((x) => x.kind.endsWith('fire'))) {
      expect(sideOfLine([t.origin!.lon, t.origin!.lat], line), t.eventId).toBe(t.origin!.side);
    }
  });

  it('puts heavy weapons in a withdrawal zone truly within its distance, on their own side', () => {
    const parked = collect(agreement, { water, days: 3, seed: 5 }).truths.filter(
      (t) => t.kind === 'heavy_weapon_in_withdrawal_zone',
    );
    expect(parked.length).toBeGreaterThan(10);
    for (const t of parked) {
      const at = [t.origin!.lon, t.origin!.lat] as const;
      const rule = withdrawalDistanceFor(agreement, t.weapon, t.calibreMm)!;
      expect(t.provisionsViolated).toContain(`withdrawal:${rule.id}`);
      expect(distanceToLine(at, line).distanceM, t.eventId).toBeLessThan(rule.distanceKm * 1000);
      const party = agreement.parties.find((p) => p.id === t.origin!.party)!;
      expect(sideOfLine(at, line), t.eventId).toBe(party.side);
    }
  });

  it('labels fire with the zones the firer itself was in, and drone strikes with the no-fly areas they flew over', () => {
    const fire = run.truths.filter((x) => x.kind.endsWith('fire'));
    const inside = (
      p: { lon: number; lat: number } | undefined,
      polygon: (typeof agreement.noFlyAreas)[number]['polygon'],
    ) => p !== undefined && pointInPolygon([p.lon, p.lat], polygon);
    const drones = fire.filter((t) => t.weapon === 'drone');
    expect(drones.length).toBeGreaterThan(5);
    for (const t of fire) {
      for (const area of agreement.disengagementAreas) {
        // A round landing in the area puts nothing of the firer there: only where it fired from (or a drone's target) counts.
        const touched =
          inside(t.origin, area.polygon) ||
          (t.weapon === 'drone' && inside(t.impact, area.polygon));
        expect(t.provisionsViolated.includes(`disengagement:${area.id}`), t.eventId).toBe(touched);
      }
      for (const area of agreement.noFlyAreas) {
        const over =
          t.weapon === 'drone' &&
          (inside(t.origin, area.polygon) || inside(t.impact, area.polygon));
        expect(t.provisionsViolated.includes(`no_fly:${area.id}`), t.eventId).toBe(over);
      }
    }
    expect(
      drones.filter((t) => t.provisionsViolated.some((p) => p.startsWith('no_fly:'))).length,
    ).toBeGreaterThan(0);
  });

  it('locates outgoing reports near the firing position and impact reports near the impact', () => {
    const cameras = run.observations.filter(
      (o) =>
        o.source.id.startsWith('cam-') && (o.direction === 'outgoing' || o.direction === 'impact'),
    );
    for (const o of cameras) {
      const t = truthOf.get(o.id)!;
      const target = o.direction === 'outgoing' ? t.origin! : t.impact!;
      const mid =
        (o.bearing!.fromDeg + ((o.bearing!.toDeg - o.bearing!.fromDeg + 360) % 360) / 2) % 360;
      const p = direct(
        [o.observer!.lon, o.observer!.lat],
        mid,
        ((o.distanceKm!.min + o.distanceKm!.max) / 2) * 1000,
      );
      expect(inverse(p, [target.lon, target.lat]).distanceM, o.id).toBeLessThan(5_000);
    }
  });
});

describe('simulate: which end a report of undetermined direction heard', () => {
  it('names, for every such report of a shot with both ends, the end whose sound it points at within its sector', () => {
    const named = run.truths.flatMap((t) => Object.keys(t.endsHeard ?? {}).map((id) => [id, t] as const));
    expect(named.length).toBeGreaterThan(20);
    const byId = new Map(run.observations.map((o) => [o.id, o]));
    const undetermined = run.observations.filter((o) => {
      const t = truthOf.get(o.id)!;
      return o.direction === 'undetermined' && t.origin && t.impact && o.event === 'explosion';
    });
    expect(new Set(named.map(([id]) => id))).toEqual(new Set(undetermined.map((o) => o.id)));
    let pointsAtHeard = 0;
    for (const [id, t] of named) {
      const o = byId.get(id)!;
      const end = t.endsHeard![id]!;
      const place = end === 'origin' ? t.origin! : t.impact!;
      const az = inverse([o.observer!.lon, o.observer!.lat], [place.lon, place.lat]).azimuth1Deg;
      const width = (o.bearing!.toDeg - o.bearing!.fromDeg + 360) % 360;
      const off = (az - o.bearing!.fromDeg + 720) % 360;
      // Sectors are stated at about ±2σ: nearly every one holds the end it heard.
      if (off <= width + 1e-9) pointsAtHeard++;
    }
    expect(pointsAtHeard / named.length).toBeGreaterThan(0.85);
  });
});

describe('simulate: tempo and escalation', () => {
  it('yields more at higher tempo (1 day, documented in src/sim/README.md)', () => {
    const n = (tempo: 'low' | 'normal' | 'high') =>
      collect(agreement, { water, tempo, seed: 3 }).observations.length;
    const [low, normal, high] = [n('low'), n('normal'), n('high')];
    expect(low).toBeLessThan(normal);
    expect(normal).toBeLessThan(high);
    expect(normal).toBeGreaterThan(600);
    expect(normal).toBeLessThan(3000);
  });

  it('multiplies a sector’s fire during a planted episode and records the episode', () => {
    const plan = { sector: 'donetsk-south', startHour: 6, hours: 12, factor: 5 };
    const r = collect(agreement, { water, days: 2, seed: 9, escalation: plan });
    const episode = r.truths.find((t) => t.kind === 'escalation_episode')!;
    expect(episode).toMatchObject({
      sector: 'donetsk-south',
      time: '2026-03-01T06:00:00Z',
      endTime: '2026-03-01T18:00:00Z',
      factor: 5,
    });
    const fireThere = (t: TruthEvent) => t.kind.endsWith('fire') && t.sector === 'donetsk-south';
    const inside = r.truths.filter((t) => fireThere(t) && t.escalation).length;
    const outside = r.truths.filter((t) => fireThere(t) && !t.escalation).length;
    // 12 hours inside against 36 outside: equal rates would give inside ≈ outside / 3.
    expect(inside).toBeGreaterThan(outside);
  });

  it.each([
    [{ seed: 1.5 }, 'seed'],
    [{ days: 0 }, 'days'],
    [{ start: 'yesterday' }, 'start'],
    [{ tempo: 'frantic' as 'low' }, 'tempo'],
    [{ noise: -1 }, 'noise'],
    [
      { escalation: { sector: 'atlantis', startHour: 0, hours: 1, factor: 2 } },
      'escalation.sector',
    ],
  ])('rejects bad options %j naming %s', (bad, path) => {
    let caught: unknown;
    try {
      simulate(agreement, { seed: 1, days: 1, start: START, ...bad }).next();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(TrucelineError);
    expect((caught as TrucelineError).issues.map((i) => i.path)).toContain(path);
  });
});
