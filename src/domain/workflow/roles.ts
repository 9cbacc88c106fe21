/**
 * Who acts in the mission's workflows. The roles are those of docs/ARCHITECTURE.md ("Who uses
 * it"); a party liaison also names the agreement party (its id) it speaks for.
 */
export const ROLES = ['monitor', 'analyst', 'chief', 'liaison', 'guarantor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  readonly id: string;
  readonly role: Role;
  /** The agreement party id a liaison speaks for; absent for mission staff. */
  readonly party?: string;
}

/** `analyst a1`, `liaison l-ru (ru)`: how actors are named in refusals. */
export function describeActor(actor: Actor): string {
  return `${actor.role} ${actor.id}${actor.party ? ` (${actor.party})` : ''}`;
}
