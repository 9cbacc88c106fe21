import { describe, expect, it } from 'vitest';
import type { Observation } from '../observation/types.js';
import { DEFAULT_CLAIM_ALLOWANCE_MS } from './claims.js';
import { FusionEngine, type FusionChange } from './engine.js';
import { statedWindowMs } from './time.js';
import { at, obs, offset, pointAt, T0 } from './test-support/scenario.js';

const barrage = [37.95, 48.02] as const;
const MIN = 60_000;
// A party's claim of a half hour, then two shots within it: the first 1.2 km off the claimed
// place, the second on it. No report comes past the claim's window (its reports are due by the
// data clock 5 minutes after its widened end, T0 + 30 min).
const claim = obs('claim', {
  ...pointAt([...barrage], 1500),
  source: { kind: 'party', party: 'east' },
  observedAt: { from: at(-10), to: at(20) },
});
const first = obs('first', { ...pointAt(offset([...barrage], 90, 1.2), 300), observedAt: at(0) });
const second = obs('second', { ...pointAt([...barrage], 300), observedAt: at(8) });
const later = obs('later', { ...pointAt(offset([...barrage], 0, 200), 300), observedAt: at(120) });

/** Adds each report at the data clock (the latest stated end so far), received at `receivedMs`. */
function feed(engine: FusionEngine, reports: Observation[], receivedMs: number): FusionChange[] {
  return reports.flatMap((o) => {
    clock.set(engine, Math.max(clock.get(engine) ?? -Infinity, statedWindowMs(o).toMs));
    return engine.add(o, clock.get(engine)!, receivedMs);
  });
}
const clock = new WeakMap<FusionEngine, number>();

const members = (engine: FusionEngine) => engine.incidents().map((i) => i.observationIds);

