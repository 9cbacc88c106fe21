import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import { evaluateEscalation } from './evaluate.js';
import {
  ALERT_TRANSITIONS,
  acknowledgeAlert,
  escalateOverdue,
  markDelivered,
  markOverdue,
  raiseAlert,
  raiseAlerts,
} from './lifecycle.js';
import { H, LADDER, T0, incident } from './test-support/incidents.js';
import { ALERT_STATES, type Alert, type AlertState } from './types.js';

const MIN = 60_000;
const agreement = { escalationThresholds: LADDER };

/** A level-1 alert (l1: 120 min deadline) raised at T0 + 2 h. */
function level1(): Alert {
  const burst = Array.from({ length: 5 }, (_, i) =>
    incident(1 + i / 10, { count: 10, findingIds: [`f-${i}`] }),
  );
  const [c] = evaluateEscalation(burst, agreement, T0 + 2 * H);
  return raiseAlert(c!, T0 + 2 * H);
}

/** An alert forced into a state (for the transition table). */
function inState(state: AlertState): Alert {
  const a = level1();
  switch (state) {
    case 'raised':
      return a;
    case 'delivered':
      return markDelivered(a, a.raisedAtMs + MIN, 'webhook');
    case 'acknowledged':
      return acknowledgeAlert(a, 'chief_monitor', a.raisedAtMs + MIN);
    case 'overdue':
      return markOverdue(a, a.ackDeadlineMs);
    case 'escalated':
      return escalateOverdue([a], a.ackDeadlineMs).alerts[0]!;
  }
}

function attempt(a: Alert, to: AlertState): Alert {
  const at = a.ackDeadlineMs + MIN;
  switch (to) {
    case 'raised':
      throw new TrucelineError('ILLEGAL_TRANSITION', 'nothing returns to raised');
    case 'delivered':
      return markDelivered(a, at, 'email');
    case 'acknowledged':
      return acknowledgeAlert(a, 'chief_monitor', at);
    case 'overdue':
      return markOverdue(a, at);
    case 'escalated': {
      // escalateOverdue passes raised and delivered alerts through overdue: not a direct move
      const after = escalateOverdue([a], at).alerts[0]!;
      if (after.state !== 'escalated' || after.history.at(-2)?.state !== a.state)
        throw new TrucelineError('ILLEGAL_TRANSITION', `no direct move from ${a.state}`);
      return after;
    }
  }
}

describe('alert transitions', () => {
  const table = ALERT_STATES.flatMap((from) =>
    ALERT_STATES.filter((to) => to !== from).map((to) => ({
      from,
      to,
      legal: ALERT_TRANSITIONS[from].includes(to),
    })),
  );

  it.each(table)('$from → $to is legal: $legal', ({ from, to, legal }) => {
    const a = inState(from);
    if (legal) expect(attempt(a, to).state).toBe(to);
    else expect(() => attempt(a, to)).toThrow(TrucelineError);
  });

  it('says which states an illegal move was between', () => {
    const acked = inState('acknowledged');
    expect(() => markOverdue(acked, acked.ackDeadlineMs)).toThrow(
      `alert ${acked.id} cannot go from acknowledged to overdue`,
    );
  });
});

