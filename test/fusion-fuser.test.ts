/**
 * Fusion wired to intake and the ledger (issue 5): observations filed through the real path
 * (fileAndFuse: fileObservations' transaction, then IncidentFuser) into a SqliteStore, the
 * incidents read back through the store port. The hand-built cases of issue 5's "Done when".
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeLeaf } from '../src/app/events/event.js';
import { BEARING_ONLY_REASON, fileAndFuse, IncidentFuser, NO_ORIGIN_REASON } from '../src/app/fusion/index.js';
import { LinePrior } from '../src/domain/assessment/index.js';
import { onLine, testAgreement } from '../src/domain/assessment/test-support/agreement.js';
import { inverse } from '../src/domain/geo/index.js';
import { at, bearingTo, obs, offset, pointAt, sectorTo } from '../src/domain/fusion/test-support/scenario.js';
import type { Observation } from '../src/domain/observation/types.js';
import type { LonLat } from '../src/domain/units.js';
import type { Store } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const agreement = testAgreement();
const NOW = Date.parse('2026-03-02T00:00:00Z');
const west = offset(onLine(), 270, 10);

function open(): SqliteStore {
  return SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-fusion-')), 'test.db'), { synchronous: 'NORMAL' });
}

function quietFuser(store: Store, logged: string[] = []) {
  return new IncidentFuser(store, agreement, { log: (m) => logged.push(m) });
}

async function ledgerTypes(store: Store, from = 0): Promise<string[]> {
  const out: string[] = [];
  for (let i = from; i < (await store.ledger.size()); i++) out.push(decodeLeaf((await store.ledger.entry(i))!).type);
  return out;
}

const file = (store: Store, fuser: IncidentFuser, items: Observation[]) => fileAndFuse(store, fuser, items, { actor: 'test', nowMs: NOW });

/** Two patrols south-west and north-west of a gun 10 km west of the line, both seeing it fire. */
const patrols = () => [
  obs('p7', { ...sectorTo(offset(west, 200, 4), west, 11.25, 1), direction: 'outgoing', count: 12 }),
  obs('p9', { ...sectorTo(offset(west, 300, 3), west, 11.25, 1), direction: 'outgoing', count: 10 }),
];

