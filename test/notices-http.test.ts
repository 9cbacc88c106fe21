// Issue 6, "Done when": a demining notice excuses in-window explosions inside its area and not
// outside it (nor outside its window), artillery fire is never what it covers; a window of silence
// proposed by one party and agreed by the other; reply deadlines lapse on time; the ledger holds
// the events and a rebuild reproduces the state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf, isSealed } from '../src/app/events/event.js';
import { fileAndFuse, IncidentFuser } from '../src/app/fusion/index.js';
import { createUser } from '../src/app/identity/users.js';
import { readWorkflow } from '../src/app/workflow/index.js';
import { startReplyLapseScheduler } from '../src/app/workflow/reply-lapse.js';
import { obs, offset, pointAt } from '../src/domain/fusion/test-support/scenario.js';
import { distanceToLine, sideOfLine } from '../src/domain/geo/index.js';
import type { Observation } from '../src/domain/observation/types.js';
import type { LonLat } from '../src/domain/units.js';
import {
  json,
  startTestServer,
  TEST_PASSWORD,
  type Session,
  type TestServer,
} from '../src/server/test-harness.js';

let s: TestServer;
let ua: string;
let ru: string;
let clock = Date.parse('2026-03-01T00:00:00Z');
const as: Record<string, Session> = {};
/** Inside ua's side, 30 km from the line: the centre of the demining area. */
let site: LonLat;
const incidentOf: Record<string, string> = {};

const square = (c: LonLat, d: number): LonLat[][] => [
  [
    [c[0] - d, c[1] - d],
    [c[0] + d, c[1] - d],
    [c[0] + d, c[1] + d],
    [c[0] - d, c[1] + d],
    [c[0] - d, c[1] - d],
  ],
];
const window = { from: '2026-03-02T06:00:00Z', to: '2026-03-02T16:00:00Z' };

async function file(observations: Observation[]): Promise<void> {
  const fuser = new IncidentFuser(s.mission.store, s.mission.agreement, { log: () => undefined });
  await fileAndFuse(s.mission.store, fuser, observations, { actor: 'test', nowMs: Date.now() });
}

