/**
 * The followed span (span.ts FollowedSpan) against a fresh full read, on both adapters: a seeded
 * random run of filings (incidents opened, updated, moved in time and place), fusion's merges and
 * splits, workflow steps (verification, reopening) and alert runs, with the clock now and then
 * set back. At every run the followed span equals a full read of the same store, and the alerts
 * raised with it equal those raised with full reads on a twin store fed the same events.
 * PostgreSQL runs when a server answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onBothAdapters } from '../../store/test-support/both-adapters.js';
import type { Agreement } from '../../domain/agreement/index.js';
import { seededRandom } from '../../domain/test-support/seeded-random.js';
import type { LedgerEvent } from '../events/event.js';
import { incidentLedgerEvent } from '../test-support/incident-event.js';
import { DEMO_AGREEMENT_FILE, readAgreementFile } from '../mission.js';
import { applyWorkflowCommand } from '../workflow/index.js';
import type { Store } from '../../store/port.js';
import { sectorLocator } from './incidents.js';
import { leafHash, verifyInclusion } from '../../ledger/index.js';
import { raiseDueAlerts, type RaisePolicy, type RaiseResult } from './raise.js';
import { FollowedSpan, fullSpanRead, type SpanIncidents } from './span.js';

const { agreement: demo } = readAgreementFile(DEMO_AGREEMENT_FILE);
const H = 3_600_000;
const MIN = 60_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Low thresholds, so a short random run crosses them: a level-3 one opens consultations. */
const agreement: Agreement = {
  ...demo,
  escalationThresholds: [
    { id: 't-sector', level: 1, trigger: { kind: 'verified_violations_in_sector', count: 2, windowHours: 3 }, recipients: ['chief_monitor'], ackDeadlineMinutes: 60 },
    { id: 't-sector-3', level: 3, trigger: { kind: 'verified_violations_in_sector', count: 3, windowHours: 3 }, recipients: ['guarantors'], ackDeadlineMinutes: 30 },
    { id: 't-rockets', level: 2, trigger: { kind: 'weapon_used', weapons: ['mlrs'] }, recipients: ['guarantors'], ackDeadlineMinutes: 30 },
  ],
};
/** A span of 9 h (8 h of baseline, 1 h recent) and a threshold part of 5 h. */
const POLICY: RaisePolicy = {
  earlyWarning: { binMs: H, recentMs: H, baselineMs: 8 * H, minBaselineBlocks: 2, minCount: 2, alpha: 0.2 },
  lookbackHours: 2,
};
const SPAN_MS = 9 * H;
const THRESHOLD_MS = 5 * H;

/** A few points in each sector, and one outside them all. */
function samplePoints(random: () => number): [number, number][] {
  const sectorOf = sectorLocator(agreement);
  const points: [number, number][] = [[20, 40]];
  for (const s of agreement.sectors) {
    const ring = s.polygon[0]!;
    const lons = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    let found = 0;
    for (let tries = 0; found < 3 && tries < 10_000; tries++) {
      const p: [number, number] = [
        Math.min(...lons) + random() * (Math.max(...lons) - Math.min(...lons)),
        Math.min(...lats) + random() * (Math.max(...lats) - Math.min(...lats)),
      ];
      if (sectorOf(p) === s.id) {
        points.push(p);
        found++;
      }
    }
  }
  return points;
}

interface Spec {
  id: string;
  at: [number, number];
  fromMs: number;
  toMs: number;
  count: number;
  weapon: string;
  violation: boolean;
  aliases: string[];
}

function incidentEvent(kind: 'opened' | 'updated' | 'merged' | 'split', s: Spec, atMs: number, extra: Record<string, unknown> = {}): LedgerEvent {
  return incidentLedgerEvent(
    kind,
    {
      id: s.id,
      location: s.at,
      atMs,
      fromMs: s.fromMs,
      toMs: s.toMs,
      weapon: s.weapon,
      count: s.count,
      aliases: s.aliases,
      provisions: s.violation ? [{ provisionId: 'ceasefire', kind: 'ceasefire', confidence: 0.95 }] : [],
    },
    extra,
  );
}

/** The workflow steps that verify an incident, then reopen it and verify it again. */
const STEPS: [string, Record<string, unknown>][] = [
  ['analyst', { type: 'triage', reason: 'explosions' }],
  ['chief', { type: 'assign_analyst', analyst: 'analyst', dueAt: '2026-04-01T00:00:00Z', reason: 'lead' }],
  ['analyst', { type: 'start_investigation', reason: 'bearings' }],
  ['analyst', { type: 'propose_assessment', outcome: 'verified', finding: { summary: 'heard and located', attributedTo: null, provisions: ['ceasefire'], escalationRelevant: false }, reason: 'two sources' }],
  ['analyst-2', { type: 'confirm_assessment', reason: 'checked' }],
  ['chief', { type: 'reopen', evidence: ['obs-new'], reason: 'new imagery' }],
  ['analyst', { type: 'propose_assessment', outcome: 'verified', finding: { summary: 'located again', attributedTo: null, provisions: ['ceasefire'], escalationRelevant: false }, reason: 'imagery' }],
  ['analyst-2', { type: 'confirm_assessment', reason: 'checked again' }],
];

