/**
 * How many members an incident can hold: it is recorded whole in one ledger entry.
 */
import type { LiveIncident } from './live-incident.js';
import type { Member } from './member.js';

/**
 * An incident is recorded whole in one ledger entry, which tlog-tiles caps at 65,535 bytes; each
 * member costs about 6 times its id and 400 bytes more (its id in the member list, the per-source
 * counts and the place's evidence; measured: 100 members with 62-character ids, 70 KB). Past this
 * budget a report opens an incident of its own: that many reports of one instant and place are
 * rare, and a ledger entry that cannot be written would stop fusion for the whole mission.
 */
export const MAX_INCIDENT_MEMBER_BYTES = 45_000;

const memberBytes = (k: Member): number => 6 * k.obs.id.length + 400;

/** Whether `live` can take `more` members and still be recorded in one ledger entry. */
export function roomFor(live: LiveIncident, more: readonly Member[]): boolean {
  // Cheap while small: 40 members with ids up to 64 characters stay well inside the budget.
  if (live.members.length + more.length <= 40 && more.every((k) => k.obs.id.length <= 64))
    return true;
  let bytes = 0;
  for (const k of live.members) bytes += memberBytes(k);
  for (const k of more) bytes += memberBytes(k);
  return bytes <= MAX_INCIDENT_MEMBER_BYTES;
}
