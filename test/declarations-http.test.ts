// Issue 6, "Done when": a declaration above the ceiling, one with a 12% drop, and one contradicted
// by observations each produce the expected finding candidates, through the real HTTP API with a
// liaison user; party isolation; the ledger holds the events and a rebuild reproduces the state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf, isSealed } from '../src/app/events/event.js';
import { fileAndFuse, IncidentFuser } from '../src/app/fusion/index.js';
import { obs, offset, pointAt } from '../src/domain/fusion/test-support/scenario.js';
import type { Observation } from '../src/domain/observation/types.js';
import { distanceToLine, sideOfLine } from '../src/domain/geo/index.js';
import type { LonLat } from '../src/domain/units.js';
import {
  json,
  startTestServer,
  type Session,
  type TestServer,
} from '../src/server/test-harness.js';

let s: TestServer;
let ua: string;
let ru: string;
const as: Record<string, Session> = {};
/** A place on ua's side `km` from the middle of the line, on the perpendicular. */
let inland: (km: number) => LonLat;

function declaration(asOf: string, troops: number, over: Record<string, unknown> = {}) {
  const hq = inland(80);
  return {
    party: ua,
    asOf,
    units: [
      {
        id: 'corps-1',
        name: '1st Corps',
        location: hq,
        personnel: troops - 4200,
        equipment: { battle_tanks: 300, artillery: 400 },
      },
      {
        id: 'bde-12',
        name: '12th Brigade',
        location: offset(hq, 0, 10),
        personnel: 4200,
        equipment: { battle_tanks: 31, armoured_combat_vehicles: 120 },
      },
    ],
    ...over,
  };
}

/** Monitors' reports, stored (and fused) as the server's intake stores them. */
async function file(observations: Observation[]): Promise<void> {
  const fuser = new IncidentFuser(s.mission.store, s.mission.agreement, { log: () => undefined });
  await fileAndFuse(s.mission.store, fuser, observations, { actor: 'test', nowMs: Date.now() });
}

const submit = (who: string, body: unknown) =>
  s.fetch('/api/v1/declarations', { method: 'POST', as: as[who], json: body });

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  [ua, ru] = s.parties;
  for (const who of ['monitor', 'analyst', 'chief', 'liaison-a', 'liaison-b', 'guarantor'] as const)
    as[who] = await s.session(who);
  const line = s.mission.agreement.lineOfContact as readonly LonLat[];
  const mid = line[Math.floor(line.length / 2)]!;
  const uaSide = s.mission.agreement.parties.find((p) => p.id === ua)!.side;
  // The bearing from the middle of the line that goes deepest into ua's side, and along it the
  // first point `km` from the line.
  const deep = (az: number) =>
    sideOfLine(offset(mid, az, 100), line) === uaSide
      ? distanceToLine(offset(mid, az, 100), line).distanceM
      : 0;
  const az = Array.from({ length: 24 }, (_, i) => i * 15).sort((x, y) => deep(y) - deep(x))[0]!;
  inland = (km) => {
    for (let d = 0.5; d < 400; d += 0.5) {
      const p = offset(mid, az, d);
      if (sideOfLine(p, line) === uaSide && distanceToLine(p, line).distanceM >= km * 1000)
        return p;
    }
    throw new Error(`no point ${km} km inside ${ua}'s side`);
  };
});
afterAll(() => s.close());

