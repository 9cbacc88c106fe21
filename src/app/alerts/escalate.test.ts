import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evaluateEscalation, raiseAlert } from '../../domain/escalation/index.js';
import { incident, T0, threshold } from '../../domain/escalation/test-support/incidents.js';
import { leafHash, verifyInclusion } from '../../ledger/index.js';
import { openMission, type Mission } from '../mission.js';
import { acknowledgeStoredAlert } from './acknowledge.js';
import { withEvidence } from './consultation.js';
import { escalateDueAlerts } from './escalate.js';
import { recordRaised } from './raise.js';
import { getAlert, listAlertEvents, listConsultations } from './read.js';

const MIN = 60_000;
let dir: string;
let mission: Mission;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'truceline-alert-escalate-'));
  mission = await openMission(dir, { synchronous: 'NORMAL' });
});
afterAll(async () => {
  await mission.close();
  rmSync(dir, { recursive: true, force: true });
});

const LADDER = [
  threshold({
    id: 'rockets',
    level: 2,
    recipients: ['guarantors'],
    ackDeadlineMinutes: 30,
    trigger: { kind: 'weapon_used', weapons: ['mlrs'] },
  }),
  threshold({
    id: 'armour',
    level: 3,
    recipients: ['guarantors', 'chief_monitor'],
    ackDeadlineMinutes: 15,
    trigger: { kind: 'armour_crossing_line', minVehicles: 10 },
  }),
];

it('an unacknowledged level-2 alert escalates to level 3 at its deadline and opens a consultation; acknowledged ones stay', async () => {
  const [a, b] = evaluateEscalation(
    [
      incident(0, { id: 'inc-e1', weapon: 'mlrs', findingIds: ['inc-e1/finding-1'] }),
      incident(0.5, { id: 'inc-e2', weapon: 'mlrs' }),
    ],
    { escalationThresholds: LADDER },
    T0 + 3_600_000,
  );
  await recordRaised(
    mission.store,
    T0 + 3_600_000,
    [
      { kind: 'escalation', alert: raiseAlert(a!, T0 + 3_600_000) },
      { kind: 'escalation', alert: raiseAlert(b!, T0 + 3_600_000) },
    ],
    [],
  );
  await acknowledgeStoredAlert(
    mission.store,
    b!.id,
    'guarantors',
    T0 + 3_600_000 + 5 * MIN,
    'user:g',
    'api',
  );
  await expect(
    acknowledgeStoredAlert(
      mission.store,
      a!.id,
      'chief_monitor',
      T0 + 3_600_000 + 5 * MIN,
      'user:c',
      'api',
    ),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });

  const deadline = T0 + 3_600_000 + 30 * MIN;
  expect(
    (await escalateDueAlerts(mission.store, mission.agreement, deadline - 1)).escalated,
  ).toEqual([]);
  const run = await escalateDueAlerts(mission.store, mission.agreement, deadline);
  expect(run.escalated).toEqual([a!.id]);
  expect(run.raised.map((x) => [x.id, x.level, x.ackDeadlineMs])).toEqual([
    [`${a!.id}:L3`, 3, deadline + 15 * MIN],
  ]);
  expect(run.consultations).toHaveLength(1);
  // no workflow issued the finding in this store: it is named, not proven
  expect(run.consultations[0]).toMatchObject({
    alertIds: [`${a!.id}:L3`],
    evidence: [],
    unproven: ['inc-e1/finding-1'],
    deadlineMs: deadline + 72 * 3_600_000,
  });
  expect((await getAlert(mission.store, a!.id))!.record.alert.state).toBe('escalated');
  expect((await getAlert(mission.store, b!.id))!.record.alert.state).toBe('acknowledged');
  expect((await listConsultations(mission.store)).map((c) => c.consultation.id)).toEqual([
    `cons:${a!.id}:L3`,
  ]);
  expect((await listAlertEvents(mission.store, a!.id)).map((e) => e.type)).toEqual([
    'alert.raised',
    'alert.escalated',
  ]);
  // the top of the ladder: overdue, with nowhere to go
  const top = await escalateDueAlerts(mission.store, mission.agreement, deadline + 15 * MIN);
  expect(top.stranded).toEqual([`${a!.id}:L3`]);
  expect((await getAlert(mission.store, `${a!.id}:L3`))!.record.alert.state).toBe('overdue');
  expect(
    (await escalateDueAlerts(mission.store, mission.agreement, deadline + 20 * MIN)).raised,
  ).toEqual([]);
  expect((await mission.store.auditState()).differences).toEqual([]);
});

it("a consultation's evidence carries inclusion proofs that verify against the ledger's root", async () => {
  const size = await mission.store.ledger.size();
  const consultation = {
    id: 'cons:x',
    alertIds: ['x'],
    evidence: ['f-1', 'f-2'],
    incidentIds: ['i-1'],
    openedAtMs: T0,
    deadlineMs: T0 + 1,
    state: 'open' as const,
  };
  const record = await withEvidence(
    mission.store,
    consultation,
    new Map([['f-1', { incidentId: 'i-1', ledgerIndex: 1 }]]),
  );
  expect(record.unproven).toEqual(['f-2']);
  const [item] = record.evidence;
  expect(item).toMatchObject({ findingId: 'f-1', ledgerIndex: 1, treeSize: size });
  const leaf = (await mission.store.ledger.entry(1))!;
  const root = await mission.store.ledger.root(size);
  expect(() =>
    verifyInclusion(
      1,
      size,
      leafHash(leaf),
      item!.inclusionProof.map((h) => Buffer.from(h, 'hex')),
      root,
    ),
  ).not.toThrow();
  const tampered = item!.inclusionProof.map((h, i) =>
    Buffer.from(i === 0 ? h.replace(/^./, (c) => (c === '0' ? '1' : '0')) : h, 'hex'),
  );
  expect(() => verifyInclusion(1, size, leafHash(leaf), tampered, root)).toThrow();
});