async function login(name: string): Promise<Session> {
  const res = await fetch(`${s.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login as ${name}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

/** Sessions expire on the server's clock: log everyone in again after moving it. */
async function loginAll(): Promise<void> {
  for (const who of [
    'monitor',
    'analyst',
    'analyst-2',
    'chief',
    'liaison-a',
    'liaison-b',
    'guarantor',
  ])
    as[who] = await login(who);
}

async function incident(id: string, who = 'analyst') {
  return json(await s.fetch(`/api/v1/incidents/${incidentOf[id]}`, { as: as[who] }));
}

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 }, { now: () => clock });
  [ua, ru] = s.parties;
  await createUser(
    s.app.identity,
    { name: 'analyst-2', role: 'analyst', party: null, password: TEST_PASSWORD },
    { actor: 'system', nowMs: Date.now() },
  );
  await loginAll();
  const line = s.mission.agreement.lineOfContact as readonly LonLat[];
  const mid = line[Math.floor(line.length / 2)]!;
  const uaSide = s.mission.agreement.parties.find((p) => p.id === ua)!.side;
  const deep = (az: number) =>
    sideOfLine(offset(mid, az, 100), line) === uaSide
      ? distanceToLine(offset(mid, az, 100), line).distanceM
      : 0;
  const az = Array.from({ length: 24 }, (_, i) => i * 15).sort((x, y) => deep(y) - deep(x))[0]!;
  for (let d = 0.5; d < 400 && !site; d += 0.5) {
    const p = offset(mid, az, d);
    if (sideOfLine(p, line) === uaSide && distanceToLine(p, line).distanceM >= 30_000) site = p;
  }
  const at = (h: string) => ({ from: `2026-03-${h}:00Z`, to: `2026-03-${h}:05Z` });
  await file([
    // Inside the area during the window: a controlled explosion, and artillery 4 km away later.
    obs('in-window', { ...pointAt(site, 200), observedAt: at('02T10:00'), count: 3 }),
    obs('artillery', {
      ...pointAt(offset(site, 90, 4), 200),
      observedAt: at('02T14:00'),
      weapon: 'artillery',
    }),
    // Outside the area, during the window; inside the area, the next day.
    obs('outside', { ...pointAt(offset(site, 90, 20), 200), observedAt: at('02T10:00') }),
    obs('next-day', { ...pointAt(site, 200), observedAt: at('03T10:00') }),
  ]);
  const list = await json(await s.fetch('/api/v1/incidents', { as: as.analyst }));
  for (const f of list.features)
    for (const o of f.properties.observationIds as string[]) incidentOf[o] = f.id;
  expect(Object.keys(incidentOf).sort()).toEqual(['artillery', 'in-window', 'next-day', 'outside']);
  expect(new Set(Object.values(incidentOf)).size).toBe(4);
});
afterAll(() => s.close());

describe('de-confliction notices over HTTP', () => {
  it('a demining notice, filed after the fact was fused, excuses the in-window explosion inside its area and nothing else', async () => {
    expect((await incident('in-window')).properties.notices).toEqual({
      verdict: 'none',
      matched: [],
      noticeId: null,
      reason: null,
    });
    const notice = {
      id: 'ntc-ua-1',
      party: ua,
      kind: 'demining',
      purpose: 'clear the N-20 verge',
      area: square(site, 0.06),
      window,
    };
    // Only the announcing party's liaison announces its notices.
    expect(
      (await s.fetch('/api/v1/notices', { method: 'POST', as: as['liaison-b'], json: notice }))
        .status,
    ).toBe(403);
    const res = await s.fetch('/api/v1/notices', {
      method: 'POST',
      as: as['liaison-a'],
      json: notice,
    });
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({
      status: 'announced',
      announcedBy: 'liaison-a',
      late: null,
      notice: { filedAt: '2026-03-01T00:00:00.000Z' },
    });
    expect(
      (await s.fetch('/api/v1/notices', { method: 'POST', as: as['liaison-a'], json: notice }))
        .status,
    ).toBe(409);

    expect((await incident('in-window')).properties.notices).toEqual({
      verdict: 'excused',
      matched: ['ntc-ua-1'],
      noticeId: 'ntc-ua-1',
      reason: 'inside the area and window of demining notice ntc-ua-1 (clear the N-20 verge)',
    });
    expect((await incident('artillery')).properties.notices).toMatchObject({
      verdict: 'not_excused',
      noticeId: 'ntc-ua-1',
      reason: expect.stringMatching(
        /covers controlled explosions inside its area, not explosion \(artillery\)/,
      ),
    });
    expect((await incident('outside')).properties.notices.verdict).toBe('none');
    expect((await incident('next-day')).properties.notices.verdict).toBe('none');
    // The list says the same.
    const list = await json(await s.fetch('/api/v1/incidents', { as: as.chief }));
    const verdicts = Object.fromEntries(
      list.features.map((f: { id: string; properties: { notices: { verdict: string } } }) => [
        f.id,
        f.properties.notices.verdict,
      ]),
    );
    expect(verdicts[incidentOf['in-window']!]).toBe('excused');
    expect(verdicts[incidentOf['outside']!]).toBe('none');
    // The notice lists the incidents it holds, as far as the caller may see them.
    const held = await json(await s.fetch('/api/v1/notices/ntc-ua-1', { as: as.analyst }));
    expect(
      held.incidents
        .map((m: { incidentId: string; verdict: string }) => [m.incidentId, m.verdict])
        .sort(),
    ).toEqual(
      [
        [incidentOf['artillery'], 'not_excused'],
        [incidentOf['in-window'], 'excused'],
      ].sort(),
    );
    expect(
      (await json(await s.fetch('/api/v1/notices/ntc-ua-1', { as: as['liaison-a'] }))).incidents,
    ).toEqual([]);
  });

  it("shows a notice by the agreement's rules: owed notices to the other party, mission-only ones not", async () => {
    expect(
      (await json(await s.fetch('/api/v1/notices/ntc-ua-1', { as: as['liaison-b'] }))).notice.kind,
    ).toBe('demining');
    expect((await s.fetch('/api/v1/notices/ntc-ua-1')).status).toBe(404);
    // A small rotation no duty requires, kept to the mission; 10 h ahead of its window.
    const rotation = {
      id: 'ntc-ua-2',
      party: ua,
      kind: 'rotation',
      purpose: 'relief of a company',
      area: square(site, 0.02),
      window: { from: '2026-03-01T10:00:00Z', to: '2026-03-01T20:00:00Z' },
      visibility: 'mission',
      troops: 120,
    };
    expect(
      (await s.fetch('/api/v1/notices', { method: 'POST', as: as['liaison-a'], json: rotation }))
        .status,
    ).toBe(201);
    expect((await s.fetch('/api/v1/notices/ntc-ua-2', { as: as['liaison-b'] })).status).toBe(404);
    expect((await s.fetch('/api/v1/notices/ntc-ua-2', { as: as.guarantor })).status).toBe(404);
    expect(
      (await json(await s.fetch('/api/v1/notices', { as: as['liaison-b'] }))).notices.map(
        (n: { notice: { id: string } }) => n.notice.id,
      ),
    ).toEqual(['ntc-ua-1']);
    expect((await json(await s.fetch('/api/v1/notices', { as: as.monitor }))).notices).toHaveLength(
      2,
    );
    // A demining notice filed 2 h ahead is late under the 24 h duty.
    const late = await json(
      await s.fetch('/api/v1/notices', {
        method: 'POST',
        as: as['liaison-a'],
        json: {
          id: 'ntc-ua-3',
          party: ua,
          kind: 'demining',
          purpose: 'verge',
          area: square(offset(site, 180, 50), 0.01),
          window: { from: '2026-03-01T02:00:00Z', to: '2026-03-01T08:00:00Z' },
        },
      }),
    );
    expect(late.late).toMatchObject({ duty: 'nd-demining', leadTimeHours: 24, filedHoursAhead: 2 });
    // The filing party withdraws its own, once.
    expect(
      (
        await s.fetch('/api/v1/notices/ntc-ua-3/withdraw', {
          method: 'POST',
          as: as['liaison-b'],
          json: { reason: 'not yours' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await json(
          await s.fetch('/api/v1/notices/ntc-ua-3/withdraw', {
            method: 'POST',
            as: as['liaison-a'],
            json: { reason: 'postponed' },
          }),
        )
      ).status,
    ).toBe('withdrawn');
    expect(
      (
        await s.fetch('/api/v1/notices/ntc-ua-3/withdraw', {
          method: 'POST',
          as: as['liaison-a'],
          json: { reason: 'again' },
        })
      ).status,
    ).toBe(409);
  });

  it('a window of silence proposed by one party is agreed by the other, and monitored', async () => {
    const repair = offset(site, 90, 20);
    const propose = (id: string) =>
      s.fetch('/api/v1/silences', {
        method: 'POST',
        as: as['liaison-a'],
        json: {
          id,
          site: repair,
          radiusKm: 2,
          window,
          purpose: 'repair the water main',
          reason: 'pumping station down',
        },
      });
    const proposed = await json(await propose('sil-1'));
    expect(proposed.event).toMatchObject({
      type: 'silence.proposed',
      to: 'proposed',
      silence: { consents: [{ party: ua, by: 'liaison-a' }] },
    });
    expect((await propose('sil-1')).status).toBe(409);
    // The proposer's party has agreed already; the mission cannot agree for a party.
    const own = await s.fetch('/api/v1/silences/sil-1/agree', {
      method: 'POST',
      as: as['liaison-a'],
      json: { reason: 'yes' },
    });
    expect(own.status).toBe(409);
    expect((await json(own)).detail).toMatch(new RegExp(`${ua} already agreed`));
    expect(
      (
        await s.fetch('/api/v1/silences/sil-1/agree', {
          method: 'POST',
          as: as.chief,
          json: { reason: 'yes' },
        })
      ).status,
    ).toBe(403);
    const agreed = await json(
      await s.fetch('/api/v1/silences/sil-1/agree', {
        method: 'POST',
        as: as['liaison-b'],
        json: { reason: 'crews may work' },
      }),
    );
    expect(agreed.event).toMatchObject({
      type: 'silence.consented',
      by: 'liaison-b',
      party: ru,
      from: 'proposed',
      to: 'agreed',
    });
    // The explosion 20 km east of the demining site fell on the repair site during the window.
    const read = await json(await s.fetch('/api/v1/silences/sil-1', { as: as['liaison-b'] }));
    expect(read.silence.status).toBe('agreed');
    expect(read.events.map((e: { event: { type: string } }) => e.event.type)).toEqual([
      'silence.proposed',
      'silence.consented',
    ]);
    expect(read.breaches).toEqual([
      expect.objectContaining({ silenceId: 'sil-1', subjectId: incidentOf['outside'] }),
    ]);
    expect(read.breaches[0].distanceKm).toBeLessThan(0.5);

    await propose('sil-2');
    const declined = await json(
      await s.fetch('/api/v1/silences/sil-2/decline', {
        method: 'POST',
        as: as['liaison-b'],
        json: { reason: 'active shelling' },
      }),
    );
    expect(declined.event).toMatchObject({ type: 'silence.declined', to: 'declined' });
    expect(
      (await json(await s.fetch('/api/v1/silences/sil-2', { as: as.monitor }))).breaches,
    ).toEqual([]);
    expect((await s.fetch('/api/v1/silences/sil-2')).status).toBe(401);
  });

  it('records finding.reply_lapsed when the reply deadline passes, on the injected clock', async () => {
    const id = incidentOf['next-day']!;
    const step = async (who: string, command: Record<string, unknown>) => {
      const res = await s.fetch(`/api/v1/incidents/${id}/workflow`, {
        method: 'POST',
        as: as[who],
        json: command,
      });
      const body = await json(res);
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body;
    };
    clock = Date.parse('2026-03-04T00:00:00Z');
    await loginAll();
    await step('analyst', {
      type: 'triage',
      reason: 'explosion in a demining area outside its window',
    });
    await step('chief', {
      type: 'assign_analyst',
      analyst: 'analyst',
      dueAt: '2026-03-06T00:00:00Z',
      reason: 'sector lead',
    });
    await step('analyst', { type: 'start_investigation', reason: 'no notice covers the day' });
    await step('analyst', {
      type: 'propose_assessment',
      outcome: 'verified',
      finding: {
        summary: 'explosion outside the notified window',
        attributedTo: ua,
        provisions: ['ceasefire'],
        escalationRelevant: false,
      },
      reason: 'crater',
    });
    const verified = await step('analyst-2', { type: 'confirm_assessment', reason: 'checked' });
    expect(verified.status).toBe('verified');
    const deadline = verified.state.findings[0].reply.deadline as string;
    expect(Date.parse(deadline)).toBe(Date.parse('2026-03-07T00:00:00Z'));
    // The incident list follows the workflow's status.
    const listed = await json(await s.fetch('/api/v1/incidents?status=verified', { as: as.chief }));
    expect(listed.features.map((f: { id: string }) => f.id)).toEqual([id]);
    expect(listed.features[0].properties.status).toBe('verified');

    const scheduler = startReplyLapseScheduler({
      store: s.mission.store,
      now: () => clock,
      intervalMs: 20,
    });
    try {
      clock = Date.parse(deadline);
      expect(await scheduler.runNow()).toEqual([]);
      clock = Date.parse(deadline) + 1000;
      let lapsed;
      for (let i = 0; i < 200 && !lapsed; i++) {
        await new Promise((r) => setTimeout(r, 20));
        lapsed = (await readWorkflow(s.mission.store, id))?.events.find(
          (e) => e.event.type === 'finding.reply_lapsed',
        );
      }
      expect(lapsed?.event).toMatchObject({
        by: 'system',
        at: '2026-03-07T00:00:01.000Z',
        reply: { status: 'lapsed', party: ua },
      });
      expect(await scheduler.runNow()).toEqual([]);
    } finally {
      await scheduler.stop();
    }
    await loginAll();
    const reply = await s.fetch(`/api/v1/incidents/${id}/workflow`, {
      method: 'POST',
      as: as['liaison-a'],
      json: { type: 'reply', findingId: `${id}/finding-1`, reason: 'too late' },
    });
    expect(reply.status).toBe(409);
  });

  it('counts restrictions of freedom of movement per party and kind, from what the caller may see', async () => {
    const restriction = (
      id: string,
      kind: string,
      party: string | undefined,
      extra: Record<string, unknown> = {},
    ) =>
      obs(id, {
        ...pointAt(offset(site, 0, 40), 100),
        observedAt: '2026-03-02T08:00:00Z',
        event: 'restriction',
        count: 1,
        weapon: 'undetermined',
        direction: 'undetermined',
        restriction: { kind, ...(party ? { party } : {}) },
        ...extra,
      });
    await file([
      restriction('fom-1', 'denied_passage', ru),
      restriction('fom-2', 'denied_passage', ru, { visibility: 'public' }),
      restriction('fom-3', 'uav_jammed', undefined),
      restriction('fom-4', 'escort_required', ua),
      // A party's confidential complaint: only that party and the mission count it.
      restriction('fom-5', 'area_mined', ru, {
        visibility: 'party-confidential',
        source: { kind: 'party', id: 'ru-liaison', party: ru },
      }),
    ]);
    const summary = async (who?: string) =>
      json(
        await s.fetch(
          '/api/v1/restrictions/summary?from=2026-03-02T00:00:00Z&to=2026-03-03T00:00:00Z',
          { as: who ? as[who] : undefined },
        ),
      );
    const mission = await summary('monitor');
    expect(mission).toMatchObject({
      total: 5,
      byKind: { denied_passage: 2, uav_jammed: 1, escort_required: 1, area_mined: 1 },
    });
    expect(mission.byParty[ru]).toMatchObject({
      total: 3,
      byKind: { denied_passage: 2, area_mined: 1 },
    });
    expect(mission.byParty[ua].total).toBe(1);
    expect(mission.byParty.unattributed.total).toBe(1);
    expect((await summary('liaison-a')).total).toBe(1);
    expect((await summary('liaison-b')).byParty[ru].total).toBe(2);
    expect((await summary()).total).toBe(1);
    expect(
      (
        await s.fetch(
          '/api/v1/restrictions/summary?from=2026-03-03T00:00:00Z&to=2026-03-02T00:00:00Z',
          { as: as.monitor },
        )
      ).status,
    ).toBe(400);
  });

  it('holds every step in the ledger, and a rebuild reproduces notices, windows and statuses', async () => {
    const notice = await json(await s.fetch('/api/v1/notices/ntc-ua-1', { as: as.chief }));
    expect(decodeLeaf((await s.mission.store.ledger.entry(notice.ledgerIndex))!)).toMatchObject({
      type: 'notice.announced',
      actor: 'user:liaison-a',
    });
    const mission = await json(await s.fetch('/api/v1/notices/ntc-ua-2', { as: as.chief }));
    expect(isSealed(decodeLeaf((await s.mission.store.ledger.entry(mission.ledgerIndex))!))).toBe(
      true,
    );
    const read = async () =>
      Promise.all(
        [
          '/api/v1/notices',
          '/api/v1/silences',
          '/api/v1/incidents?status=verified',
          `/api/v1/incidents/${incidentOf['in-window']}`,
        ].map(async (p) => json(await s.fetch(p, { as: as.chief }))),
      );
    const before = await read();
    expect((await s.mission.store.auditState()).differences).toEqual([]);
    await s.mission.store.rebuild();
    expect(await read()).toEqual(before);
  });
});