/** A span read in an order-free form. */
function canonical(r: SpanIncidents) {
  return {
    counted: r.counted.map((c) => `${c.toMs} ${c.sectorId} ${c.count}`).sort(),
    incidents: [...r.incidents].sort((a, b) => (a.id < b.id ? -1 : 1)),
    findings: [...r.findingLedgerIndex.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  };
}

/**
 * A run's result with each consultation's inclusion proofs checked against the store's own tree
 * and left out (the twin stores' ledgers differ: sealed leaves are salted), for comparing.
 */
async function comparable(store: Store, r: RaiseResult) {
  for (const c of r.consultations)
    for (const e of c.evidence) {
      const leaf = (await store.ledger.entry(e.ledgerIndex))!;
      const root = await store.ledger.root(e.treeSize);
      verifyInclusion(e.ledgerIndex, e.treeSize, leafHash(leaf), e.inclusionProof.map((h) => Buffer.from(h, 'hex')), root);
    }
  return {
    ...r,
    consultations: r.consultations.map((c) => ({
      ...c,
      evidence: c.evidence.map(({ inclusionProof, ...e }) => ({ ...e, proofLength: inclusionProof.length })),
    })),
  };
}

function adapterSuite(name: string, open: () => Promise<Store>, close: (s: Store) => Promise<void>) {
  describe(name, () => {
    let followedStore: Store;
    let fullStore: Store;
    beforeAll(async () => {
      followedStore = await open();
      fullStore = await open();
    }, 60_000);
    afterAll(async () => {
      await close(followedStore);
      await close(fullStore);
    });

    it('follows filings, merges, splits, workflows and the clock as a full read sees them', async () => {
      const random = seededRandom(20261129);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const points = samplePoints(random);
      const span = FollowedSpan.of(followedStore)!;
      expect(span).not.toBeNull();
      const live = new Map<string, Spec>();
      const absorbed = new Map<string, string>();
      const workflowStep = new Map<string, number>();
      let nowMs = T0;
      // Workflow steps keep their order in time when the clock is set back.
      let stepAt = T0;
      let opened = 0;
      let alerts = 0;
      let consultations = 0;
      let warnings = 0;
      let merges = 0;
      let splits = 0;
      let steps = 0;
      const both = async (fn: (store: Store) => Promise<unknown>) => {
        await fn(followedStore);
        await fn(fullStore);
      };
      const record = (events: LedgerEvent[]) =>
        both((store) => store.write((tx) => tx.record(events.map((event) => ({ event })))));
      const newSpec = (): Spec => {
        // Mostly recent; now and then one already older than the threshold part or the span.
        const age = random() < 0.85 ? random() * 2 * H : random() * 12 * H;
        const toMs = nowMs - age;
        return {
          id: `inc-${++opened}`,
          at: pick(points),
          fromMs: toMs - random() * 10 * MIN,
          toMs,
          count: 1 + Math.floor(random() * 20),
          weapon: random() < 0.1 ? 'mlrs' : 'artillery',
          violation: random() < 0.8,
          aliases: [],
        };
      };

      for (let round = 0; round < 70; round++) {
        nowMs += random() < 0.08 ? -40 * MIN : Math.round((5 + random() * 40) * MIN);
        const actions = 1 + Math.floor(random() * 6);
        for (let a = 0; a < actions; a++) {
          const r = random();
          const ids = [...live.keys()];
          if (r < 0.4 || ids.length < 3) {
            const s = newSpec();
            live.set(s.id, s);
            await record([incidentEvent('opened', s, nowMs)]);
          } else if (r < 0.6) {
            // An update: later reports extend the window, move the place, change the count.
            const s = live.get(pick(ids))!;
            if (random() < 0.7) s.toMs = Math.max(s.toMs, nowMs - random() * 30 * MIN);
            if (random() < 0.3) s.at = pick(points);
            if (random() < 0.3) s.violation = !s.violation;
            s.count += 1;
            await record([incidentEvent('updated', s, nowMs)]);
          } else if (r < 0.7) {
            const target = live.get(pick(ids))!;
            const gone = live.get(pick(ids.filter((id) => id !== target.id)))!;
            live.delete(gone.id);
            for (const alias of [gone.id, ...gone.aliases]) absorbed.set(alias, target.id);
            target.aliases = [...target.aliases, gone.id, ...gone.aliases];
            target.toMs = Math.max(target.toMs, gone.toMs);
            target.fromMs = Math.min(target.fromMs, gone.fromMs);
            target.count = Math.max(target.count, gone.count);
            merges++;
            await record([incidentEvent('merged', target, nowMs, { absorbedId: gone.id })]);
          } else if (r < 0.75 && absorbed.size > 0) {
            // A split reclaims an absorbed id; the incident it leaves forgets the alias.
            const [id, fromId] = pick([...absorbed.entries()]);
            const from = live.get(fromId)!;
            absorbed.delete(id);
            from.aliases = from.aliases.filter((x) => x !== id);
            const s: Spec = { ...newSpec(), id, aliases: [] };
            opened--;
            live.set(id, s);
            splits++;
            await record([
              incidentEvent('split', s, nowMs, { fromIncidentId: fromId }),
              incidentEvent('updated', from, nowMs),
            ]);
          } else {
            // A recent incident verified (five steps), or reopened and verified again (three).
            const recent = ids.filter((x) => live.get(x)!.toMs > nowMs - 2 * H);
            const id = pick(recent.length > 0 ? recent : ids);
            const k = workflowStep.get(id) ?? 0;
            const until = k < 5 ? 5 : STEPS.length;
            for (let j = k; j < until; j++) {
              const [role, command] = STEPS[j]!;
              steps++;
              stepAt = Math.max(stepAt + 1, nowMs);
              await both((store) =>
                applyWorkflowCommand(store, agreement, id, command, { id: role, role: role === 'chief' ? 'chief' : 'analyst' }, stepAt),
              );
            }
            workflowStep.set(id, until);
          }
        }

        // A run: the followed span equals a fresh full read, and so do the alerts raised.
        const from = nowMs - SPAN_MS;
        const thresholdFrom = nowMs - THRESHOLD_MS;
        expect(canonical(await span.read(agreement, from, thresholdFrom))).toEqual(
          canonical(await fullSpanRead(followedStore).read(agreement, from, thresholdFrom)),
        );
        const followed = await raiseDueAlerts(followedStore, agreement, nowMs, POLICY, span);
        const full = await raiseDueAlerts(fullStore, agreement, nowMs, POLICY);
        expect(await comparable(followedStore, followed)).toEqual(await comparable(fullStore, full));
        alerts += followed.alerts.length;
        consultations += followed.consultations.length;
        warnings += followed.warnings.length;
      }
      // The run did exercise what it is meant to.
      expect(merges).toBeGreaterThan(5);
      expect(splits).toBeGreaterThan(2);
      expect(steps).toBeGreaterThan(20);
      expect(alerts).toBeGreaterThan(3);
      expect(consultations).toBeGreaterThan(0);
      expect(warnings).toBeGreaterThan(0);
      expect(span.size).toBeGreaterThan(0);
    }, 120_000);

    it('reads again after another agreement or a failed read, and a store without the column read is read whole', async () => {
      const span = FollowedSpan.of(followedStore)!;
      const at = T0 + 30 * H;
      const other = { ...agreement, sectors: agreement.sectors.slice(1) };
      for (const a of [agreement, other, agreement])
        expect(canonical(await span.read(a, at - SPAN_MS, at - THRESHOLD_MS))).toEqual(
          canonical(await fullSpanRead(followedStore).read(a, at - SPAN_MS, at - THRESHOLD_MS)),
        );
      // A read that fails half-way (a store error) is followed by a whole one.
      let fail = true;
      const flaky = Object.create(followedStore, {
        getIncident: {
          value: async (id: string) => {
            if (fail) throw new Error('connection lost');
            return followedStore.getIncident!(id);
          },
        },
      }) as Store;
      const again = FollowedSpan.of(flaky)!;
      await again.read(agreement, at - SPAN_MS - H, at - THRESHOLD_MS - H);
      await followedStore.write((tx) => tx.record([incidentEvent('opened', { id: 'inc-late', at: [20, 40], fromMs: at - H, toMs: at - H, count: 1, weapon: 'mlrs', violation: true, aliases: [] }, at)].map((event) => ({ event }))));
      await expect(again.read(agreement, at - SPAN_MS, at - THRESHOLD_MS)).rejects.toThrow('connection lost');
      fail = false;
      expect(canonical(await again.read(agreement, at - SPAN_MS, at - THRESHOLD_MS))).toEqual(
        canonical(await fullSpanRead(followedStore).read(agreement, at - SPAN_MS, at - THRESHOLD_MS)),
      );
      const bare = Object.create(followedStore, { incidentColumns: { value: undefined } }) as Store;
      expect(FollowedSpan.of(bare)).toBeNull();
    });
  });
}

await onBothAdapters('alert span', adapterSuite);
