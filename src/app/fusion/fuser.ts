/**
 * The mission's fusion, live: one FusionEngine fed every observation the mission stores, each
 * changed incident assessed (assess.ts) and the changes recorded as `incident.*` ledger events in
 * one write transaction per batch (docs/ARCHITECTURE.md, "How one transaction is kept").
 *
 * Clock. The engine forgets incidents a window (default 6 h) after their reports end, by the
 * clock it is given. Fusion's clock is the data's: the latest end of a stated window seen so far,
 * never later than the intake time. Live reports end minutes before they are filed, so this is
 * the wall clock less a little; an import of last month's file fuses as it happened instead of
 * finding every incident already expired.
 *
 * Failure. Fusion never fails an intake: `afterStored` does not throw. An engine error on one
 * observation is logged and that observation stays unfused (the rest of the batch goes on); an
 * error while assessing or recording is logged and nothing is recorded for that batch. The
 * observations are stored either way; the incidents that batch changed are brought up to date
 * by their next change (every event carries the whole snapshot).
 *
 * Claims. The engine matches a party's claim again once the reports have come past its window,
 * which it learns only from a later report; `settle(wallMs)` also settles the claims received an
 * allowance (10 min) before the wall clock, so that a claim filed in a quiet hour joins its
 * incident without waiting for the next report. A fuser started by the fusion duty runs it on a
 * timer (`settleEvery`, every minute) until `close()`. The allowance counts from each claim's
 * receipt, so an import of old data is not settled early.
 *
 * Restart. `warm(nowMs)` replays the stored observations of the last window into a fresh engine
 * without recording anything, so reports arriving after a restart join the incidents they
 * belong to instead of opening duplicates. The last window is the one before the wall clock and,
 * when the data stored last are older (an import of old data, stopped and run again), the one
 * before their own clock.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { ErrorScale, LinePrior } from '../../domain/assessment/index.js';
import {
  DEFAULT_WINDOW_MS,
  FusionEngine,
  statedWindowMs,
  type FusionChange,
  type FusionOptions,
  type Incident,
} from '../../domain/fusion/index.js';
import type { Observation } from '../../domain/observation/types.js';
import type { IncidentAssessment, IncidentEventData, RecordInput, Store } from '../../store/port.js';
import type { LedgerEvent } from '../events/event.js';
import { assessIncident, type AssessOptions } from './assess.js';
import { planIncidentEvents } from './plan-events.js';
import { replayIncidents, replayObservations, replayWindows } from './replay.js';
import { incidentCompartment } from './visibility.js';

export interface IncidentFuserOptions extends FusionOptions, AssessOptions {
  /** Where errors go (they never reach the caller); default: stderr. */
  readonly log?: (message: string, err?: unknown) => void;
  /** The ledger actor of incident events; default 'system'. */
  readonly actor?: string;
  /** How often `settleEvery` settles claims on the wall clock, ms; default 60 s. */
  readonly claimSettleEveryMs?: number;
}

export interface FuseOutcome {
  /** Observations given to the engine. */
  readonly fused: number;
  /** Observations the engine failed on (logged, left unfused). */
  readonly engineErrors: number;
  /** Ledger events recorded (0 when the batch failed to record). */
  readonly events: number;
  /** Whether assessing or recording failed, so nothing was recorded. */
  readonly failed: boolean;
}

export interface FuserStats {
  observations: number;
  engineErrors: number;
  events: number;
  failedBatches: number;
}

/**
 * Incidents whose window ended this long before the window's start are forgotten by the fuser
 * even if the engine has not let them go: an engine error in the middle of an add can leave an
 * incident unindexed and never evicted (BENCHMARKS.md, "Fusion quality"), and the fuser's
 * own maps must stay bounded by the window all the same.
 */
const SWEEP_MARGIN_MS = 6 * 3600_000;
const SWEEP_EVERY = 1024;
export const DEFAULT_CLAIM_SETTLE_EVERY_MS = 60_000;

export class IncidentFuser {
  private readonly engine: FusionEngine;
  private readonly windowMs: number;
  private readonly log: (message: string, err?: unknown) => void;
  private readonly assess: AssessOptions;
  /** Members of live incidents, by id (assessment needs the reports, the engine hides them). */
  private readonly observations = new Map<string, Observation>();
  /** The latest snapshot of each live incident, to forget its members when it leaves the window. */
  private readonly live = new Map<string, Incident>();
  private clockMs = -Infinity;
  private adds = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Members of incidents that left the window during the batch in hand (see forget). */
  private forgotten: string[] = [];
  private settleTimer: NodeJS.Timeout | null = null;
  readonly stats: FuserStats = { observations: 0, engineErrors: 0, events: 0, failedBatches: 0 };

