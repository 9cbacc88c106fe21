/**
 * From what the engine reported for a batch (FusionChange[], in order) to the ledger events that
 * record it. Every merge and split is its own event, with the engine's reason. Runs of
 * opened/joined/updated about one incident are folded into the last of them (its snapshot is the
 * newest), so a barrage reported forty times in one batch is one event, not forty; an event keeps
 * every report and reason folded into it. A change that opened an incident is never folded into
 * a merge (nor into the join just before one), so the log shows an incident opened before it
 * absorbs anything.
 */
import type { FusionChange, Incident } from '../../domain/fusion/index.js';
import type { IncidentEventKind } from '../../store/port.js';

export interface PlannedEvent {
  readonly kind: IncidentEventKind;
  /** The engine's snapshot after the add call of the change the event stands for. */
  readonly incident: Incident;
  readonly reason: string;
  readonly observationIds: readonly string[];
  readonly absorbedId?: string;
  readonly fromIncidentId?: string;
}

type Simple = Extract<FusionChange, { kind: 'opened' | 'joined' | 'updated' }>;

const isSimple = (c: FusionChange): c is Simple => c.kind === 'opened' || c.kind === 'joined' || c.kind === 'updated';

/** The ids a change concerns: the incident it is about, and the one absorbed or left. */
function concerns(c: FusionChange, id: string): boolean {
  if (c.incidentId === id) return true;
  if (c.kind === 'merged') return c.absorbedId === id;
  if (c.kind === 'split') return c.fromIncidentId === id;
  return false;
}

interface Carried {
  opened: boolean;
  reasons: string[];
  observationIds: string[];
}

export function planIncidentEvents(changes: readonly FusionChange[]): PlannedEvent[] {
  const out: PlannedEvent[] = [];
  const carried = new Map<number, Carried>();
  changes.forEach((c, i) => {
    const own: Carried = carried.get(i) ?? { opened: false, reasons: [], observationIds: [] };
    if (!isSimple(c)) {
      out.push(
        c.kind === 'merged'
          ? { kind: 'merged', incident: c.incident, reason: c.reason, observationIds: [c.observationId], absorbedId: c.absorbedId }
          : { kind: 'split', incident: c.incident, reason: c.reason, observationIds: [...c.observationIds], fromIncidentId: c.fromIncidentId },
      );
      return;
    }
    const merged: Carried = {
      opened: own.opened || c.kind === 'opened',
      reasons: [...own.reasons, c.kind === 'updated' ? c.reason : `${c.observationId}: ${c.reason}`],
      observationIds: c.kind === 'updated' ? own.observationIds : [...own.observationIds, c.observationId],
    };
    let next = -1;
    for (let j = i + 1; j < changes.length; j++) {
      if (concerns(changes[j]!, c.incidentId)) {
        next = j;
        break;
      }
    }
    const n = next >= 0 ? changes[next]! : null;
    // An opening is not carried into the join of a report that then merges: that join's snapshot
    // already lists the absorbed incident, which the log should show only after the merge.
    const mergesNext = (j: number) => {
      const m = changes[j + 1];
      return m?.kind === 'merged' && m.incidentId === c.incidentId;
    };
    if (n && n.incidentId === c.incidentId && isSimple(n) && !(merged.opened && mergesNext(next))) {
      carried.set(next, merged);
      return;
    }
    // A join whose report then merged incidents is told by the merge event (same report, same
    // snapshot, a reason naming both links); an opening is always kept.
    if (n && n.kind === 'merged' && n.incidentId === c.incidentId && !merged.opened && c.kind === 'joined' && n.observationId === c.observationId && merged.reasons.length === 1) return;
    out.push({
      kind: merged.opened ? 'opened' : 'updated',
      incident: c.incident,
      reason: merged.reasons.join('; '),
      observationIds: merged.observationIds,
    });
  });
  return out;
}
