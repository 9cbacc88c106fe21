/**
 * Who may issue which workflow command, and the refusals. A refusal because of the actor (wrong
 * role, four-eyes rule, another party's finding) is FORBIDDEN; one because of the incident's
 * state (wrong status, nothing pending, window closed) is ILLEGAL_TRANSITION. Both messages say
 * why, in words a party's liaison can read.
 */
import { TrucelineError } from '../errors.js';
import { parseInstant } from '../observation/time.js';
import type { CommandType, Outcome } from './commands.js';
import { describeActor, type Actor, type Role } from './roles.js';

/**
 * The role matrix. Guarantors and admins take no workflow step: guarantors receive what the
 * mission concludes, admins manage users and keys, and neither should shape a finding.
 */
export const COMMAND_ROLES: { readonly [C in CommandType]: readonly Role[] } = {
  triage: ['analyst', 'chief'],
  assign_analyst: ['analyst', 'chief'],
  start_investigation: ['analyst', 'chief'],
  request_site_visit: ['analyst', 'chief'],
  report_site_visit: ['monitor', 'analyst', 'chief'],
  propose_assessment: ['analyst', 'chief'],
  withdraw_proposal: ['analyst', 'chief'],
  return_proposal: ['analyst', 'chief'],
  confirm_assessment: ['analyst', 'chief'],
  sign_off: ['chief'],
  decline_sign_off: ['chief'],
  reopen: ['analyst', 'chief'],
  reply: ['liaison'],
  file_dispute: ['liaison'],
  start_dispute_review: ['analyst', 'chief'],
  decide_dispute: ['chief'],
};

/** Roles that may report an incident (the system, for incidents fusion opens, is always allowed). */
export const REPORTING_ROLES: readonly Role[] = ['monitor', 'analyst', 'chief', 'liaison'];

export function illegal(message: string): TrucelineError {
  return new TrucelineError('ILLEGAL_TRANSITION', message);
}

export function forbidden(message: string): TrucelineError {
  return new TrucelineError('FORBIDDEN', message);
}

export function notFound(message: string): TrucelineError {
  return new TrucelineError('NOT_FOUND', message);
}

/** Underscores read as spaces: `start_investigation` → "start investigation". */
export const words = (token: string): string => token.replace(/_/g, ' ');

export function requireRole(actor: Actor, command: CommandType): void {
  const allowed = COMMAND_ROLES[command];
  if (!allowed.includes(actor.role)) {
    throw forbidden(
      `${describeActor(actor)} may not ${words(command)}; only ${allowed.join(' or ')} may`,
    );
  }
  if (actor.role === 'liaison' && !actor.party) {
    throw forbidden(`liaison ${actor.id} speaks for no party and may not ${words(command)}`);
  }
}

/** "verification", "the conclusion 'not verified'": how an outcome reads after "proposed". */
export function outcomeNoun(outcome: Outcome): string {
  return outcome === 'verified' ? 'verification' : `the conclusion '${words(outcome)}'`;
}

/** Epoch milliseconds of an exchange-format instant. @throws VALIDATION naming `path`. */
export function epochMs(text: string, path: string): number {
  const parsed = parseInstant(text);
  if (!parsed.ok) {
    throw new TrucelineError('VALIDATION', `invalid ${path}: ${parsed.reason}`, [
      { path, reason: parsed.reason },
    ]);
  }
  return parsed.instant.epochMs;
}

/** A step dated before the previous one would let deadlines be gamed; refuse it. */
export function requireNotBefore(at: string, lastAt: string): number {
  const ms = epochMs(at, 'at');
  if (ms < epochMs(lastAt, 'lastAt')) {
    const reason = `${at} is before the previous step at ${lastAt}`;
    throw new TrucelineError('VALIDATION', `invalid at: ${reason}`, [{ path: 'at', reason }]);
  }
  return ms;
}
