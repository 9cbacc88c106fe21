/**
 * Reports over HTTP: a draft only for mission staff, publication only by the chief monitor, the
 * published copy public and verifiable against the server's log, the `report.published` ledger
 * event, and a rebuild of the state reproducing the served report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf } from '../src/app/events/event.js';
import { fileAndFuse, IncidentFuser } from '../src/app/fusion/index.js';
import { missionVerifierKey } from '../src/app/mission.js';
import { modelSha256, verifyReportCopy } from '../src/app/reports/index.js';
import { obs, offset, pointAt } from '../src/domain/fusion/test-support/scenario.js';
import type { ReportModel } from '../src/domain/report/index.js';
import type { LonLat } from '../src/domain/units.js';
import {
  json,
  startTestServer,
  type Session,
  type TestServer,
} from '../src/server/test-harness.js';

// The fixtures' reports are at 18:40Z on 1 March: after the 19:30 EET (17:30Z) close, so in the 2nd's report.
const DAY = '2026-03-02';

let s: TestServer;
const as: Record<string, Session> = {};
let published: ReportModel;

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  for (const c of ['monitor', 'analyst', 'chief', 'liaison-a', 'guarantor', 'admin'] as const)
    as[c] = await s.session(c);
  const line = s.mission.agreement.lineOfContact as readonly LonLat[];
  const a = offset(line[Math.floor(line.length / 2)]!, 90, 3);
  const b = offset(line[Math.floor(line.length / 3)]!, 270, 3);
  const fuser = new IncidentFuser(s.mission.store, s.mission.agreement, { log: () => undefined });
  await fileAndFuse(
    s.mission.store,
    fuser,
    [
      obs('r1', { ...pointAt(a, 500), visibility: 'public', count: 12 }),
      obs('r2', { ...pointAt(b, 500), event: 'muzzle_flash', direction: 'outgoing', count: 3 }),
      // A party's confidential filing: not in a public report.
      obs('r3', {
        ...pointAt(offset(a, 0, 60), 500),
        source: { kind: 'party', party: s.parties[0] },
        visibility: 'party-confidential',
        count: 40,
      }),
    ],
    { actor: 'test', nowMs: Date.now() },
  );
}, 60_000);
afterAll(() => s.close());

const get = (path: string, who?: string) => s.fetch(path, { as: who ? as[who] : undefined });
const publish = (who: string | undefined, body: unknown = {}) =>
  s.fetch(`/api/v1/reports/${DAY}/publish`, {
    method: 'POST',
    as: who ? as[who] : undefined,
    json: body,
  });

describe('reports over HTTP', () => {
  it('lists no report before one is published', async () => {
    const res = await get('/api/v1/reports');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ reports: [] });
  });

  it('shows a draft only to mission staff; others get 404 as for no report', async () => {
    for (const who of [undefined, 'liaison-a', 'guarantor']) {
      const res = await get(`/api/v1/reports/${DAY}`, who);
      expect(res.status, String(who)).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const res = await get(`/api/v1/reports/${DAY}?lang=uk`, 'monitor');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const draft = (await json(res)) as ReportModel;
    expect(draft.publication).toBeNull();
    expect(draft.totals.current).toEqual({
      total: 15,
      explosions: 12,
      projectilesInFlight: 0,
      muzzleFlashes: 3,
      smallArmsBursts: 0,
      illuminationFlares: 0,
    });
    expect(draft.map.points).toHaveLength(2);
  });

  it('refuses bad dates and parameters with 400', async () => {
    expect((await get('/api/v1/reports/2026-02-30', 'monitor')).status).toBe(400);
    expect((await get(`/api/v1/reports/${DAY}?lang=de`, 'monitor')).status).toBe(400);
    expect((await get(`/api/v1/reports/${DAY}?format=docx`, 'monitor')).status).toBe(400);
  });

  it('lets only the chief monitor publish', async () => {
    expect((await publish(undefined)).status).toBe(401);
    for (const who of ['monitor', 'analyst', 'admin', 'guarantor', 'liaison-a'])
      expect((await publish(who)).status, who).toBe(403);
    expect((await get('/api/v1/reports')).status).toBe(200);
    expect((await json(await get('/api/v1/reports'))).reports).toEqual([]);
  });

  it('publishes as the chief: a report.published ledger event commits to the model', async () => {
    const res = await publish('chief', { kind: 'daily' });
    expect(res.status).toBe(201);
    published = (await json(res)) as ReportModel;
    const p = published.publication!;
    expect(p.approvedBy).toBe('chief');
    expect(p.modelSha256).toBe(modelSha256(published));
    expect(p.treeSize).toBe(p.ledgerIndex + 1);
    const leaf = decodeLeaf((await s.mission.store.ledger.entry(p.ledgerIndex))!);
    expect(leaf).toMatchObject({
      type: 'report.published',
      actor: 'user:chief',
      data: { modelSha256: p.modelSha256, kind: 'daily', date: DAY },
    });
    const again = await publish('chief');
    expect(again.status).toBe(409);
    expect((await json(again)).detail).toMatch(/already published/);
    const early = await s.fetch('/api/v1/reports/2099-01-01/publish', {
      method: 'POST',
      as: as.chief,
      json: {},
    });
    expect(early.status).toBe(409);
    expect((await json(early)).detail).toMatch(/published after its period closes/);
  });

  it('serves the published report to everyone, the same in every language as JSON', async () => {
    for (const who of [undefined, 'liaison-a', 'guarantor', 'monitor']) {
      const res = await get(`/api/v1/reports/${DAY}?kind=daily&lang=ru&format=json`, who);
      expect(res.status, String(who)).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await json(res)).toEqual(published);
    }
    const list = (await json(await get('/api/v1/reports'))).reports;
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'daily',
        date: DAY,
        approvedBy: 'chief',
        ledgerIndex: published.publication!.ledgerIndex,
      }),
    ]);
    expect((await get(`/api/v1/reports/${DAY}?kind=weekly`)).status).toBe(404);
  });

  it('verifies the copy against the server log', async () => {
    const key = missionVerifierKey(s.mission);
    const ok = await verifyReportCopy(published, {
      keys: [key],
      live: { kind: 'http', base: s.base },
    });
    expect(ok.lines.filter((l) => !l.ok)).toEqual([]);
    expect(ok.lines).toHaveLength(5);
    const forged = {
      ...published,
      publication: { ...published.publication!, approvedBy: 'monitor' },
    };
    const bad = await verifyReportCopy(forged, {
      keys: [key],
      live: { kind: 'http', base: s.base },
    });
    expect(bad.ok).toBe(false);
    expect(
      bad.lines
        .filter((l) => !l.ok)
        .map((l) => l.what)
        .join('\n'),
    ).toMatch(/inclusion of entry/);
  });

  it('reproduces the served report after a rebuild of the state from the ledger', async () => {
    expect((await s.mission.store.auditState()).differences).toEqual([]);
    await s.mission.store.rebuild();
    expect(await json(await get(`/api/v1/reports/${DAY}`))).toEqual(published);
  });

  it('renders the published report as HTML and PDF', async () => {
    const html = await get(`/api/v1/reports/${DAY}?lang=uk&format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    const pdf = await get(`/api/v1/reports/${DAY}?lang=en&format=pdf`);
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
  }, 60_000);
});
