/**
 * What a run of raiseDueAlerts (raise.ts) reads of the stored incidents: every incident of its
 * span (the early warning's baseline and recent window, or the longest threshold window plus the
 * lookback, whichever is longer) as the early warning counts it, and the incidents of the
 * threshold part as escalation reads them, with their workflows.
 *
 * Two ways to read it, with the same answer:
 *
 * - `fullSpanRead`: the whole span from pages of Store.queryIncidents and each recent incident's
 *   workflow, on every run (a store without Store.incidentColumns is always read so);
 * - `FollowedSpan`: the span loaded once and then followed through Store.incidentColumns, which
 *   names the incidents changed since a ledger index (by their own `incident.*` events or by
 *   their workflow) and the ids merges absorbed: a run reads only those incidents again (and
 *   the workflows of those in the threshold part), and drops incidents that left the span. The
 *   alert scheduler keeps one for its runs.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import type { EscalationIncident } from '../../domain/escalation/index.js';
import type { Store, StoredIncident } from '../../store/port.js';
import {
  escalationEntry,
  escalationIncidents,
  sectorLocator,
  storedIncidentsSince,
  type EscalationEntry,
  type EvidenceIndex,
} from './incidents.js';

/** An incident as the early warning counts it. */
export interface CountedIncident {
  /** The agreement sector holding its location, or null. */
  readonly sectorId: string | null;
  /** The end of its window (epoch ms). */
  readonly toMs: number;
  /** Its fused count. */
  readonly count: number;
}

export interface SpanIncidents extends EvidenceIndex {
  /** Every incident whose window ends at or after the span's start. */
  readonly counted: readonly CountedIncident[];
  /** The incidents whose window ends after the threshold part's start, as escalation reads them. */
  readonly incidents: readonly EscalationIncident[];
}

export interface SpanRead {
  /**
   * The span from `fromMs`, and its threshold part from `thresholdFromMs` (≥ fromMs), as the
   * store holds them now.
   */
  read(
    agreement: Pick<Agreement, 'sectors'>,
    fromMs: number,
    thresholdFromMs: number,
  ): Promise<SpanIncidents>;
}

const toMsOf = (s: StoredIncident) => Date.parse(s.incident.window.to);

/** The span read whole from the store on every call. */
export function fullSpanRead(store: Store): SpanRead {
  return {
    async read(agreement, fromMs, thresholdFromMs) {
      const stored = await storedIncidentsSince(store, fromMs);
      const sectorOf = sectorLocator(agreement);
      const counted = stored.map((s) => ({
        sectorId: sectorOf(s.incident.location),
        toMs: toMsOf(s),
        count: s.incident.count,
      }));
      const recent = stored.filter((s) => toMsOf(s) > thresholdFromMs);
      return { counted, ...(await escalationIncidents(store, agreement, recent)) };
    },
  };
}

interface Entry {
  readonly counted: CountedIncident;
  /** Null while the incident lies before the threshold part. */
  escalation: EscalationEntry | null;
}

/** Changes asked for per Store.incidentColumns page. */
const CHUNK = 5000;

type FollowableStore = Store & Required<Pick<Store, 'incidentColumns' | 'getIncident'>>;

/**
 * The span's incidents held in memory and followed through Store.incidentColumns. One caller
 * at a time (the scheduler's runs never overlap). A call for an earlier start than the last
 * (a clock set back), with another agreement, or after a call that failed loads the span again.
 */
export class FollowedSpan implements SpanRead {
  private readonly entries = new Map<string, Entry>();
  /** Ledger index of the last change taken in (-1: none yet). */
  private through = -1;
  private fromMs = Infinity;
  private thresholdFromMs = Infinity;
  private agreement: Pick<Agreement, 'sectors'> | null = null;
  private sectorOf: (lonLat: readonly [number, number]) => string | null = () => null;

  constructor(private readonly store: FollowableStore) {}