describe('fusion into the store', () => {
  it('records an incident that leaves the window within a batch from its members: compartment and assessment intact', async () => {
    const store = open();
    const fuser = quietFuser(store);
    const hours = (h: number) => new Date(Date.parse(at(0)) + h * 3_600_000).toISOString();
    // A party's confidential allegation, then reports 20 hours later in the same batch: the
    // first incident leaves fusion's 6-hour window before the batch is recorded.
    const allegation = obs('c1', { ...pointAt(offset(onLine(), 90, 8), 500), source: { kind: 'party', id: 'hq-east', party: 'east' }, visibility: 'party-confidential' });
    const later = [0, 1, 2].map((k) => obs(`late-${k}`, { ...pointAt(offset(onLine(), 270, 20 + k * 15), 300), observedAt: { from: hours(20 + k), to: hours(20 + k) } }));
    await fileAndFuse(store, fuser, [allegation, ...later], { actor: 'test', nowMs: Date.parse(hours(24)) });
    const got = (await store.getIncident!('inc-c1'))!;
    expect(got).toMatchObject({ visibility: 'party-confidential', party: 'east' });
    expect(got.incident.observationIds).toEqual(['c1']);
    for (const k of [0, 1, 2]) expect((await store.getIncident!(`inc-late-${k}`))!.visibility).toBe('mission');
  });

  it('fuses two patrols triangulating one barrage into one attributed incident: opened, then updated', async () => {
    const store = open();
    const fuser = quietFuser(store);
    const [p7, p9] = patrols();
    await file(store, fuser, [p7!]);
    await file(store, fuser, [p9!]);
    expect(await ledgerTypes(store)).toEqual(['observation.stored', 'incident.opened', 'observation.stored', 'incident.updated']);
    const got = (await store.getIncident!('inc-p7'))!;
    expect(got.incident).toMatchObject({ observationIds: ['p7', 'p9'], count: 12, locationMethod: 'intersection' });
    expect(inverse(got.incident.location, west).distanceM).toBeLessThan(600);
    expect(got.assessment.attribution).toMatchObject({ party: 'west', confidence: 1 });
    expect(got.assessment.origin).toMatchObject({ missionSourced: true, observationIds: ['p7', 'p9'] });
    expect(got.assessment.provisions.map((p) => p.provisionId)).toEqual(['ceasefire', 'security_zone']);
    expect(got).toMatchObject({ status: 'reported', visibility: 'mission', party: null, updatedLedgerIndex: 3 });
    await store.close();
  });

  it('records a batch that opens and grows an incident as one event', async () => {
    const store = open();
    await file(store, quietFuser(store), patrols());
    expect(await ledgerTypes(store)).toEqual(['observation.stored', 'observation.stored', 'incident.opened']);
    await store.close();
  });

  it('merges two incidents a late report links: a merge event with its reason, the older id kept, the other an alias', async () => {
    const store = open();
    const fuser = quietFuser(store);
    const barrage = offset(onLine(), 90, 5);
    await file(store, fuser, [obs('a', { ...pointAt(offset(barrage, 270, 0.8), 400), count: 4 }), obs('b', { ...pointAt(offset(barrage, 90, 0.8), 400), count: 6 })]);
    const before = await store.ledger.size();
    await file(store, fuser, [obs('late', { ...pointAt(barrage, 1000), count: 9, observedAt: { from: at(1), to: at(4) } })]);
    const types = await ledgerTypes(store, before);
    expect(types).toEqual(['observation.stored', 'incident.merged']);
    const merge = decodeLeaf((await store.ledger.entry(before + 1))!) as unknown as { data: { absorbedId: string; reason: string } };
    expect(merge.data).toMatchObject({ absorbedId: 'inc-b', reason: 'late links inc-a (via a) and inc-b (via b)' });
    const byAlias = (await store.getIncident!('inc-b'))!;
    expect(byAlias.incident).toMatchObject({ id: 'inc-a', aliases: ['inc-b'], observationIds: ['a', 'b', 'late'], count: 9 });
    const all = await store.queryIncidents!({ limit: 10 });
    expect(all.items.map((i) => i.incident.id)).toEqual(['inc-a']);
    await store.close();
  });

  it('leaves a barrage straddling the line undetermined, with the shares that led there', async () => {
    const store = open();
    const gun = offset(onLine(), 90, 0.3);
    await file(store, quietFuser(store), [
      obs('n', { ...sectorTo(offset(gun, 0, 6), gun, 11.25, 1), direction: 'outgoing' }),
      obs('s', { ...sectorTo(offset(gun, 180, 5), gun, 11.25, 1), direction: 'outgoing' }),
    ]);
    const a = (await store.getIncident!('inc-n'))!.assessment.attribution;
    expect(a.party).toBe('undetermined');
    expect(a.shares.east).toBeGreaterThan(0.05);
    expect(a.shares.west).toBeGreaterThan(0.05);
    await store.close();
  });

  it("records a party's confidential allegation with no mission source sealed, in its party's compartment, never attributed", async () => {
    const store = open();
    const claim = obs('claim', {
      ...pointAt(west, 300),
      direction: 'outgoing',
      visibility: 'party-confidential',
      source: { kind: 'party', id: 'east-liaison', party: 'east' },
    });
    await file(store, quietFuser(store), [claim]);
    const got = (await store.getIncident!('inc-claim'))!;
    expect(got).toMatchObject({ visibility: 'party-confidential', party: 'east' });
    expect(got.assessment.attribution.party).toBe('undetermined');
    expect(got.assessment.attribution.reason).toMatch(/party reports alone/);
    // Both the filing and the incident are sealed leaves in the public log.
    expect(await ledgerTypes(store)).toEqual(['sealed', 'sealed']);
    const seen = (v: { party: string | null; mission: boolean }) => store.queryIncidents!({ limit: 10, visibleTo: v }).then((p) => p.items.length);
    expect([await seen({ party: 'east', mission: false }), await seen({ party: 'west', mission: false }), await seen({ party: null, mission: false }), await seen({ party: null, mission: true })]).toEqual([1, 0, 0, 1]);
    await store.close();
  });

  it('triangulates sensor bearings that wrap through north', async () => {
    const store = open();
    const target = offset(onLine(), 90, 6);
    const sensor = (id: string, from: LonLat) =>
      obs(id, { ...bearingTo(from, target, 1), direction: 'outgoing', source: { kind: 'sensor', id }, observedAt: '2026-03-01T18:40:00Z' });
    const north = sensor('north', offset(target, 180, 8)); // looks due north: sector 359..1
    expect(north.bearing!.fromDeg).toBeGreaterThan(north.bearing!.toDeg);
    await file(store, quietFuser(store), [north, sensor('west', offset(target, 290, 5))]);
    const got = (await store.getIncident!('inc-north'))!;
    expect(got.incident.locationMethod).toBe('triangulation');
    expect(inverse(got.incident.location, target).distanceM).toBeLessThan(50);
    expect(got.assessment.attribution).toMatchObject({ party: 'east', confidence: 1 });
    await store.close();
  });

  it('does not attribute fire placed only by one bearing: a direction, not a place', async () => {
    const store = open();
    // A sensor 8 km east of the line hears its own side's gun 3 km away; its 40 km wedge runs
    // west across the line, so most of the wedge lies on the other side.
    const sensorAt = offset(onLine(), 90, 8);
    const gun = offset(onLine(), 90, 5);
    await file(store, quietFuser(store), [obs('s1', { ...bearingTo(sensorAt, gun, 4), direction: 'outgoing', source: { kind: 'sensor', id: 'aco-1' }, observedAt: '2026-03-01T18:40:00Z' })]);
    const a = (await store.getIncident!('inc-s1'))!.assessment;
    expect(a.origin?.method).toBe('single');
    expect(a.attribution).toMatchObject({ party: 'undetermined', reason: BEARING_ONLY_REASON });
    await store.close();
  });

  it('gives impacts alone no origin and no attribution', async () => {
    const store = open();
    await file(store, quietFuser(store), [obs('hit', { ...pointAt(west, 300), direction: 'impact' })]);
    const a = (await store.getIncident!('inc-hit'))!.assessment;
    expect(a.origin).toBeNull();
    expect(a.attribution.reason).toBe(NO_ORIGIN_REASON);
    await store.close();
  });
});

