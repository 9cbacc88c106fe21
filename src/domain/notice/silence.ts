/**
 * Windows of silence: a local, time-boxed stop of all fire so that a crew can repair a water,
 * power or gas line near the line of contact. It holds only if every party agrees, so it is a
 * small state machine: proposed → agreed (once every party has consented) | declined | withdrawn.
 *
 * - A party's liaison or a chief monitor (the mission brokering it) proposes; a liaison's
 *   proposal counts as its party's consent.
 * - Each other party's liaison agrees or declines, before the window ends.
 * - The proposer (or a chief monitor) may withdraw it until the window starts.
 * Refusals are FORBIDDEN (wrong actor) or ILLEGAL_TRANSITION (wrong state or too late).
 */
import type { Agreement } from '../agreement/index.js';
import { TrucelineError } from '../errors.js';
import { describeActor, type Actor } from '../workflow/roles.js';
import type { LonLat } from '../units.js';
import { instantMs, type NoticeWindow } from './schema.js';

export const SILENCE_STATUSES = ['proposed', 'agreed', 'declined', 'withdrawn'] as const;
export type SilenceStatus = (typeof SILENCE_STATUSES)[number];

export interface SilenceProposal {
  readonly id: string;
  /** The repair site, [lon, lat]. */
  readonly site: LonLat;
  /** Fire within this distance of the site during the window breaches it, km. */
  readonly radiusKm: number;
  readonly window: NoticeWindow;
  readonly purpose: string;
  /** The repair notice it protects, if any. */
  readonly noticeId?: string;
}

export interface SilenceWindow extends SilenceProposal {
  readonly status: SilenceStatus;
  /** Every agreement party; all must consent. */
  readonly parties: readonly string[];
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly consents: readonly {
    readonly party: string;
    readonly by: string;
    readonly at: string;
  }[];
  /** Who ended it, when it was declined or withdrawn. */
  readonly closedBy: {
    readonly by: string;
    readonly party: string | null;
    readonly at: string;
    readonly reason: string;
  } | null;
}

export interface SilenceEvent {
  readonly type:
    'silence.proposed' | 'silence.consented' | 'silence.declined' | 'silence.withdrawn';
  readonly silenceId: string;
  readonly at: string;
  readonly by: string;
  readonly role: Actor['role'];
  readonly party: string | null;
  readonly reason: string;
  readonly from: SilenceStatus | null;
  readonly to: SilenceStatus;
  /** The window as it stands after the event. */
  readonly silence: SilenceWindow;
}

export type SilenceCommand = {
  readonly type: 'consent' | 'decline' | 'withdraw';
  readonly reason: string;
};

const illegal = (m: string) => new TrucelineError('ILLEGAL_TRANSITION', m);
const forbidden = (m: string) => new TrucelineError('FORBIDDEN', m);

function requireReason(reason: string): void {
  if (!reason.trim())
    throw new TrucelineError('VALIDATION', 'invalid silence command: reason: must not be empty', [
      { path: 'reason', reason: 'must not be empty' },
    ]);
}

/**
 * Proposes a window of silence. `proposal.window` and `at` must be valid instants (see
 * windowSchema); the window may not have ended at `at`.
 */
export function proposeSilence(
  proposal: SilenceProposal,
  actor: Actor,
  at: string,
  reason: string,
  agreement: Pick<Agreement, 'parties'>,
): SilenceEvent {
  requireReason(reason);
  if (actor.role !== 'chief' && !(actor.role === 'liaison' && actor.party)) {
    throw forbidden(
      `${describeActor(actor)} may not propose a window of silence; only a party's liaison or a chief monitor may`,
    );
  }
  if (!(proposal.radiusKm > 0))
    throw new TrucelineError(
      'VALIDATION',
      `invalid silence proposal: radiusKm: must be > 0, got ${proposal.radiusKm}`,
      [{ path: 'radiusKm', reason: 'must be > 0' }],
    );
  if (instantMs(proposal.window.to) <= instantMs(proposal.window.from)) {
    throw new TrucelineError(
      'VALIDATION',
      'invalid silence proposal: window.to: is not after window.from',
      [{ path: 'window.to', reason: 'is not after window.from' }],
    );
  }
  if (instantMs(at) >= instantMs(proposal.window.to))
    throw illegal(`window of silence ${proposal.id} would already be over at ${at}`);
  const parties = agreement.parties.map((p) => p.id);
  const consents =
    actor.role === 'liaison' ? [{ party: actor.party as string, by: actor.id, at }] : [];
  const silence: SilenceWindow = {
    ...proposal,
    status: 'proposed',
    parties,
    proposedBy: actor.id,
    proposedAt: at,
    consents,
    closedBy: null,
  };
  return {
    type: 'silence.proposed',
    silenceId: proposal.id,
    at,
    by: actor.id,
    role: actor.role,
    party: actor.party ?? null,
    reason,
    from: null,
    to: 'proposed',
    silence,
  };
}

/** Consent, decline or withdraw; the event carries the window as it now stands. */
export function decideSilence(
  silence: SilenceWindow,
  command: SilenceCommand,
  actor: Actor,
  at: string,
): SilenceEvent {
  requireReason(command.reason);
  const atMs = instantMs(at);
  const base = {
    silenceId: silence.id,
    at,
    by: actor.id,
    role: actor.role,
    party: actor.party ?? null,
    reason: command.reason,
    from: silence.status,
  };
  const closed = { by: actor.id, party: actor.party ?? null, at, reason: command.reason };

  if (command.type === 'withdraw') {
    if (actor.id !== silence.proposedBy && actor.role !== 'chief')
      throw forbidden(
        `${describeActor(actor)} did not propose window of silence ${silence.id} and may not withdraw it`,
      );
    if (silence.status !== 'proposed' && silence.status !== 'agreed')
      throw illegal(
        `window of silence ${silence.id} is ${silence.status}; there is nothing to withdraw`,
      );
    if (atMs >= instantMs(silence.window.from))
      throw illegal(
        `window of silence ${silence.id} began at ${silence.window.from} and can no longer be withdrawn`,
      );
    return {
      ...base,
      type: 'silence.withdrawn',
      to: 'withdrawn',
      silence: { ...silence, status: 'withdrawn', closedBy: closed },
    };
  }

  const party = actor.party;
  if (actor.role !== 'liaison' || !party || !silence.parties.includes(party)) {
    throw forbidden(
      `${describeActor(actor)} does not speak for a party to window of silence ${silence.id}; only the parties' liaisons ${command.type}`,
    );
  }
  if (silence.status !== 'proposed')
    throw illegal(
      `window of silence ${silence.id} is ${silence.status}; only a proposed window can be ${command.type === 'consent' ? 'agreed' : 'declined'}`,
    );
  const given = silence.consents.find((c) => c.party === party);
  if (given)
    throw illegal(
      `${party} already agreed to window of silence ${silence.id} (${given.by} at ${given.at})`,
    );
  if (atMs >= instantMs(silence.window.to))
    throw illegal(`window of silence ${silence.id} ended at ${silence.window.to}`);

  if (command.type === 'decline')
    return {
      ...base,
      type: 'silence.declined',
      to: 'declined',
      silence: { ...silence, status: 'declined', closedBy: closed },
    };
  const consents = [...silence.consents, { party, by: actor.id, at }];
  const status: SilenceStatus = silence.parties.every((p) => consents.some((c) => c.party === p))
    ? 'agreed'
    : 'proposed';
  return {
    ...base,
    type: 'silence.consented',
    to: status,
    silence: { ...silence, consents, status },
  };
}
