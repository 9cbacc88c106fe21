// Issue 6, "Done when": a full incident life through the real HTTP API with distinct users, and
// the ledger holding every step in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf, isSealed } from '../src/app/events/event.js';
import { fileAndFuse, IncidentFuser } from '../src/app/fusion/index.js';
import { createUser } from '../src/app/identity/users.js';
import { workflowLedgerEvent } from '../src/app/workflow/index.js';
import { canonicalJson } from '../src/domain/canonical-json.js';
import { obs, offset, pointAt } from '../src/domain/fusion/test-support/scenario.js';
import type { LonLat } from '../src/domain/units.js';
import type { WorkflowEvent } from '../src/domain/workflow/index.js';
import { json, startTestServer, TEST_PASSWORD, type Session, type TestServer } from '../src/server/test-harness.js';

let s: TestServer;
let incidentId: string;
let partyA: string;
const as: Record<string, Session> = {};

async function login(name: string): Promise<Session> {
  const res = await fetch(`${s.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password: TEST_PASSWORD }) });
  if (res.status !== 200) throw new Error(`login as ${name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const post = (who: string | undefined, command: unknown) =>
  s.fetch(`/api/v1/incidents/${incidentId}/workflow`, { method: 'POST', as: who ? as[who] : undefined, json: command });

async function step(who: string, command: Record<string, unknown>) {
  const res = await post(who, command);
  const body = await json(res);
  expect(res.status, `${who} ${String(command.type)}: ${JSON.stringify(body)}`).toBe(200);
  return body;
}

async function refused(who: string | undefined, command: Record<string, unknown>, status: number, detail: RegExp) {
  const res = await post(who, command);
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  expect((await json(res)).detail).toMatch(detail);
}

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  [partyA] = s.parties;
  const ctx = { actor: 'system', nowMs: Date.now() };
  // A dispute is reviewed and decided by staff independent of the finding: a third analyst, a second chief.
  for (const [name, role] of [['analyst-2', 'analyst'], ['analyst-3', 'analyst'], ['chief-2', 'chief']] as const) {
    await createUser(s.app.identity, { name, role, party: null, password: TEST_PASSWORD }, ctx);
  }
  for (const name of ['monitor', 'analyst', 'analyst-2', 'analyst-3', 'chief', 'chief-2', 'liaison-a', 'liaison-b', 'guarantor', 'admin']) as[name] = await login(name);
  // A public report near the line of contact: fusion opens an incident for it.
  const line = s.mission.agreement.lineOfContact as readonly LonLat[];
  const here = offset(line[Math.floor(line.length / 2)]!, 0, 20);
  const fuser = new IncidentFuser(s.mission.store, s.mission.agreement, { log: () => undefined });
  await fileAndFuse(s.mission.store, fuser, [obs('p1', { ...pointAt(here, 500), visibility: 'public', count: 12 })], { actor: 'test', nowMs: Date.now() });
  const list = await json(await s.fetch('/api/v1/incidents', { as: as.analyst }));
  expect(list.features).toHaveLength(1);
  incidentId = list.features[0].id;
});
afterAll(() => s.close());

describe('an incident from report to reopening over HTTP', () => {
  it('an incident fusion opened has no workflow until its first step', async () => {
    const body = await json(await s.fetch(`/api/v1/incidents/${incidentId}/workflow`, { as: as.monitor }));
    expect(body).toEqual({ incidentId, status: 'reported', round: 1, events: [] });
    expect((await s.fetch('/api/v1/incidents/no-such/workflow', { as: as.monitor })).status).toBe(404);
    // A refused first step opens nothing.
    await refused('monitor', { type: 'triage', reason: 'r' }, 403, /monitor monitor may not/);
    await refused('analyst', { type: 'triage' }, 400, /reason/);
    expect((await json(await s.fetch(`/api/v1/incidents/${incidentId}/workflow`, { as: as.monitor }))).events).toEqual([]);
  });

  it('report, triage, site visit, two-analyst verification, chief sign-off, party reply, dispute, reopen', async () => {
    const triaged = await step('analyst', { type: 'triage', reason: '12 explosions near the line' });
    expect(triaged.recorded.map((r: { event: WorkflowEvent }) => r.event.type)).toEqual(['incident.reported', 'incident.triaged']);
    await step('chief', { type: 'assign_analyst', analyst: 'analyst', dueAt: inDays(2), reason: 'sector lead' });
    await step('analyst', { type: 'start_investigation', reason: 'crater analysis needed' });
    await refused('analyst-2', { type: 'confirm_assessment', reason: 'too early' }, 409, /has no pending proposal to confirm/);
    await step('analyst', { type: 'request_site_visit', patrol: 'patrol-7', dueBy: inDays(1), reason: 'photograph craters' });
    await step('monitor', { type: 'report_site_visit', visitId: `${incidentId}/visit-1`, evidence: ['9f86d081'], reason: '9 craters, 122 mm fragments' });
    await step('analyst', {
      type: 'propose_assessment',
      outcome: 'verified',
      finding: { summary: 'MLRS fire', attributedTo: partyA, provisions: ['ceasefire'], escalationRelevant: true },
      reason: 'craters and bearings agree',
    });
    await refused('analyst', { type: 'confirm_assessment', reason: 'self' }, 403, /analyst analyst proposed verification and cannot confirm it/);
    const confirmed = await step('analyst-2', { type: 'confirm_assessment', reason: 'imagery checked independently' });
    expect(confirmed.status).toBe('under_investigation');
    const signed = await step('chief', { type: 'sign_off', reason: 'escalation-relevant' });
    expect(signed.status).toBe('verified');
    const findingId = signed.state.findings[0].id as string;
    expect(signed.state.findings[0].reply).toMatchObject({ party: partyA, status: 'open' });

    // Only the party the finding names may reply; the other sees nothing of it.
    await refused('liaison-b', { type: 'reply', findingId, reason: 'not us either' }, 403, new RegExp(partyA));
    expect((await s.fetch(`/api/v1/incidents/${incidentId}/workflow`, { as: as['liaison-b'] })).status).toBe(404);
    const replied = await step('liaison-a', { type: 'reply', findingId, evidence: ['e3b0c442'], reason: 'our forces did not fire' });
    expect(replied.state).toBeUndefined();
    await step('liaison-a', { type: 'file_dispute', findingId, evidence: ['obs-991'], reason: 'impacts came from the north' });
    await refused('analyst-2', { type: 'start_dispute_review', disputeId: `${findingId}/dispute-1`, reason: 'r' }, 403, /confirmed finding .* and cannot review a dispute of it/);
    await step('analyst-3', { type: 'start_dispute_review', disputeId: `${findingId}/dispute-1`, reason: 'independent analyst' });
    await refused('chief', { type: 'decide_dispute', disputeId: `${findingId}/dispute-1`, outcome: 'upheld', reason: 'r' }, 403, /chief chief/);
    await step('chief-2', { type: 'decide_dispute', disputeId: `${findingId}/dispute-1`, outcome: 'upheld', reason: 'northern launch site' });
    const reopened = await step('analyst', { type: 'reopen', evidence: ['obs-991'], reason: 'dispute upheld' });
    expect(reopened.state).toMatchObject({ status: 'under_investigation', round: 2, seq: 14 });

    // The party liaison reads its finding, its reply and its dispute; not the mission's deliberation.
    const view = await json(await s.fetch(`/api/v1/incidents/${incidentId}/workflow`, { as: as['liaison-a'] }));
    expect(view.state).toBeUndefined();
    expect(view.findings).toHaveLength(1);
    expect(view.findings[0]).toMatchObject({ id: findingId, superseded: true, reply: { status: 'replied' }, disputes: [{ status: 'upheld' }] });
    expect(view.events.map((e: { event: WorkflowEvent }) => e.event.type)).toEqual(['incident.signed_off', 'finding.replied', 'dispute.filed', 'dispute.review_started', 'dispute.decided']);

    for (const who of ['guarantor', undefined]) {
      const res = await post(who, { type: 'triage', reason: 'r' });
      expect(res.status).toBe(who ? 403 : 401);
    }
  });

  it('the ledger holds every step in order, and a rebuild reproduces the workflow', async () => {
    const read = async () => json(await s.fetch(`/api/v1/incidents/${incidentId}/workflow`, { as: as.chief }));
    const before = await read();
    const events = before.events as { ledgerIndex: number; event: WorkflowEvent }[];
    expect(events.map((e) => [e.event.seq, e.event.type, e.event.by])).toEqual([
      [1, 'incident.reported', 'system'],
      [2, 'incident.triaged', 'analyst'],
      [3, 'incident.analyst_assigned', 'chief'],
      [4, 'incident.investigation_started', 'analyst'],
      [5, 'incident.site_visit_requested', 'analyst'],
      [6, 'incident.site_visit_reported', 'monitor'],
      [7, 'incident.assessment_proposed', 'analyst'],
      [8, 'incident.assessment_confirmed', 'analyst-2'],
      [9, 'incident.signed_off', 'chief'],
      [10, 'finding.replied', 'liaison-a'],
      [11, 'dispute.filed', 'liaison-a'],
      [12, 'dispute.review_started', 'analyst-3'],
      [13, 'dispute.decided', 'chief-2'],
      [14, 'incident.reopened', 'analyst'],
    ]);
    const indexes = events.map((e) => e.ledgerIndex);
    expect(indexes).toEqual([...indexes].sort((x, y) => x - y));
    for (const { ledgerIndex, event } of events) {
      const leaf = decodeLeaf((await s.mission.store.ledger.entry(ledgerIndex))!);
      expect(isSealed(leaf)).toBe(false);
      expect(canonicalJson(leaf)).toBe(canonicalJson(workflowLedgerEvent(event)));
    }
    expect(decodeLeaf((await s.mission.store.ledger.entry(events[1]!.ledgerIndex))!)).toMatchObject({ actor: 'user:analyst', data: { reason: '12 explosions near the line' } });

    expect((await s.mission.store.auditState()).differences).toEqual([]);
    await s.mission.store.rebuild();
    expect(await read()).toEqual(before);
    expect((await s.mission.store.auditState()).differences).toEqual([]);
  });

  it("seals the steps of an incident that is not public, and a rebuild still reproduces them", async () => {
    const line = s.mission.agreement.lineOfContact as readonly LonLat[];
    const far = offset(line[Math.floor(line.length / 2)]!, 180, 60);
    const fuser = new IncidentFuser(s.mission.store, s.mission.agreement, { log: () => undefined });
    await fileAndFuse(s.mission.store, fuser, [obs('m1', pointAt(far, 500))], { actor: 'test', nowMs: Date.now() });
    const list = await json(await s.fetch('/api/v1/incidents', { as: as.analyst }));
    const hidden = list.features.map((f: { id: string }) => f.id).find((id: string) => id !== incidentId) as string;
    const res = await s.fetch(`/api/v1/incidents/${hidden}/workflow`, { method: 'POST', as: as.analyst, json: { type: 'triage', reason: 'mission-only report' } });
    const body = await json(res);
    expect(res.status).toBe(200);
    for (const { ledgerIndex } of body.recorded) expect(isSealed(decodeLeaf((await s.mission.store.ledger.entry(ledgerIndex))!))).toBe(true);
    // A liaison neither sees the mission's incident nor has a finding on it: 404, as for a missing one.
    expect((await s.fetch(`/api/v1/incidents/${hidden}/workflow`, { method: 'POST', as: as['liaison-a'], json: { type: 'triage', reason: 'r' } })).status).toBe(404);
    const before = await json(await s.fetch(`/api/v1/incidents/${hidden}/workflow`, { as: as.monitor }));
    await s.mission.store.rebuild();
    expect(await json(await s.fetch(`/api/v1/incidents/${hidden}/workflow`, { as: as.monitor }))).toEqual(before);
  });

  it('refuses an illegal transition with 409 problem+json naming the reason', async () => {
    const res = await post('analyst-2', { type: 'sign_off', reason: 'x' });
    expect(res.status).toBe(403);
    const body = await json(await post('analyst-2', { type: 'confirm_assessment', reason: 'nothing proposed yet' }));
    expect(body).toMatchObject({ status: 409, type: 'urn:truceline:problem:illegal-transition', detail: `incident ${incidentId} has no pending proposal to confirm` });
    // A refused step records nothing.
    expect((await json(await s.fetch(`/api/v1/incidents/${incidentId}/workflow`, { as: as.chief }))).state.seq).toBe(14);
  });
});