  constructor(
    private readonly store: Store,
    private readonly agreement: Agreement,
    private readonly options: IncidentFuserOptions = {},
  ) {
    this.engine = new FusionEngine(options);
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    // The origin is read with the same region rules fusion used, unless told otherwise.
    const { minRadiusM, minBearingWidthDeg, bearingOnlyRangeM, triangulation } = options;
    const regions = Object.fromEntries(Object.entries({ minRadiusM, minBearingWidthDeg, bearingOnlyRangeM, triangulation }).filter(([, v]) => v !== undefined));
    // One measure of the reports' understated errors for the mission, learnt as origins are assessed.
    this.assess = {
      ...options,
      origin: options.origin ?? regions,
      errorScale: options.errorScale ?? new ErrorScale(),
      linePrior: options.linePrior ?? new LinePrior(),
    };
    this.log = options.log ?? ((message, err) => process.stderr.write(`truceline: fusion: ${message}${err ? `: ${(err as Error).message ?? String(err)}` : ''}\n`));
  }

  /** A fuser for the mission, warmed from the store's observations of the last window. */
  static async start(mission: { store: Store; agreement: Agreement }, options: IncidentFuserOptions & { nowMs?: number } = {}): Promise<IncidentFuser> {
    const fuser = new IncidentFuser(mission.store, mission.agreement, options);
    await fuser.warm(options.nowMs ?? Date.now());
    return fuser;
  }

  /** Party claims still waiting for the wall clock to settle them (`settle`), unless a later report does. */
  get claimsWaiting(): number {
    return this.engine.claimsWaiting;
  }

  /** Live incidents and observations held in memory (bounded by the window). */
  get size(): { incidents: number; observations: number } {
    return { incidents: this.engine.size, observations: this.observations.size };
  }

  /**
   * Fuses observations just stored (in the order stored) and records what changed. `nowMs` is the
   * intake time. Batches are fused one after another in call order. Never throws. Bound, so it
   * can be handed on as a hook (`afterStored: fuser.afterStored`).
   */
  readonly afterStored = (observations: readonly Observation[], nowMs: number): Promise<FuseOutcome> =>
    this.serially(() => this.fuseBatch(observations, nowMs));

  /**
   * Settles the claims due by the wall clock `wallMs` (FusionEngine.settleDue) and records what
   * changed, after the batches before it; an incident already stored with the same members (a
   * settle recorded before a restart, replayed by `warm`) is not recorded again. Never throws.
   */
  settle(wallMs: number): Promise<FuseOutcome> {
    return this.serially(() => this.settleNow(wallMs));
  }

