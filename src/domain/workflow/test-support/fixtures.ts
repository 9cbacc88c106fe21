// Actors, an agreement and incidents walked to each workflow state, for the workflow tests.
import { formatEpochMs } from '../../observation/time.js';
import type { Actor } from '../roles.js';
import type { WorkflowCommand } from '../commands.js';
import type { WorkflowAgreement } from '../step.js';
import { openIncidentWorkflow, transition } from '../transition.js';
import type { IncidentWorkflow, WorkflowEvent } from '../types.js';

export const agreement: WorkflowAgreement = {
  parties: [
    { id: 'ua', name: 'Ukraine', side: 'right' },
    { id: 'ru', name: 'Russian Federation', side: 'left' },
  ],
  replyDeadlineHours: 72,
};

export const actors = {
  m1: { id: 'm1', role: 'monitor' },
  a1: { id: 'a1', role: 'analyst' },
  a2: { id: 'a2', role: 'analyst' },
  a3: { id: 'a3', role: 'analyst' },
  c1: { id: 'c1', role: 'chief' },
  c2: { id: 'c2', role: 'chief' },
  lua: { id: 'l-ua', role: 'liaison', party: 'ua' },
  lru: { id: 'l-ru', role: 'liaison', party: 'ru' },
  g1: { id: 'g1', role: 'guarantor' },
  adm: { id: 'adm', role: 'admin' },
} as const satisfies Record<string, Actor>;

const T0 = Date.parse('2026-03-01T18:00:00Z');
/** The instant `hours` after 2026-03-01T18:00:00Z, in the canonical form deadlines are written in. */
export const T = (hours: number): string => formatEpochMs(T0 + hours * 3_600_000);

export type Step = readonly [actor: Actor, command: WorkflowCommand];

/** Runs steps one hour apart from T(1), collecting every event. */
export function walk(
  steps: readonly Step[],
  from?: { state: IncidentWorkflow; events: WorkflowEvent[] },
) {
  const opened =
    from ??
    (() => {
      const t = openIncidentWorkflow(
        'inc-1',
        actors.m1,
        T(0),
        '12 explosions 3-5 km SSE of Avdiivka',
      );
      return { state: t.state, events: [t.event] };
    })();
  let state = opened.state;
  const events = [...opened.events];
  for (const [actor, command] of steps) {
    const t = transition(state, command, actor, T(state.seq), agreement);
    state = t.state;
    events.push(t.event);
  }
  return { state, events };
}

export const attributedFinding = {
  summary: 'MLRS fire from ru-held side impacted Avdiivka',
  attributedTo: 'ru',
  provisions: ['ceasefire', 'withdrawal:wd-mlrs'],
  escalationRelevant: false,
};

const toInvestigation: Step[] = [
  [actors.a1, { type: 'triage', reason: 'credible, heavy weapons' }],
  [actors.c1, { type: 'assign_analyst', analyst: 'a1', reason: 'sector lead' }],
  [actors.a1, { type: 'start_investigation', reason: 'crater analysis needed' }],
];
const proposeVerified: Step = [
  actors.a1,
  {
    type: 'propose_assessment',
    outcome: 'verified',
    finding: attributedFinding,
    reason: 'two crater analyses agree',
  },
];
const proposeEscalation: Step = [
  actors.a1,
  {
    type: 'propose_assessment',
    outcome: 'verified',
    finding: { ...attributedFinding, escalationRelevant: true },
    reason: 'heavy weapons in withdrawal zone',
  },
];
const confirm: Step = [
  actors.a2,
  { type: 'confirm_assessment', reason: 'imagery checked independently' },
];
const proposeThenConfirm = (outcome: 'not_verified' | 'inconclusive'): Step[] => [
  [actors.a1, { type: 'propose_assessment', outcome, reason: `assessed ${outcome}` }],
  confirm,
];

/** Incidents walked to each state of the machine; the proposal, when any, is a1's. */
export const STATE_WALKS = {
  reported: [],
  triaged: toInvestigation.slice(0, 2),
  under_investigation: toInvestigation,
  proposed: [...toInvestigation, proposeVerified],
  awaiting_sign_off: [...toInvestigation, proposeEscalation, confirm],
  verified: [...toInvestigation, proposeVerified, confirm],
  not_verified: [...toInvestigation, ...proposeThenConfirm('not_verified')],
  inconclusive: [...toInvestigation, ...proposeThenConfirm('inconclusive')],
} as const satisfies Record<string, readonly Step[]>;

export type StateName = keyof typeof STATE_WALKS;

export function stateNamed(name: StateName) {
  return walk(STATE_WALKS[name]);
}