  /** The store's followed span, or null when the store cannot name its changed incidents. */
  static of(store: Store): FollowedSpan | null {
    return store.incidentColumns && store.getIncident && store.queryIncidents
      ? new FollowedSpan(store as FollowableStore)
      : null;
  }

  /** Incidents held (the span's, as of the last read). */
  get size(): number {
    return this.entries.size;
  }

  async read(
    agreement: Pick<Agreement, 'sectors'>,
    fromMs: number,
    thresholdFromMs: number,
  ): Promise<SpanIncidents> {
    try {
      if (
        agreement !== this.agreement ||
        fromMs < this.fromMs ||
        thresholdFromMs < this.thresholdFromMs
      )
        await this.load(agreement, fromMs, thresholdFromMs);
      else await this.follow(fromMs, thresholdFromMs);
    } catch (err) {
      // A read that failed half-way may have taken in changes it did not finish: load again.
      this.agreement = null;
      this.entries.clear();
      throw err;
    }
    this.fromMs = fromMs;
    this.thresholdFromMs = thresholdFromMs;

    const counted: CountedIncident[] = [];
    const incidents: EscalationIncident[] = [];
    const findingLedgerIndex = new Map<string, { incidentId: string; ledgerIndex: number }>();
    for (const [id, e] of this.entries) {
      const { toMs } = e.counted;
      // Left the span (the change that moved it is taken in above; time alone only ages it).
      if (!(toMs >= fromMs)) {
        this.entries.delete(id);
        continue;
      }
      counted.push(e.counted);
      if (!(toMs > thresholdFromMs)) {
        e.escalation = null;
        continue;
      }
      const x = e.escalation!;
      incidents.push(x.incident);
      for (const [findingId, at] of x.findings) findingLedgerIndex.set(findingId, at);
    }
    return { counted, incidents, findingLedgerIndex };
  }

  private async entry(s: StoredIncident, thresholdFromMs: number): Promise<Entry> {
    const sectorId = this.sectorOf(s.incident.location);
    const toMs = toMsOf(s);
    return {
      counted: { sectorId, toMs, count: s.incident.count },
      escalation: toMs > thresholdFromMs ? await escalationEntry(this.store, s, sectorId) : null,
    };
  }

  /**
   * Reads the span whole. The ledger's size is taken first: every change at or past it is then
   * followed, so a change committed while the pages are read is read again at the next call.
   */
  private async load(
    agreement: Pick<Agreement, 'sectors'>,
    fromMs: number,
    thresholdFromMs: number,
  ): Promise<void> {
    this.agreement = agreement;
    this.sectorOf = sectorLocator(agreement);
    this.entries.clear();
    const size = await this.store.ledger.size();
    for (const s of await storedIncidentsSince(this.store, fromMs))
      this.entries.set(s.incident.id, await this.entry(s, thresholdFromMs));
    this.through = size - 1;
  }

  /** Takes in the incidents changed and absorbed since the last call. */
  private async follow(fromMs: number, thresholdFromMs: number): Promise<void> {
    // The changed incidents' ids with their window's end, in ledger order; an id absorbed after
    // it changed is no incident of its own any more (a split that reclaims it changes it again).
    const changed = new Map<string, number>();
    for (;;) {
      const page = await this.store.incidentColumns(this.through, CHUNK);
      for (const id of page.absorbed) {
        changed.delete(id);
        this.entries.delete(id);
      }
      for (const row of page.changed) changed.set(row[1], row[5]);
      this.through = Math.max(this.through, page.through);
      if (!page.more) break;
    }
    for (const [id, toMs] of changed) {
      const s = toMs >= fromMs ? await this.store.getIncident(id) : null;
      // Gone from the span, or absorbed since the page was read (its absorber is a change the
      // next call takes in): no incident of the span under this id.
      if (!s || s.incident.id !== id || !(toMsOf(s) >= fromMs)) this.entries.delete(id);
      else this.entries.set(id, await this.entry(s, thresholdFromMs));
    }
  }
}
