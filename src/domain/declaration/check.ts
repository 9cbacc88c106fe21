/**
 * All declaration checks in one call: on arrival (ceilings, previous declaration) and against
 * observations. Candidates come in that order.
 */
import type { Agreement } from '../agreement/index.js';
import type { FindingCandidate } from './candidate.js';
import { checkCeilings } from './ceilings.js';
import { compareDeclarations, type ChangeOptions } from './changes.js';
import { checkAgainstObservations, type ObservedOptions } from './observed.js';
import type { Declaration } from './schema.js';
import type { Sighting } from './sightings.js';

export interface DeclarationCheckInput {
  readonly agreement: Pick<
    Agreement,
    'parties' | 'lineOfContact' | 'withdrawalDistances' | 'ceilings'
  >;
  /** The party's previous declaration, or null for its first. */
  readonly previous?: Declaration | null;
  readonly sightings?: readonly Sighting[];
  readonly options?: ChangeOptions & ObservedOptions;
}

/** Every finding candidate for a declaration; empty when it is compliant. */
export function checkDeclaration(
  declaration: Declaration,
  input: DeclarationCheckInput,
): FindingCandidate[] {
  return [
    ...checkCeilings(declaration, input.agreement),
    ...(input.previous ? compareDeclarations(declaration, input.previous, input.options) : []),
    ...checkAgainstObservations(declaration, input.sightings ?? [], input.agreement, input.options),
  ];
}