describe("the mission's record of where fire lands", () => {
  it("counts each precisely placed landing of a named weapon once, as the fuser's assessments go", async () => {
    const store = open();
    const prior = new LinePrior({ minCount: 2 });
    const fuser = new IncidentFuser(store, agreement, { log: () => undefined, linePrior: prior });
    const landing = (id: string, km: number) => obs(id, { ...pointAt(offset(onLine(), 90, km), 150), direction: 'impact', weapon: 'mortar' });
    await file(store, fuser, [landing('m1', 2.5)]);
    // Recorded again (a second report joins it): replaced, not counted twice.
    await file(store, fuser, [obs('m1b', { ...pointAt(offset(onLine(), 90, 2.5), 150), direction: 'impact', weapon: 'mortar', source: { kind: 'sensor', id: 'cam-2' } })]);
    expect(prior.count('mortar')).toBe(1);
    await file(store, fuser, [landing('m2', 25)]);
    expect(prior.count('mortar')).toBe(2);
    // One landing at 2-3 km of two, over the even prior (6 landings over 60 bins): (1 + 0.1) / (2 + 6).
    expect(prior.density('mortar')!(2500)).toBeCloseTo(1.1 / 8, 9);
    await store.close();
  });
});

describe('fusion never fails an intake', () => {
  it('leaves an observation the engine fails on unfused and records the rest', async () => {
    const store = open();
    const logged: string[] = [];
    const fuser = quietFuser(store, logged);
    const placeless = obs('nowhere', {});
    const outcome = await fuser.afterStored([placeless, patrols()[0]!], NOW);
    expect(outcome).toEqual({ fused: 2, engineErrors: 1, events: 1, failed: false });
    expect(logged).toEqual(['observation nowhere left unfused']);
    expect((await store.queryIncidents!({ limit: 10 })).items.map((i) => i.incident.id)).toEqual(['inc-p7']);
    await store.close();
  });

  it('records nothing for a batch whose write fails, does not throw, and goes on with the next', async () => {
    const store = open();
    const logged: string[] = [];
    let fail = true;
    const flaky: Store = Object.assign(Object.create(store) as Store, {
      write: <T>(fn: Parameters<Store['write']>[0]) => (fail ? Promise.reject(new Error('disk full')) : store.write(fn)) as Promise<T>,
    });
    const fuser = new IncidentFuser(flaky, agreement, { log: (m) => logged.push(m) });
    const [p7, p9] = patrols();
    expect(await fuser.afterStored([p7!], NOW)).toMatchObject({ events: 0, failed: true });
    expect(logged).toEqual(['recorded nothing for a batch of 1 observations']);
    fail = false;
    expect(await fuser.afterStored([p9!], NOW)).toMatchObject({ events: 1, failed: false });
    // The next change carries the whole snapshot, so the store catches up.
    expect((await store.getIncident!('inc-p7'))!.incident.observationIds).toEqual(['p7', 'p9']);
    expect(fuser.stats).toMatchObject({ failedBatches: 1, events: 1 });
    await store.close();
  });
});

