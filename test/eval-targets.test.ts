/**
 * Issue 5, item 6: the quality targets on the demo scenario (ukraine-2026, with its water) at
 * default noise, seeds 1, 2 and 3, one day at normal tempo, fused through the real path
 * (fileObservations' transaction then IncidentFuser, in one-minute batches, into a SqliteStore)
 * and scored by src/app/eval.
 *
 * THE ENGINE MISSES ONE OF THE SIX TARGETS (provision recall). Each assertion below holds what is achieved, with the
 * target and the gap named beside it; the numbers and their causes are in BENCHMARKS.md
 * ("Fusion quality"). Tighten an assertion to its target when the engine reaches it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkTargets, evaluate, readIncidents, readObservations, type EvalReport } from '../src/app/eval/index.js';
import { playScenario } from '../src/app/eval/scenario.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile, readDemoWater } from '../src/app/mission.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const SEEDS = [1, 2, 3];
const { agreement } = readAgreementFile(DEMO_AGREEMENT_FILE);
const water = readDemoWater();
const reports = new Map<number, EvalReport>();

beforeAll(async () => {
  for (const seed of SEEDS) {
    const store = SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-targets-')), 'test.db'), { synchronous: 'NORMAL' });
    const { truths } = await playScenario(store, agreement, { seed, days: 1, start: '2026-03-01T00:00:00Z', tempo: 'normal', noise: 1, water }, { fuser: { log: () => undefined } });
    reports.set(seed, evaluate({ truths, observations: await readObservations(store), incidents: await readIncidents(store) }));
    await store.close();
  }
}, 180_000);

const each = (f: (r: EvalReport) => number | null) => SEEDS.map((s) => f(reports.get(s)!));

describe('issue 5 targets on the demo scenario, seeds 1-3, default noise', () => {
  it('grouping F1 ≥ 0.95 — met: 0.971, 0.963, 0.958 (was 0.84, 0.82, 0.76)', () => {
    // Fusion (domain/fusion) asks that a report overlap every member's window, not one (a party's
    // 45-minute window chained reports minutes apart); that two detections of one array meet only
    // where their bearings and ranges do, and are two sounds when stamped further apart than their
    // clocks allow; that a report heard at a distance fit the sound's travel time from the
    // incident's place; reads stated ranges at ±2σ for linking; matches a party's claim apart, to
    // the mission incident it fits best once the reports of its window are in; and a lone bearing
    // joins the incident it most likely points at and was heard from in time. A report of
    // undetermined direction is scored against the end the simulator says it heard (endsHeard).
    // Left: claims naming a heavier weapon or placed > 2σ off, and bearings of different shots
    // that cross.
    for (const f1 of each((r) => r.grouping.f1)) expect(f1).toBeGreaterThanOrEqual(0.95);
  });

  it('grouping held to the end heard (a reference, not a target): 0.958, 0.951, 0.947 (was 0.935, 0.935, 0.922)', () => {
    // Scored as above, a report of undetermined direction put with the other end of its own shot
    // is not counted wrong; held to the end it heard, it is. One array's detection of undetermined
    // direction and its detection of the shot's other sound are two sounds, and the one that fits
    // the incident worse leaves it (fusion/bearing-pick.ts displacedBy).
    for (const f1 of each((r) => r.groupingHeldToEnd.f1)) expect(f1).toBeGreaterThanOrEqual(0.945);
  });

  it('median localisation error of event ends seen by ≥ 2 mission sources ≤ 300 m — met: 221, 257, 224 m (was 489-547)', () => {
    // The place is the weighted least-squares point of the members read as Gaussians (fusion/
    // estimate.ts), not the centroid of their overlap, with sensors' stamps ranging by sound.
    for (const m of each((r) => r.placement.localisationM['2+'].median)) expect(m!).toBeLessThanOrEqual(300);
  });

  it('misattribution < 0.5 % of attributed — met: 0 wrong of 89, 169, 188 (was 1 of 113, 215, 241)', () => {
    // Attribution is now robust to reports that understate their errors (domain/assessment
    // consistency.ts, origin.ts, attribution.ts): the origin is widened for attribution by its
    // reports' measured disagreement (sqrt(χ²/dof)) or the mission's recent measure, a lone
    // placing source is taken as three times its stated error, and no single report may carry
    // the origin across the line (leave-one-out). Coverage fell from 14.8-17.3 % to 11.6-13.3 %.
    for (const r of SEEDS.map((s) => reports.get(s)!)) {
      expect(r.attribution.wrong).toBe(0);
      // Coverage kept: the robustness must not come from refusing everything.
      expect(r.attribution.coverage).toBeGreaterThanOrEqual(0.115);
    }
  });

  it('calibration of stated confidence within 5 points — met: −0.2 points on each seed', () => {
    for (const gap of each((r) => r.attribution.calibration.gap)) expect(Math.abs(gap!)).toBeLessThanOrEqual(0.01);
  });

  it('provision recall ≥ 0.98 — MISSED: 0.700-0.710, the reports allow 0.735-0.744 (was 0.58-0.59); precision ≥ 0.95 — met: 0.973-0.976', () => {
    // Recall (BENCHMARKS.md, "Provision matching"): a named weapon's range from where its round
    // landed bounds where it was fired from (assessment/weapons.ts), so impacts now place heavy
    // weapons inside their withdrawal distance: withdrawal recall 5-8 % → 52-54 %. What is left
    // is fire nobody identified, and strike drones whose reports rarely say "drone" (no-fly
    // recall 0.14-0.19). A named weapon heard along a bearing only is placed by where the mission
    // has found its class landing (assessment/line-distance.ts LinePrior, kept by the fuser),
    // read from a class's tenth landing over an even prior worth six, and for a wide place of
    // several reports that fix no point as for one report's.
    // Precision: a weapon nobody named is no longer claimed as heavy in the security zone (an
    // even call, shown at half confidence), and what rests on the weapon weighs by who named it
    // (a party's word on the weapon is a party's word). Withdrawal precision is 0.91-0.92: one
    // mission report's identification is wrong about one time in ten (mortar for artillery).
    for (const r of SEEDS.map((s) => reports.get(s)!)) {
      expect(r.provisions.recall).toBeGreaterThanOrEqual(0.695);
      expect(r.provisions.precision).toBeGreaterThanOrEqual(0.97);
      expect(r.provisions.byKind.ceasefire!.recall).toBeGreaterThanOrEqual(0.93);
      expect(r.provisions.byKind.ceasefire!.precision).toBe(1);
      expect(r.provisions.byKind.withdrawal!.recall).toBeGreaterThanOrEqual(0.58);
      expect(r.provisions.byKind.withdrawal!.precision).toBeGreaterThanOrEqual(0.9);
      expect(r.provisions.byKind.security_zone!.recall).toBeGreaterThanOrEqual(0.47);
      expect(r.provisions.byKind.security_zone!.precision).toBeGreaterThanOrEqual(0.95);
      // Drone strikes in the no-fly band are breaches in the truth too (were 6-14 % precision).
      expect(r.provisions.byKind.no_fly!.precision).toBe(1);
    }
  });

  it('names exactly the targets missed (so a change that meets one is noticed here)', () => {
    const missed = (seed: number) =>
      checkTargets(reports.get(seed)!).filter((t) => !t.met).map((t) => t.name);
    for (const seed of SEEDS) expect(missed(seed)).toEqual(['provision recall']);
  });
});
