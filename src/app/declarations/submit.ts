/**
 * A party's force declaration, submitted and checked on arrival (src/domain/declaration): against
 * the agreement's ceilings, the party's previous declaration (changes of 10% or more) and the
 * stored observations (sightings.ts). The declaration and its finding candidates are one ledger
 * event, `declaration.submitted`, sealed: declarations are exchanged among the parties, the
 * mission and the guarantors (Vienna Document practice), not published.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json.js';
import { partyById, type Agreement } from '../../domain/agreement/index.js';
import {
  checkAgainstObservations,
  checkDeclaration,
  parseDeclaration,
  type FindingCandidate,
} from '../../domain/declaration/index.js';
import { TrucelineError } from '../../domain/errors.js';
import type { StoredDeclaration } from '../../store/deconfliction-records.js';
import type { Store } from '../../store/port.js';
import type { LedgerEvent } from '../events/event.js';
import { sightingPeriod, storedSightings } from './sightings.js';

export type DeclarationAgreement = Pick<
  Agreement,
  'parties' | 'lineOfContact' | 'withdrawalDistances' | 'ceilings'
>;

/** Who submits: a party's liaison (its user name and party). */
export interface Declarant {
  readonly name: string;
  readonly party: string | null;
}

export interface Submitted {
  readonly declaration: StoredDeclaration;
  /** True when the same declaration was submitted before: nothing was recorded. */
  readonly duplicate: boolean;
}

function requireStore(
  store: Store,
): asserts store is Store & Required<Pick<Store, 'getDeclaration' | 'listDeclarations'>> {
  if (!store.getDeclaration || !store.listDeclarations)
    throw new TrucelineError(
      'UNAVAILABLE',
      `the ${store.kind} store does not keep declarations yet`,
    );
}

/**
 * Submits a declaration (JSON-decoded) as `by` at `nowMs`. Its id is `<party>-<asOf>`; the same
 * body again is a duplicate (a no-op), a different body under that id is an ID_CONFLICT.
 *
 * @throws TrucelineError VALIDATION (each wrong field), FORBIDDEN (not the liaison of the
 *   declared party), ID_CONFLICT.
 */
export async function submitDeclaration(
  store: Store,
  agreement: DeclarationAgreement,
  body: unknown,
  by: Declarant,
  nowMs: number,
): Promise<Submitted> {
  requireStore(store);
  const declaration = parseDeclaration(body);
  if (partyById(agreement, declaration.party) === null) {
    throw new TrucelineError(
      'VALIDATION',
      `invalid declaration: party: '${declaration.party}' is not a party to the agreement`,
      [{ path: 'party', reason: 'is not a party to the agreement' }],
    );
  }
  if (by.party !== declaration.party) {
    throw new TrucelineError(
      'FORBIDDEN',
      `${by.name} ${by.party ? `is the liaison of ${by.party} and` : 'speaks for no party and'} may not submit a declaration of ${declaration.party}`,
    );
  }
  const id = `${declaration.party}-${declaration.asOf}`;
  const digest = createHash('sha256').update(canonicalJson(declaration), 'utf8').digest('hex');
  const at = new Date(nowMs).toISOString();
  return store.write(async (tx) => {
    const known = await store.getDeclaration(id);
    if (known) {
      if (known.digest === digest) return { declaration: known, duplicate: true };
      throw new TrucelineError(
        'ID_CONFLICT',
        `declaration ${id} (${declaration.party} as of ${declaration.asOf}) was already submitted with other figures; a correction needs a new date`,
      );
    }
    const earlier = (await store.listDeclarations({ party: declaration.party })).filter(
      (d) => d.declaration.asOf < declaration.asOf,
    );
    const previous = earlier[earlier.length - 1] ?? null;
    const sightings = await storedSightings(store, sightingPeriod(declaration.asOf, nowMs));
    const candidates = checkDeclaration(declaration, {
      agreement,
      previous: previous?.declaration ?? null,
      sightings,
    });
    const event: LedgerEvent = {
      v: 1,
      type: 'declaration.submitted',
      at,
      actor: `user:${by.name}`,
      data: {
        id,
        declaration,
        digest,
        previousId: previous?.id ?? null,
        submittedBy: by.name,
        candidates: candidates as unknown as Record<string, unknown>[],
      },
    };
    const { firstIndex } = await tx.record([{ event, confidential: true }]);
    const stored: StoredDeclaration = {
      id,
      declaration,
      digest,
      previousId: previous?.id ?? null,
      submittedBy: by.name,
      submittedAt: at,
      candidates,
      checkedAt: at,
      ledgerIndex: firstIndex,
      updatedLedgerIndex: firstIndex,
    };
    return { declaration: stored, duplicate: false };
  });
}

/**
 * Checks a stored declaration again against the observations stored since (the continuous check),
 * recording `declaration.checked` with the new observation candidates. Records nothing when they
 * are unchanged.
 *
 * @throws TrucelineError NOT_FOUND for an unknown id.
 */
export async function recheckDeclaration(
  store: Store,
  agreement: DeclarationAgreement,
  id: string,
  actor: string,
  nowMs: number,
): Promise<{ declaration: StoredDeclaration; changed: boolean }> {
  requireStore(store);
  return store.write(async (tx) => {
    const known = await store.getDeclaration(id);
    if (!known) throw new TrucelineError('NOT_FOUND', `no declaration '${id}'`);
    const period = sightingPeriod(known.declaration.asOf, nowMs);
    const observed: FindingCandidate[] = checkAgainstObservations(
      known.declaration,
      await storedSightings(store, period),
      agreement,
    );
    const arrival = known.candidates.filter(
      (c) => c.kind === 'ceiling_exceeded' || c.kind === 'declared_change',
    );
    const next = [...arrival, ...observed];
    if (canonicalJson(next) === canonicalJson(known.candidates))
      return { declaration: known, changed: false };
    const at = new Date(nowMs).toISOString();
    const event: LedgerEvent = {
      v: 1,
      type: 'declaration.checked',
      at,
      actor,
      data: {
        id,
        candidates: observed as unknown as Record<string, unknown>[],
        observationsFrom: period.from,
        observationsTo: period.to,
      },
    };
    const { firstIndex } = await tx.record([{ event, confidential: true }]);
    return {
      declaration: { ...known, candidates: next, checkedAt: at, updatedLedgerIndex: firstIndex },
      changed: true,
    };
  });
}