describe('force declarations over HTTP', () => {
  it('flags a declaration above the 800,000 troop ceiling with its figures', async () => {
    const res = await submit('liaison-a', declaration('2025-01-01', 812_400));
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body).toMatchObject({
      id: `${ua}-2025-01-01`,
      previousId: null,
      submittedBy: 'liaison-a',
    });
    expect(body.candidates).toEqual([
      expect.objectContaining({
        kind: 'ceiling_exceeded',
        party: ua,
        subject: 'troops',
        figures: {
          declared: 812_400,
          ceiling: 800_000,
          excess: 12_400,
          excessPct: 1.55,
          asOf: '2025-01-01',
        },
        text: 'declared 812,400 troops; ceiling 800,000; excess 12,400 (1.6%)',
      }),
    ]);
  });

  it('flags a 12% drop from the previous declaration, and nothing else', async () => {
    const res = await submit('liaison-a', declaration('2025-07-01', 714_912));
    const body = await json(res);
    expect(res.status).toBe(201);
    expect(body.previousId).toBe(`${ua}-2025-01-01`);
    expect(body.candidates).toHaveLength(1);
    expect(body.candidates[0]).toMatchObject({
      kind: 'declared_change',
      subject: 'troops',
      figures: {
        previous: 812_400,
        declared: 714_912,
        change: -97_488,
        changePct: -12,
        previousAsOf: '2025-01-01',
        asOf: '2025-07-01',
      },
      text: 'troops fell from 812,400 (2025-01-01) to 714,912 (2025-07-01): -97,488 (-12.0%)',
    });
  });

  it('flags tanks the monitors saw far from every declared unit holding tanks', async () => {
    const seen = inland(40);
    await file([
      obs('tanks-1', {
        ...pointAt(seen, 200),
        observedAt: '2025-12-20T09:00:00Z',
        event: 'weapon_sighting',
        count: 4,
        weapon: 'tank',
        direction: 'undetermined',
      }),
    ]);
    const res = await submit('liaison-a', declaration('2026-01-01', 714_912));
    const body = await json(res);
    expect(res.status).toBe(201);
    expect(body.candidates).toHaveLength(1);
    const c = body.candidates[0];
    expect(c).toMatchObject({
      kind: 'undeclared_equipment',
      subject: 'battle_tanks',
      observations: ['tanks-1'],
      units: ['corps-1'],
      figures: { count: 4, radiusKm: 25, nearestUnit: 'corps-1', seenAt: '2025-12-20T09:00:00Z' },
    });
    expect(c.figures.distanceKm).toBeGreaterThan(25);
    expect(c.text).toMatch(
      /^4 × tank seen at .* on 2025-12-20T09:00:00Z, \d+\.\d km from the nearest declared unit holding battle tanks \(corps-1\)$/,
    );
  });

  it('re-checks a declaration against observations stored since', async () => {
    const near = inland(12);
    await file([
      obs('guns-1', {
        ...pointAt(near, 200),
        observedAt: '2025-12-28T09:00:00Z',
        event: 'weapon_sighting',
        count: 6,
        weapon: 'artillery',
        calibreMm: 152,
        direction: 'undetermined',
      }),
    ]);
    expect(
      (
        await s.fetch(`/api/v1/declarations/${ua}-2026-01-01/check`, {
          method: 'POST',
          as: as['liaison-a'],
          json: {},
        })
      ).status,
    ).toBe(403);
    const body = await json(
      await s.fetch(`/api/v1/declarations/${ua}-2026-01-01/check`, {
        method: 'POST',
        as: as.analyst,
        json: {},
      }),
    );
    expect(body.changed).toBe(true);
    expect(body.declaration.candidates.map((c: { kind: string }) => c.kind)).toEqual([
      'undeclared_equipment',
      'undeclared_equipment',
      'equipment_in_withdrawal_zone',
    ]);
    expect(body.declaration.candidates[2]).toMatchObject({
      subject: 'artillery',
      figures: { limitKm: 50, rule: 'wd-artillery-100' },
      observations: ['guns-1'],
    });
    const again = await json(
      await s.fetch(`/api/v1/declarations/${ua}-2026-01-01/check`, {
        method: 'POST',
        as: as.chief,
        json: {},
      }),
    );
    expect(again.changed).toBe(false);
  });

  it('keeps parties apart: a liaison submits only for its own party and reads only its own candidates', async () => {
    const forged = await submit('liaison-b', declaration('2026-02-01', 10_000));
    expect(forged.status).toBe(403);
    expect((await json(forged)).detail).toMatch(
      new RegExp(`liaison of ${ru} and may not submit a declaration of ${ua}`),
    );
    expect((await submit('chief', declaration('2026-02-01', 10_000))).status).toBe(403);
    // Declarations are exchanged among the parties; candidates are not.
    const other = await json(
      await s.fetch(`/api/v1/declarations/${ua}-2025-01-01`, { as: as['liaison-b'] }),
    );
    expect(other.declaration.units).toHaveLength(2);
    expect(other.candidates).toBeUndefined();
    expect(
      (await json(await s.fetch(`/api/v1/declarations/${ua}-2025-01-01`, { as: as.guarantor })))
        .candidates,
    ).toBeUndefined();
    expect(
      (await json(await s.fetch(`/api/v1/declarations/${ua}-2025-01-01`, { as: as['liaison-a'] })))
        .candidates,
    ).toHaveLength(1);
    expect(
      (await json(await s.fetch(`/api/v1/declarations/${ua}-2025-01-01`, { as: as.monitor })))
        .candidates,
    ).toHaveLength(1);
    expect((await s.fetch(`/api/v1/declarations/${ua}-2025-01-01`)).status).toBe(401);
    const list = await json(
      await s.fetch(`/api/v1/declarations?party=${ua}`, { as: as['liaison-b'] }),
    );
    expect(list.declarations.map((d: { id: string }) => d.id)).toEqual([
      `${ua}-2025-01-01`,
      `${ua}-2025-07-01`,
      `${ua}-2026-01-01`,
    ]);
    expect(
      list.declarations.every((d: { candidates?: unknown }) => d.candidates === undefined),
    ).toBe(true);
    // The other party declares its own: no ceiling binds it.
    const own = await submit('liaison-b', {
      party: ru,
      asOf: '2026-01-01',
      units: [
        { id: 'army-8', name: '8th Army', location: offset(inland(80), 0, 0.1), personnel: 30_000 },
      ],
    });
    expect(own.status).toBe(201);
  });

  it('answers the same declaration again as a no-op, other figures for the same date as a conflict, a bad field by name', async () => {
    const size = await s.mission.store.ledger.size();
    const same = await submit('liaison-a', declaration('2025-01-01', 812_400));
    expect(same.status).toBe(200);
    expect(await s.mission.store.ledger.size()).toBe(size);
    const changed = await submit('liaison-a', declaration('2025-01-01', 812_401));
    expect(changed.status).toBe(409);
    const bad = await json(
      await submit(
        'liaison-a',
        declaration('2026-03-01', 10, {
          units: [{ id: 'x', name: 'X', location: [37, 48], personnel: -3 }],
        }),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.detail).toMatch(/units\[0\]\.personnel/);
  });

  it('records every declaration sealed in the ledger, and a rebuild reproduces them', async () => {
    const d = await json(await s.fetch(`/api/v1/declarations/${ua}-2026-01-01`, { as: as.chief }));
    const leaf = decodeLeaf((await s.mission.store.ledger.entry(d.ledgerIndex))!);
    expect(isSealed(leaf)).toBe(true);
    const before = await json(await s.fetch('/api/v1/declarations', { as: as.chief }));
    expect(before.declarations).toHaveLength(4);
    expect((await s.mission.store.auditState()).differences).toEqual([]);
    await s.mission.store.rebuild();
    expect(await json(await s.fetch('/api/v1/declarations', { as: as.chief }))).toEqual(before);
  });
});
