/**
 * A recipient acknowledges an alert (over the API as a user of a recipient role, or by the signed
 * link in its email): recorded as `alert.acknowledged`, which stops its escalation. Acknowledging
 * twice records nothing more; an escalated alert cannot be acknowledged (the alert it escalated
 * to can).
 */
import { acknowledgeAlert } from '../../domain/escalation/index.js';
import { TrucelineError } from '../../domain/errors.js';
import type { Store } from '../../store/port.js';
import { ROLE_RECIPIENTS } from './config.js';
import { getAlert } from './read.js';
import { alertLedgerEvent, type AlertRecord } from './records.js';

export interface Acknowledged {
  readonly record: AlertRecord;
  /** False when it was acknowledged already (nothing recorded). */
  readonly recorded: boolean;
}

export async function acknowledgeStoredAlert(
  store: Store,
  alertId: string,
  recipient: string,
  nowMs: number,
  actor: string,
  via: 'api' | 'link',
): Promise<Acknowledged> {
  return store.write(async (tx) => {
    const stored = await getAlert(store, alertId);
    if (!stored) throw new TrucelineError('NOT_FOUND', `no alert '${alertId}'`);
    const r = stored.record;
    let next: AlertRecord;
    if (r.kind === 'escalation') {
      const alert = acknowledgeAlert(r.alert, recipient, nowMs);
      if (alert === r.alert) return { record: r, recorded: false };
      next = { kind: 'escalation', alert };
    } else {
      if (!r.alert.recipients.includes(recipient))
        throw new TrucelineError(
          'FORBIDDEN',
          `${JSON.stringify(recipient)} is not a recipient of alert ${alertId} (${r.alert.recipients.join(', ')})`,
        );
      if (r.alert.state === 'acknowledged') return { record: r, recorded: false };
      next = {
        kind: 'early_warning',
        alert: {
          ...r.alert,
          state: 'acknowledged',
          acknowledgedBy: recipient,
          history: [...r.alert.history, { state: 'acknowledged', atMs: nowMs, by: recipient }],
        },
      };
    }
    await tx.record([
      alertLedgerEvent('alert.acknowledged', nowMs, actor, {
        alertId,
        record: next,
        recipient,
        via,
      }),
    ]);
    return { record: next, recorded: true };
  });
}

/** The recipient a user of `role` acknowledges `record` as: the first of the role's recipient ids the alert names. */
export function recipientForRole(record: AlertRecord, role: string): string {
  const mine = ROLE_RECIPIENTS[role] ?? [];
  const found = mine.find((r) => record.alert.recipients.includes(r));
  if (!found)
    throw new TrucelineError(
      'FORBIDDEN',
      `a ${role} is not a recipient of alert ${record.alert.id} (${record.alert.recipients.join(', ')})`,
    );
  return found;
}