describe('FusionEngine: claims settled on the wall clock', () => {
  it('matches a claim left alone in a quiet period once the allowance has passed', () => {
    // Live: received an hour into the quiet, after the reports of its window were due.
    const engine = new FusionEngine();
    const received = T0 + 60 * MIN;
    feed(engine, [claim, first, second], received);
    expect(members(engine)).toEqual([['claim'], ['first'], ['second']]);
    expect(engine.claimsWaiting).toBe(1);

    expect(engine.settleDue(received + DEFAULT_CLAIM_ALLOWANCE_MS - 1)).toEqual([]);
    expect(members(engine)).toEqual([['claim'], ['first'], ['second']]);

    const changes = engine.settleDue(received + DEFAULT_CLAIM_ALLOWANCE_MS + 1);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([['merged', 'inc-second']]);
    expect(changes[0]).toMatchObject({ absorbedId: 'inc-claim', observationId: 'claim' });
    expect(members(engine)).toEqual([['first'], ['claim', 'second']]);
    expect(engine.claimsWaiting).toBe(0);
    // Settled once: the wall clock does not match it again.
    expect(engine.settleDue(received + 60 * MIN)).toEqual([]);
  });

  it("counts from the end of the claim's window when that is later than its receipt", () => {
    // Received at T0 + 10 min, before its window ends: settled 10 min after its reports were due.
    const engine = new FusionEngine();
    feed(engine, [claim, first, second], T0 + 10 * MIN);
    const dueMs = T0 + 30 * MIN + DEFAULT_CLAIM_ALLOWANCE_MS;
    expect(engine.settleDue(dueMs - 1)).toEqual([]);
    expect(engine.settleDue(dueMs + 1).map((c) => c.kind)).toEqual(['merged']);
  });

  it('does not settle an import of old data early: each claim counts from its receipt', () => {
    // Reports of a day three days ago read in now: by the wall clock its window is long past.
    const engine = new FusionEngine();
    const importedAt = T0 + 3 * 24 * 60 * MIN;
    feed(engine, [claim, first, second], importedAt);
    expect(engine.settleDue(importedAt + MIN)).toEqual([]);
    expect(engine.settleDue(importedAt + DEFAULT_CLAIM_ALLOWANCE_MS - 1)).toEqual([]);
    expect(members(engine)).toEqual([['claim'], ['first'], ['second']]);
    // The import goes on: its next report past the window settles the claim by the data clock,
    // and the wall clock has nothing left to do.
    const changes = feed(engine, [later], importedAt + MIN);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([
      ['merged', 'inc-second'],
      ['opened', 'inc-later'],
    ]);
    expect(engine.claimsWaiting).toBe(0);
    expect(engine.settleDue(importedAt + 60 * MIN)).toEqual([]);
  });

  it('settles an imported claim the allowance after its receipt when no later report comes', () => {
    const engine = new FusionEngine();
    const importedAt = T0 + 3 * 24 * 60 * MIN;
    feed(engine, [claim, first, second], importedAt);
    const changes = engine.settleDue(importedAt + DEFAULT_CLAIM_ALLOWANCE_MS + 1);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([['merged', 'inc-second']]);
  });

  it('matches a claim settled by the wall clock once more when a late report of its window comes', () => {
    // Only the shot 1.2 km off is in when the wall clock settles the claim; the one on its place
    // is filed late, and the next report past the window moves the claim to it.
    const engine = new FusionEngine();
    const received = T0 + 60 * MIN;
    feed(engine, [claim, first], received);
    const wall = received + DEFAULT_CLAIM_ALLOWANCE_MS + 1;
    expect(engine.settleDue(wall).map((c) => [c.kind, c.incidentId])).toEqual([
      ['merged', 'inc-first'],
    ]);
    feed(engine, [second], wall);
    expect(members(engine)).toEqual([['claim', 'first'], ['second']]);
    const changes = feed(engine, [later], wall);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([
      ['updated', 'inc-first'],
      ['joined', 'inc-second'],
      ['opened', 'inc-later'],
    ]);
    expect(members(engine)).toEqual([['first'], ['second', 'claim'], ['later']]);
  });

  it('takes the allowance from the options', () => {
    const engine = new FusionEngine({ claimAllowanceMs: MIN });
    const received = T0 + 60 * MIN;
    feed(engine, [claim, first, second], received);
    expect(engine.settleDue(received + MIN - 1)).toEqual([]);
    expect(engine.settleDue(received + MIN + 1).map((c) => c.kind)).toEqual(['merged']);
  });

  it('does not settle a claim whose incident has left the window', () => {
    const engine = new FusionEngine({ windowMs: 3600_000 });
    const received = T0 + 60 * MIN;
    feed(engine, [claim, first, second], received);
    engine.advance(T0 + 3 * 3600_000);
    expect(engine.size).toBe(0);
    expect(engine.settleDue(received + DEFAULT_CLAIM_ALLOWANCE_MS + 1)).toEqual([]);
    expect(engine.claimsWaiting).toBe(0);
  });

  it('keeps the wall-clock queue bounded when only the data clock settles claims', () => {
    // Claims in a steady stream of reports are all settled by the data clock.
    const engine = new FusionEngine();
    for (let i = 0; i < 2000; i++) {
      const c = obs(`c${i}`, {
        ...pointAt(offset([...barrage], 0, (i % 50) * 3), 2000),
        source: { kind: 'party', party: 'east' },
        observedAt: { from: at(i), to: at(i + 15) },
      });
      const r = obs(`r${i}`, { ...pointAt(offset([...barrage], 90, (i % 50) * 3), 300), observedAt: at(i) });
      feed(engine, [r, c], T0 + (i + 20) * MIN);
    }
    expect(engine.claimsWaiting).toBeLessThan(40);
    const queue = (engine as unknown as { claims: { byWall: { size: number } } }).claims.byWall;
    expect(queue.size).toBeLessThan(2 * 40 + 256 + 1);
  });
});

describe('FusionEngine: claims against rival claims', () => {
  it("finds an incident whose claims narrowed its window away from the new claim's", () => {
    // A monitor's shot (widened by its 60 s clock: T0 ± 1 min), joined by a party's claim of an
    // 82 mm mortar whose window, widened by 5 min, starts at T0: together they allow only T0 to
    // T0 + 1 min. Then the other party's claim of a 120 mm mortar on the shot's very place,
    // widened to T0 − 30 s:
    // it shares an instant with the shot but not with the rival, which it cannot be one event
    // with and fits the incident better than. The rival leaves; the new claim takes its place.
    const engine = new FusionEngine();
    const shot = obs('shot', { ...pointAt([...barrage], 300), observedAt: at(0) });
    const rival = obs('rival', {
      ...pointAt(offset([...barrage], 90, 1), 1500),
      source: { kind: 'party', party: 'east' },
      weapon: 'mortar',
      calibreMm: 82,
      observedAt: { from: at(5), to: at(6) },
    });
    const better = obs('better', {
      ...pointAt([...barrage], 1500),
      source: { kind: 'party', party: 'west' },
      weapon: 'mortar',
      calibreMm: 120,
      observedAt: { from: at(-6), to: at(-5.5) },
    });
    feed(engine, [shot, rival], T0);
    expect(members(engine)).toEqual([['shot', 'rival']]);
    const changes = feed(engine, [better], T0);
    expect(changes.map((c) => [c.kind, c.incidentId])).toEqual([
      ['opened', 'inc-better'],
      ['split', 'inc-rival'],
      ['merged', 'inc-shot'],
    ]);
    expect(members(engine)).toEqual([['shot', 'better'], ['rival']]);
  });
});

