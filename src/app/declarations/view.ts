/**
 * Who reads what of a declaration. Declarations are exchanged among the parties (the Vienna
 * Document's annual exchange goes to every participating State), so the mission, both parties'
 * liaisons and the guarantors read every declaration; the finding candidates are the mission's
 * working material and go only to mission staff and the declaring party. The public reads none.
 */
import type { StoredDeclaration } from '../../store/deconfliction-records.js';

export interface DeclarationReader {
  readonly role: string;
  readonly party: string | null;
}

const MISSION = ['monitor', 'analyst', 'chief', 'admin'];

export function mayReadDeclarations(r: DeclarationReader): boolean {
  return MISSION.includes(r.role) || r.role === 'liaison' || r.role === 'guarantor';
}

export function mayReadCandidates(r: DeclarationReader, d: StoredDeclaration): boolean {
  return MISSION.includes(r.role) || (r.role === 'liaison' && r.party === d.declaration.party);
}

/** The declaration as this reader may see it: without `candidates` when it may not read them. */
export function declarationView(
  d: StoredDeclaration,
  r: DeclarationReader,
): Omit<StoredDeclaration, 'candidates'> & { candidates?: StoredDeclaration['candidates'] } {
  if (mayReadCandidates(r, d)) return d;
  const { candidates: _hidden, ...rest } = d;
  return rest;
}
