/**
 * Who may see an incident, from who may see its members (the rules of src/server/authz.ts for
 * observations): an incident is public only when every member is; it belongs to one party's
 * compartment only when every member is that party's confidential filing; otherwise it is the
 * mission's. So an incident never shows a caller a report the caller could not read by id.
 */
import type { Observation } from '../../domain/observation/types.js';
import type { IncidentVisibility } from '../../store/port.js';

export interface IncidentCompartment {
  readonly visibility: IncidentVisibility;
  /** The party of a 'party-confidential' incident; else null. */
  readonly party: string | null;
  /**
   * Whether the incident's ledger event must be sealed: it names a party's confidential filing
   * (id, source, count), which the public log must not reveal (docs/ARCHITECTURE.md, "The ledger").
   */
  readonly confidential: boolean;
}

export function incidentCompartment(members: readonly Observation[]): IncidentCompartment {
  const vis = (o: Observation) => o.visibility ?? 'mission';
  const confidential = members.some((o) => vis(o) === 'party-confidential');
  if (members.length > 0 && members.every((o) => vis(o) === 'public')) {
    return { visibility: 'public', party: null, confidential };
  }
  const parties = new Set(members.map((o) => (vis(o) === 'party-confidential' ? (o.source.party ?? null) : undefined)));
  const [only] = [...parties];
  if (parties.size === 1 && typeof only === 'string') {
    return { visibility: 'party-confidential', party: only, confidential };
  }
  return { visibility: 'mission', party: null, confidential };
}
