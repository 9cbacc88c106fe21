/**
 * A party's de-confliction notice, stored: announced by the party's liaison (the mission stamps
 * `filedAt`, so lateness against the agreement's notification duties is the mission's measure,
 * not the party's word), and withdrawn by it. A notice the other party and the guarantors may
 * not see (visibility `mission`) is sealed in the ledger; the others are not, since they are
 * owed to the other party anyway, and a `public` one to everyone.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { partyById } from '../../domain/agreement/index.js';
import { TrucelineError } from '../../domain/errors.js';
import {
  effectiveVisibility,
  instantMs,
  lateNotice,
  parseNotice,
} from '../../domain/notice/index.js';
import type { Actor } from '../../domain/workflow/index.js';
import type { StoredNotice } from '../../store/deconfliction-records.js';
import type { Store } from '../../store/port.js';
import type { LedgerEvent } from '../events/event.js';

export type NoticeAgreement = Pick<Agreement, 'parties' | 'notificationDuties' | 'lineOfContact'>;

function requireStore(
  store: Store,
): asserts store is Store & Required<Pick<Store, 'getNotice' | 'listNotices'>> {
  if (!store.getNotice || !store.listNotices)
    throw new TrucelineError('UNAVAILABLE', `the ${store.kind} store does not keep notices yet`);
}

/** Whether the notice's ledger events are sealed (see the module comment). */
export function noticeSealed(
  notice: StoredNotice['notice'],
  agreement: Pick<Agreement, 'notificationDuties'>,
): boolean {
  return effectiveVisibility(notice, agreement) === 'mission';
}

/**
 * Announces a notice (JSON-decoded, without `filedAt`) as `actor` at `nowMs`.
 *
 * @throws TrucelineError VALIDATION (each wrong field), FORBIDDEN (not the liaison of the
 *   announcing party), ID_CONFLICT (the id is taken).
 */
export async function announceNotice(
  store: Store,
  agreement: NoticeAgreement,
  body: unknown,
  actor: Actor,
  nowMs: number,
): Promise<StoredNotice> {
  requireStore(store);
  const filedAt = new Date(nowMs).toISOString();
  const input =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? { ...(body as Record<string, unknown>), filedAt }
      : body;
  const notice = parseNotice(input);
  if (partyById(agreement, notice.party) === null) {
    throw new TrucelineError(
      'VALIDATION',
      `invalid notice: party: '${notice.party}' is not a party to the agreement`,
      [{ path: 'party', reason: 'is not a party to the agreement' }],
    );
  }
  if (actor.role !== 'liaison' || actor.party !== notice.party) {
    throw new TrucelineError(
      'FORBIDDEN',
      `${actor.id} may not announce a notice of ${notice.party}; only its liaison may`,
    );
  }
  const late = lateNotice(notice, agreement);
  return store.write(async (tx) => {
    if (await store.getNotice(notice.id))
      throw new TrucelineError('ID_CONFLICT', `notice id '${notice.id}' is taken`);
    const event: LedgerEvent = {
      v: 1,
      type: 'notice.announced',
      at: filedAt,
      actor: `user:${actor.id}`,
      data: { notice, announcedBy: actor.id, late },
    };
    const { firstIndex } = await tx.record([
      { event, ...(noticeSealed(notice, agreement) ? { confidential: true } : {}) },
    ]);
    return {
      notice,
      status: 'announced',
      announcedBy: actor.id,
      late,
      withdrawn: null,
      ledgerIndex: firstIndex,
      updatedLedgerIndex: firstIndex,
    };
  });
}

/**
 * Withdraws an announced notice before its window ends, by the announcing party's liaison.
 *
 * @throws TrucelineError NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (withdrawn already, or over).
 */
export async function withdrawNotice(
  store: Store,
  agreement: NoticeAgreement,
  id: string,
  reason: string,
  actor: Actor,
  nowMs: number,
): Promise<StoredNotice> {
  requireStore(store);
  if (!reason.trim())
    throw new TrucelineError('VALIDATION', 'invalid withdrawal: reason: must not be empty', [
      { path: 'reason', reason: 'must not be empty' },
    ]);
  return store.write(async (tx) => {
    const known = await store.getNotice(id);
    if (!known) throw new TrucelineError('NOT_FOUND', `no notice '${id}'`);
    if (actor.role !== 'liaison' || actor.party !== known.notice.party)
      throw new TrucelineError(
        'FORBIDDEN',
        `${actor.id} may not withdraw notice ${id} of ${known.notice.party}; only its liaison may`,
      );
    if (known.status === 'withdrawn')
      throw new TrucelineError('ILLEGAL_TRANSITION', `notice ${id} was withdrawn already`);
    if (nowMs >= instantMs(known.notice.window.to))
      throw new TrucelineError(
        'ILLEGAL_TRANSITION',
        `notice ${id} ended at ${known.notice.window.to}; it stays on record`,
      );
    const at = new Date(nowMs).toISOString();
    const event: LedgerEvent = {
      v: 1,
      type: 'notice.withdrawn',
      at,
      actor: `user:${actor.id}`,
      data: { noticeId: id, by: actor.id, reason },
    };
    const { firstIndex } = await tx.record([
      { event, ...(noticeSealed(known.notice, agreement) ? { confidential: true } : {}) },
    ]);
    return {
      ...known,
      status: 'withdrawn',
      withdrawn: { by: actor.id, at, reason },
      updatedLedgerIndex: firstIndex,
    };
  });
}