describe('alert lifecycle', () => {
  it('sets the deadline from the threshold and records each state with its time', () => {
    const a = level1();
    expect(a.ackDeadlineMs).toBe(T0 + 2 * H + 120 * MIN);
    const d = markDelivered(a, a.raisedAtMs + MIN, 'webhook');
    const k = acknowledgeAlert(d, 'party_liaisons', a.raisedAtMs + 5 * MIN);
    expect(k.history).toEqual([
      { state: 'raised', atMs: a.raisedAtMs },
      { state: 'delivered', atMs: a.raisedAtMs + MIN, by: 'webhook' },
      { state: 'acknowledged', atMs: a.raisedAtMs + 5 * MIN, by: 'party_liaisons' },
    ]);
    expect(k.acknowledgedBy).toBe('party_liaisons');
  });

  it('keeps a second delivery and a second acknowledgement from changing anything', () => {
    const d = markDelivered(level1(), T0 + 3 * H, 'webhook');
    expect(markDelivered(d, T0 + 3 * H + MIN, 'email')).toBe(d);
    const k = acknowledgeAlert(d, 'chief_monitor', T0 + 3 * H);
    expect(acknowledgeAlert(k, 'chief_monitor', T0 + 4 * H)).toBe(k);
  });

  it('refuses an acknowledgement from someone who is not a recipient', () => {
    const a = level1();
    expect(() => acknowledgeAlert(a, 'guarantors', T0 + 3 * H)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('refuses to mark an alert overdue before its deadline', () => {
    const a = level1();
    expect(() => markOverdue(a, a.ackDeadlineMs - 1)).toThrow(/not due until/);
  });

  it('accepts a late acknowledgement while the alert is overdue but not yet escalated', () => {
    const o = markOverdue(level1(), T0 + 5 * H);
    expect(acknowledgeAlert(o, 'chief_monitor', T0 + 5 * H).state).toBe('acknowledged');
  });
});

describe('escalateOverdue', () => {
  it('leaves alerts alone until their deadline, then escalates to the next tier on time', () => {
    const a = level1();
    const before = escalateOverdue([a], a.ackDeadlineMs - 1);
    expect(before.alerts).toEqual([a]);
    expect(before.raised).toEqual([]);

    const step = escalateOverdue([a], a.ackDeadlineMs);
    expect(step.alerts[0]!.state).toBe('escalated');
    expect(step.alerts[0]!.history.map((e) => e.state)).toEqual(['raised', 'overdue', 'escalated']);
    expect(step.alerts[0]!.escalatedTo).toBe(`${a.id}:L2`);
    const [l2] = step.raised;
    expect(l2).toMatchObject({
      id: `${a.id}:L2`,
      level: 2,
      state: 'raised',
      recipients: ['chief_monitor', 'guarantors', 'air_policing_force'],
      raisedAtMs: a.ackDeadlineMs,
      ackDeadlineMs: a.ackDeadlineMs + 30 * MIN,
      escalatedFrom: a.id,
      incidentIds: a.incidentIds,
    });
    expect(step.consultations).toEqual([]);
  });

  it('does not escalate acknowledged alerts', () => {
    const k = acknowledgeAlert(level1(), 'chief_monitor', T0 + 3 * H);
    expect(escalateOverdue([k], T0 + 48 * H)).toEqual({
      alerts: [k],
      raised: [],
      consultations: [],
      stranded: [],
    });
  });

  it('opens a guarantor consultation with the evidence and its clock when an escalation reaches level 3', () => {
    const a = level1();
    const l2 = escalateOverdue([a], a.ackDeadlineMs).raised[0]!;
    const step = escalateOverdue([l2], l2.ackDeadlineMs, { consultationHours: 48 });
    const l3 = step.raised[0]!;
    expect(l3.level).toBe(3);
    expect(l3.ackDeadlineMs).toBe(l2.ackDeadlineMs + 15 * MIN);
    expect(step.consultations).toEqual([
      {
        id: `cons:${l3.id}`,
        alertIds: [l3.id],
        evidence: ['f-0', 'f-1', 'f-2', 'f-3', 'f-4'],
        incidentIds: [...a.incidentIds].sort(),
        openedAtMs: l2.ackDeadlineMs,
        deadlineMs: l2.ackDeadlineMs + 48 * H,
        state: 'open',
      },
    ]);
    // at the top there is nowhere further to go: it stays overdue and is reported stranded
    const top = escalateOverdue([l3], l3.ackDeadlineMs);
    expect(top.alerts[0]!.state).toBe('overdue');
    expect(top.stranded).toEqual([l3.id]);
  });

  it('opens a consultation when a level-3 threshold is raised directly', () => {
    const armour = incident(1, { weapon: 'tank', armourAcrossLine: 14, findingIds: ['f-armour'] });
    const { alerts, consultations } = raiseAlerts(
      evaluateEscalation([armour], agreement, T0 + 2 * H),
      T0 + 2 * H,
    );
    expect(alerts.map((a) => a.level)).toEqual([3]);
    expect(consultations).toHaveLength(1);
    expect(consultations[0]).toMatchObject({
      alertIds: [alerts[0]!.id],
      evidence: ['f-armour'],
      deadlineMs: T0 + 2 * H + 72 * H,
    });
  });
});
