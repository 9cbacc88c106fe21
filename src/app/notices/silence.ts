/**
 * Windows of silence, stored: proposed by a party's liaison (or a chief monitor brokering one),
 * agreed or declined by the other party's liaison, withdrawn by the proposer; the pure state
 * machine is src/domain/notice/silence.ts. Each step is one ledger event carrying the window as
 * it stands; the events are sealed, since windows of silence are the parties' and the mission's
 * business and not published.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import {
  decideSilence,
  proposeSilence,
  type SilenceCommand,
  type SilenceEvent,
  type SilenceProposal,
} from '../../domain/notice/index.js';
import type { Actor } from '../../domain/workflow/index.js';
import type { StoredSilence } from '../../store/deconfliction-records.js';
import type { Store } from '../../store/port.js';
import type { LedgerEvent } from '../events/event.js';

function requireStore(store: Store): asserts store is Store & Required<Pick<Store, 'getSilence'>> {
  if (!store.getSilence)
    throw new TrucelineError(
      'UNAVAILABLE',
      `the ${store.kind} store does not keep windows of silence yet`,
    );
}

export function silenceLedgerEvent(e: SilenceEvent): LedgerEvent {
  return {
    v: 1,
    type: e.type,
    at: e.at,
    actor: `user:${e.by}`,
    data: e as unknown as Readonly<Record<string, unknown>>,
  };
}

/**
 * Proposes a window of silence.
 * @throws TrucelineError VALIDATION, FORBIDDEN, ILLEGAL_TRANSITION (over already), ID_CONFLICT.
 */
export async function proposeSilenceWindow(
  store: Store,
  agreement: Pick<Agreement, 'parties'>,
  proposal: SilenceProposal,
  reason: string,
  actor: Actor,
  nowMs: number,
): Promise<{ event: SilenceEvent; ledgerIndex: number }> {
  requireStore(store);
  const event = proposeSilence(proposal, actor, new Date(nowMs).toISOString(), reason, agreement);
  return store.write(async (tx) => {
    if (await store.getSilence(proposal.id))
      throw new TrucelineError('ID_CONFLICT', `window of silence id '${proposal.id}' is taken`);
    const { firstIndex } = await tx.record([
      { event: silenceLedgerEvent(event), confidential: true },
    ]);
    return { event, ledgerIndex: firstIndex };
  });
}

/**
 * Consent (`agree`), decline or withdraw a stored window of silence.
 * @throws TrucelineError NOT_FOUND, and the domain's FORBIDDEN / ILLEGAL_TRANSITION / VALIDATION.
 */
export async function decideSilenceWindow(
  store: Store,
  id: string,
  command: SilenceCommand,
  actor: Actor,
  nowMs: number,
): Promise<{ event: SilenceEvent; ledgerIndex: number }> {
  requireStore(store);
  return store.write(async (tx) => {
    const known: StoredSilence | null = await store.getSilence(id);
    if (!known) throw new TrucelineError('NOT_FOUND', `no window of silence '${id}'`);
    const event = decideSilence(known.silence, command, actor, new Date(nowMs).toISOString());
    const { firstIndex } = await tx.record([
      { event: silenceLedgerEvent(event), confidential: true },
    ]);
    return { event, ledgerIndex: firstIndex };
  });
}