  /** Runs `work` after everything queued before it; logs (never throws) an unexpected failure. */
  private serially(work: () => Promise<FuseOutcome>): Promise<FuseOutcome> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run.catch((err: unknown) => {
      this.log('unexpected failure', err);
      return { fused: 0, engineErrors: 0, events: 0, failed: true };
    });
  }

  /**
   * Settles claims on the wall clock `now` every `everyMs` (default: the option
   * `claimSettleEveryMs`, 60 s) until `close()`. The timer does not keep the process alive.
   */
  settleEvery(everyMs: number = this.options.claimSettleEveryMs ?? DEFAULT_CLAIM_SETTLE_EVERY_MS, now: () => number = Date.now): void {
    if (this.settleTimer) clearInterval(this.settleTimer);
    this.settleTimer = null;
    if (!(everyMs > 0)) return;
    this.settleTimer = setInterval(() => void this.settle(now()), everyMs);
    this.settleTimer.unref();
  }

  /** Stops the settling timer and waits for the fusion in hand. */
  async close(): Promise<void> {
    if (this.settleTimer) clearInterval(this.settleTimer);
    this.settleTimer = null;
    await this.queue;
  }

  /**
   * Replays the stored observations of the last window into the engine, recording nothing
   * (replay.ts). Returns how many were replayed.
   */
  async warm(nowMs: number): Promise<number> {
    let n = 0;
    for await (const s of replayObservations(this.store, await replayWindows(this.store, nowMs, this.windowMs))) {
      try {
        this.add(s.observation, Date.parse(s.receivedAt));
        n++;
      } catch (err) {
        this.stats.engineErrors++;
        this.log(`observation ${s.observation.id} left unfused while warming`, err);
      }
    }
    this.flushForgotten();
    return n;
  }

  /**
   * A warm start that also finishes what a stopped process left undone. Replays, in commit order,
   * the observations of the last window stored up to row `throughRid`: one that is a member of a
   * recorded incident goes into the engine without recording anything (as `warm` does); one that
   * is not was stored and never fused (its process died in between, or fusion was not running),
   * so it is fused now and the incidents it changes are recorded, as they stand once the window
   * is replayed. Rows after `throughRid` are left to the caller (FusionFollower follows them).
   * Claims due by the wall clock `nowMs` are then settled; what that changes is recorded unless
   * the stopped process had recorded it (the stored incident has the same members).
   */
  async recover(nowMs: number, throughRid: number): Promise<{ replayed: number; recovered: number; events: number }> {
    const windows = await replayWindows(this.store, nowMs, this.windowMs);
    const fused = new Set<string>();
    const recorded = new Map<string, string>();
    for await (const s of replayIncidents(this.store, windows)) {
      for (const id of s.incident.observationIds) fused.add(id);
      recorded.set(s.incident.id, membersKey(s.incident));
    }
    const changed: FusionChange[] = [];
    let replayed = 0;
    let recovered = 0;
    for await (const s of replayObservations(this.store, windows)) {
      if (s.rid !== undefined && s.rid > throughRid) continue;
      try {
        const changes = this.add(s.observation, Date.parse(s.receivedAt));
        if (fused.has(s.observation.id)) replayed++;
        else {
          recovered++;
          changed.push(...changes);
        }
      } catch (err) {
        this.stats.engineErrors++;
        this.log(`observation ${s.observation.id} left unfused while warming`, err);
      }
    }
    try {
      for (const c of this.track(this.engine.settleDue(nowMs))) if (recorded.get(c.incidentId) !== membersKey(c.incident)) changed.push(c);
    } catch (err) {
      this.stats.engineErrors++;
      this.log('claims left unsettled while warming', err);
    }
    if (changed.length === 0) {
      this.flushForgotten();
      return { replayed, recovered, events: 0 };
    }
    // Record each changed incident as it stands now, after the whole window was replayed.
    const current = changed.map((c) => ({ ...c, incident: this.live.get(c.incidentId) ?? c.incident }));
    const inputs = this.eventsFor(current, new Date(nowMs).toISOString());
    this.flushForgotten();
    if (inputs.length > 0) await this.store.write((tx) => tx.record(inputs));
    this.stats.events += inputs.length;
    return { replayed, recovered, events: inputs.length };
  }

  private async fuseBatch(observations: readonly Observation[], nowMs: number): Promise<FuseOutcome> {
    const changes: FusionChange[] = [];
    let engineErrors = 0;
    for (const o of observations) {
      try {
        changes.push(...this.add(o, nowMs));
      } catch (err) {
        engineErrors++;
        this.log(`observation ${o.id} left unfused`, err);
      }
    }
    this.stats.observations += observations.length;
    this.stats.engineErrors += engineErrors;
    const { events, failed } = await this.record(changes, nowMs, `a batch of ${observations.length} observations`);
    return { fused: observations.length, engineErrors, events, failed };
  }

  private async settleNow(wallMs: number): Promise<FuseOutcome> {
    let changes: FusionChange[];
    try {
      changes = this.track(this.engine.settleDue(wallMs));
    } catch (err) {
      // Logged; the incidents concerned are brought up to date by their next change.
      this.stats.engineErrors++;
      this.log('claims left unsettled', err);
      return { fused: 0, engineErrors: 1, events: 0, failed: false };
    }
    let fresh: FusionChange[];
    try {
      fresh = await this.unrecorded(changes);
    } catch (err) {
      this.flushForgotten();
      this.stats.failedBatches++;
      this.log('recorded nothing for claims settled on the wall clock', err);
      return { fused: 0, engineErrors: 0, events: 0, failed: true };
    }
    const { events, failed } = await this.record(fresh, wallMs, 'claims settled on the wall clock');
    return { fused: 0, engineErrors: 0, events, failed };
  }

  /** `changes` less those whose incident is stored with the same members. */
  private async unrecorded(changes: readonly FusionChange[]): Promise<FusionChange[]> {
    const getIncident = this.store.getIncident?.bind(this.store);
    if (!getIncident || changes.length === 0) return [...changes];
    const out: FusionChange[] = [];
    for (const c of changes) {
      const stored = await getIncident(c.incidentId);
      if (!stored || stored.incident.id !== c.incidentId || membersKey(stored.incident) !== membersKey(c.incident)) out.push(c);
    }
    return out;
  }

  /** Assesses and records `changes` at `nowMs` in one transaction; logs (never throws) a failure. */
  private async record(changes: readonly FusionChange[], nowMs: number, what: string): Promise<{ events: number; failed: boolean }> {
    if (changes.length === 0) {
      this.flushForgotten();
      return { events: 0, failed: false };
    }
    try {
      let inputs: RecordInput[];
      try {
        inputs = this.eventsFor(changes, new Date(nowMs).toISOString());
      } finally {
        this.flushForgotten();
      }
      await this.store.write((tx) => tx.record(inputs));
      this.stats.events += inputs.length;
      return { events: inputs.length, failed: false };
    } catch (err) {
      this.stats.failedBatches++;
      this.log(`recorded nothing for ${what}`, err);
      return { events: 0, failed: true };
    }
  }

  /**
   * Adds one observation received at `capMs` at the data clock (see the module comment); keeps
   * the member maps.
   */
  private add(o: Observation, capMs: number): FusionChange[] {
    const endMs = statedWindowMs(o).toMs;
    this.clockMs = Math.max(this.clockMs, Math.min(endMs, capMs));
    // Advance first, so the incidents that leave the window are known (add would drop them silently).
    for (const id of this.engine.advance(this.clockMs)) this.forget(id);
    this.observations.set(o.id, o);
    let changes: FusionChange[];
    try {
      changes = this.engine.add(o, this.clockMs, capMs);
    } catch (err) {
      this.observations.delete(o.id);
      throw err;
    }
    this.track(changes);
    if (++this.adds % SWEEP_EVERY === 0) this.sweep();
    return changes;
  }

  /** Keeps the latest snapshot of each live incident; returns `changes`. */
  private track(changes: FusionChange[]): FusionChange[] {
    for (const c of changes) {
      if (c.kind === 'merged') {
        this.live.delete(c.absorbedId);
        this.assess.linePrior?.release(c.absorbedId, true);
      }
      this.live.set(c.incidentId, c.incident);
    }
    return changes;
  }

  private sweep(): void {
    const cutoff = this.clockMs - this.windowMs - SWEEP_MARGIN_MS;
    for (const [id, inc] of this.live) if (Date.parse(inc.window.to) < cutoff) this.forget(id);
  }

  /**
   * An incident left the window: its member observations go too, but only once the batch in hand
   * is recorded (flushForgotten), since a change made to it earlier in the same batch is still
   * to be assessed and recorded from those members (their places, sides and visibility).
   */
  private forget(id: string): void {
    const inc = this.live.get(id);
    if (!inc) return;
    this.live.delete(id);
    this.assess.linePrior?.release(id);
    this.forgotten.push(...inc.observationIds);
  }

  private flushForgotten(): void {
    for (const m of this.forgotten) this.observations.delete(m);
    this.forgotten = [];
  }

  private eventsFor(changes: readonly FusionChange[], at: string): RecordInput[] {
    const assessed = new WeakMap<Incident, IncidentAssessment>();
    return planIncidentEvents(changes).map((p) => {
      const members = p.incident.observationIds.flatMap((id) => this.observations.get(id) ?? []);
      let assessment = assessed.get(p.incident);
      if (!assessment) {
        assessment = assessIncident(p.incident, members, this.agreement, this.assess);
        assessed.set(p.incident, assessment);
      }
      const { visibility, party, confidential } = incidentCompartment(members);
      const data: IncidentEventData = {
        incident: p.incident,
        assessment,
        visibility,
        party,
        reason: p.reason,
        observationIds: p.observationIds,
        ...(p.absorbedId !== undefined ? { absorbedId: p.absorbedId } : {}),
        ...(p.fromIncidentId !== undefined ? { fromIncidentId: p.fromIncidentId } : {}),
      };
      const event: LedgerEvent = { v: 1, type: `incident.${p.kind}`, at, actor: this.options.actor ?? 'system', data: data as unknown as LedgerEvent['data'] };
      return confidential ? { event, confidential: true } : { event };
    });
  }
}

const membersKey = (incident: Incident): string => [...incident.observationIds].sort().join('\n');