describe('restart and rebuild', () => {
  it('warms a new fuser from the stored observations, so a report after a restart joins the stored incident', async () => {
    const store = open();
    const [p7, p9] = patrols();
    await file(store, quietFuser(store), [p7!]);
    const restarted = await IncidentFuser.start({ store, agreement }, { nowMs: Date.parse('2026-03-01T19:00:00Z'), log: () => undefined });
    expect(restarted.size).toEqual({ incidents: 1, observations: 1 });
    const before = await store.ledger.size();
    await file(store, restarted, [p9!]);
    expect(await ledgerTypes(store, before)).toEqual(['observation.stored', 'incident.updated']);
    expect((await store.queryIncidents!({ limit: 10 })).items.map((i) => i.incident.observationIds)).toEqual([['p7', 'p9']]);
    await store.close();
  });

  it('warms the last window only: before the wall clock, and before the data stored last when that is older', async () => {
    const store = open();
    // A day earlier than the patrols, on the same ground: older than any window replayed below.
    const dayBefore = patrols().map((o) => ({
      ...o,
      id: `${o.id}-before`,
      observedAt: { from: at(-24 * 60), to: at(-24 * 60 + 5) },
    }));
    await file(store, quietFuser(store), [...dayBefore, ...patrols()]);
    // Started a day and a half after the patrols, as a rerun of a stopped import of old data is:
    // the window of what was stored last comes back, so the rest of the file joins its incidents.
    const later = await IncidentFuser.start(
      { store, agreement },
      { nowMs: Date.parse('2026-03-03T06:00:00Z'), log: () => undefined },
    );
    expect(later.size).toEqual({ incidents: 1, observations: 2 });
    const before = await store.ledger.size();
    await file(store, later, [
      obs('p8', {
        ...sectorTo(offset(west, 250, 3.5), west, 11.25, 1),
        direction: 'outgoing',
        count: 11,
      }),
    ]);
    expect(await ledgerTypes(store, before)).toEqual(['observation.stored', 'incident.updated']);
    // Reports of the wall clock's own window, stored after, make that the window replayed.
    const live = Date.parse('2026-03-03T06:00:00Z');
    const now = [
      obs('now', {
        ...pointAt(west, 500),
        observedAt: {
          from: new Date(live - 600_000).toISOString(),
          to: new Date(live - 300_000).toISOString(),
        },
      }),
    ];
    await fileAndFuse(store, later, now, { actor: 'test', nowMs: live });
    const restarted = await IncidentFuser.start(
      { store, agreement },
      { nowMs: live + 60_000, log: () => undefined },
    );
    expect(restarted.size).toEqual({ incidents: 1, observations: 1 });
    await store.close();
  });

  it('keeps the incident tables the fold of the ledger: the audit finds nothing, a rebuild gives the same answers', async () => {
    const store = open();
    const fuser = quietFuser(store);
    const barrage = offset(onLine(), 90, 5);
    await file(store, fuser, patrols());
    await file(store, fuser, [obs('a', pointAt(offset(barrage, 270, 0.8), 400)), obs('b', pointAt(offset(barrage, 90, 0.8), 400))]);
    await file(store, fuser, [obs('late', pointAt(barrage, 1000))]);
    expect((await store.auditState()).differences).toEqual([]);
    const before = await store.queryIncidents!({ limit: 10 });
    await store.rebuild();
    expect(await store.queryIncidents!({ limit: 10 })).toEqual(before);
    expect((await store.getIncident!('inc-b'))!.incident.id).toBe('inc-a');
    await store.close();
  });
});

describe('IncidentFuser with hundreds of reports of one instant and place', () => {
  it('keeps every incident within one ledger entry, so fusion never stalls on a large one', async () => {
    const store = open();
    const logged: string[] = [];
    const fuser = new IncidentFuser(store, agreement, { log: (m, e) => logged.push(`${m}: ${e instanceof Error ? e.message : ''}`) });
    // One patrol's sector reports of one five-minute window, with long ids: one event, 900 reports
    // (before the budget, the first batch's incident was a 70 KB entry and nothing was recorded).
    const id = (i: number) => `patrol-7-sector-report-of-the-barrage-${String(i).padStart(24, '0')}`;
    const reports = Array.from({ length: 900 }, (_, i) =>
      obs(id(i), { ...sectorTo(offset(west, 180, 3), west, 10, 1), count: 1 + (i % 12) }),
    );
    const before = await store.ledger.size();
    for (let i = 0; i < reports.length; i += 100) await file(store, fuser, reports.slice(i, i + 100));
    expect(logged.filter((l) => /recorded nothing|left unfused|could not/i.test(l))).toEqual([]);
    let largest = 0;
    const members = new Map<string, number>();
    for (let i = before; i < (await store.ledger.size()); i++) {
      const leaf = (await store.ledger.entry(i))!;
      largest = Math.max(largest, leaf.length);
    }
    const page = await store.queryIncidents!({ limit: 1000 });
    for (const s of page.items) for (const o of s.incident.observationIds) members.set(o, (members.get(o) ?? 0) + 1);
    expect(largest).toBeLessThanOrEqual(65_535);
    expect(members.size).toBe(reports.length);
    expect([...members.values()].every((n) => n === 1)).toBe(true);
    // More than one incident: the first filled its entry's budget.
    expect(page.items.length).toBeGreaterThan(1);
  }, 120_000);
});
