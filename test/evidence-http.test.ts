// Issue 6, evidence custody over the real HTTP API with distinct users: upload (type from the
// bytes, EXIF compared with the observation), who sees what, views, transfers, the incident
// bundle (verified offline), and the ledger holding every custody event in order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLeaf, isSealed } from '../src/app/events/event.js';
import { exe, jpegWithExif, pdf } from '../src/app/evidence/test-support/files.js';
import { verifyBundle } from '../src/app/evidence/verify-bundle.js';
import { fileAndFuse, IncidentFuser } from '../src/app/fusion/index.js';
import { missionVerifierKey } from '../src/app/mission.js';
import { obs, offset, pointAt, sectorTo } from '../src/domain/fusion/test-support/scenario.js';
import type { LonLat } from '../src/domain/units.js';
import {
  json,
  startTestServer,
  type Session,
  type TestServer,
} from '../src/server/test-harness.js';

let s: TestServer;
const as: Record<string, Session> = {};
const tmp = mkdtempSync(join(tmpdir(), 'truceline-evidence-http-'));
let here: LonLat;
let photo: Buffer;
let monitorIncident: string;
let partyIncident: string;

async function incidentOf(observationId: string): Promise<string> {
  const page = await s.mission.store.queryIncidents!({ limit: 100 });
  const found = page.items.find((i) => i.incident.observationIds.includes(observationId));
  if (!found) throw new Error(`fusion opened no incident for ${observationId}`);
  return found.incident.id;
}

const upload = (who: string, body: Uint8Array, query: Record<string, string>) =>
  s.fetch(`/api/v1/evidence?${new URLSearchParams(query)}`, {
    method: 'POST',
    as: as[who],
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });

beforeAll(async () => {
  s = await startTestServer({ loginPerMinutePerIp: 10_000 });
  for (const c of [
    'monitor',
    'analyst',
    'chief',
    'liaison-a',
    'liaison-b',
    'guarantor',
    'admin',
  ] as const)
    as[c] = await s.session(c);
  const line = s.mission.agreement.lineOfContact as readonly LonLat[];
  here = offset(line[Math.floor(line.length / 2)]!, 0, 20);
  const there = offset(here, 90, 60);
  const fuser = new IncidentFuser(s.mission.store, s.mission.agreement, { log: () => undefined });
  await fileAndFuse(
    s.mission.store,
    fuser,
    [
      obs('m1', {
        ...sectorTo(here, offset(here, 180, 3), 10, 1),
        visibility: 'public',
        count: 12,
      }),
      obs('pa1', {
        ...pointAt(there, 500),
        source: { kind: 'party', party: s.parties[0] },
        visibility: 'party-confidential',
      }),
    ],
    { actor: 'test', nowMs: Date.now() },
  );
  monitorIncident = await incidentOf('m1');
  partyIncident = await incidentOf('pa1');
  photo = await jpegWithExif({
    takenAt: '2026:03:01 18:42:05',
    offset: '+00:00',
    lat: here[1] + 0.001,
    lon: here[0],
  });
});
afterAll(async () => {
  await s?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('evidence custody over HTTP', () => {
  let photoSha: string;
  let pdfSha: string;

  it('a monitor uploads a photo: type from the bytes, EXIF compared with the observation, a thumbnail', async () => {
    const res = await upload('monitor', photo, { observationId: 'm1', filename: 'crater.txt' });
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    const e = body.evidence;
    photoSha = e.sha256;
    expect(e).toMatchObject({
      size: photo.length,
      mediaType: 'image/jpeg',
      kind: 'photo',
      custodian: 'mission',
    });
    const u = e.uploads[0];
    expect(u).toMatchObject({
      originalName: 'crater.txt',
      uploader: 'user:monitor',
      observationId: 'm1',
      visibility: 'public',
    });
    expect(u.exif.takenAt).toEqual({ at: '2026-03-01T18:42:05.000Z', zone: 'stated' });
    expect(u.comparison).toMatchObject({
      observationId: 'm1',
      timeDifferenceS: 0,
      consistent: true,
    });
    expect(u.comparison.distanceM).toBeGreaterThan(100);
    expect(u.comparison.distanceM).toBeLessThan(120);
    expect(e.thumbnailSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same bytes to the same observation are one upload; a renamed executable is refused naming the field', async () => {
    const again = await upload('analyst', photo, { observationId: 'm1' });
    expect(again.status).toBe(200);
    expect((await json(again)).duplicate).toBe(true);
    const bad = await upload('monitor', exe(), { observationId: 'm1', filename: 'photo.jpg' });
    expect(bad.status).toBe(400);
    const problem = await json(bad);
    expect(problem.errors[0].path).toBe('file');
    expect(problem.detail).toMatch(/not accepted/);
    const none = await upload('monitor', photo, {});
    expect(none.status).toBe(400);
    expect((await json(none)).errors[0].path).toBe('observationId');
  });

  it("a liaison uploads only to its own party's filings, sealed like them; the other party never sees them", async () => {
    expect((await upload('liaison-b', pdf(), { observationId: 'pa1' })).status).toBe(404);
    expect((await upload('liaison-a', pdf(), { observationId: 'm1' })).status).toBe(403);
    const res = await upload('liaison-a', pdf(), {
      observationId: 'pa1',
      filename: 'complaint.pdf',
    });
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    pdfSha = body.evidence.sha256;
    expect(body.evidence.uploads[0]).toMatchObject({
      visibility: 'party-confidential',
      party: s.parties[0],
    });
    expect(isSealed(decodeLeaf((await s.mission.store.ledger.entry(body.ledgerIndex))!))).toBe(
      true,
    );

    expect((await s.fetch(`/api/v1/evidence/${pdfSha}`, { as: as['liaison-b'] })).status).toBe(404);
    expect(
      (await s.fetch(`/api/v1/evidence/${pdfSha}/content`, { as: as['liaison-b'] })).status,
    ).toBe(404);
    expect((await s.fetch(`/api/v1/evidence/${pdfSha}`, { as: as['liaison-a'] })).status).toBe(200);
    expect((await s.fetch(`/api/v1/evidence/${pdfSha}`, { as: as.analyst })).status).toBe(200);
    expect(
      (
        await json(
          await s.fetch(`/api/v1/incidents/${partyIncident}/evidence`, { as: as['liaison-b'] }),
        )
      ).status,
    ).toBe(404);
    // The photo of a public observation is visible to both liaisons; guarantors and the public reach no evidence.
    expect((await s.fetch(`/api/v1/evidence/${photoSha}`, { as: as['liaison-b'] })).status).toBe(
      200,
    );
    expect((await s.fetch(`/api/v1/evidence/${photoSha}`, { as: as.guarantor })).status).toBe(403);
    expect((await s.fetch(`/api/v1/evidence/${photoSha}`)).status).toBe(401);
  });

  it('content is served as an attachment of its detected type, and each read is recorded', async () => {
    const head = await s.fetch(`/api/v1/evidence/${photoSha}/content`, {
      method: 'HEAD',
      as: as.analyst,
    });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(photo.length));
    const res = await s.fetch(`/api/v1/evidence/${photoSha}/content`, { as: as.analyst });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${photoSha}.jpg"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);
    const e = await json(await s.fetch(`/api/v1/evidence/${photoSha}`, { as: as.analyst }));
    expect(e.custody.map((c: { type: string; actor: string }) => `${c.type} ${c.actor}`)).toEqual([
      'evidence.uploaded user:monitor',
      'evidence.viewed user:analyst',
    ]);

    const thumb = await s.fetch(`/api/v1/evidence/${photoSha}/thumbnail`, { as: as.monitor });
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBe(320);
    expect(meta.exif).toBeUndefined();
    expect((await s.fetch(`/api/v1/evidence/${pdfSha}/thumbnail`, { as: as.analyst })).status).toBe(
      404,
    );
  });

  it("streams an upload larger than the server's JSON body limit (its own limit applies)", async () => {
    const text = Buffer.alloc(12 * 1024 * 1024, 'patrol log line\n');
    const res = await upload('monitor', text, { incidentId: monitorIncident, filename: 'log.txt' });
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.evidence).toMatchObject({
      size: text.length,
      mediaType: 'text/plain',
      kind: 'document',
    });
  });

  it('custody is transferred with a reason; a stale "from" is refused', async () => {
    const to = 'guarantor investigator (Team 3)';
    const res = await s.fetch(`/api/v1/evidence/${photoSha}/transfer`, {
      method: 'POST',
      as: as.chief,
      json: { to, reason: "handed over for the guarantors' inquiry" },
    });
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.evidence.custodian).toBe(to);
    const stale = await s.fetch(`/api/v1/evidence/${photoSha}/transfer`, {
      method: 'POST',
      as: as.chief,
      json: { from: 'mission', to: 'someone else', reason: 'r' },
    });
    expect(stale.status).toBe(409);
    expect(
      (
        await s.fetch(`/api/v1/evidence/${photoSha}/transfer`, {
          method: 'POST',
          as: as['liaison-a'],
          json: { to: 'x', reason: 'r' },
        })
      ).status,
    ).toBe(403);
  });

  it("an incident's files are listed and its bundle verifies offline, the export itself recorded", async () => {
    const list = await json(
      await s.fetch(`/api/v1/incidents/${monitorIncident}/evidence`, { as: as.analyst }),
    );
    expect(list.evidence.map((e: { sha256: string }) => e.sha256)[0]).toBe(photoSha);
    expect(list.evidence).toHaveLength(2);
    const res = await s.fetch(`/api/v1/incidents/${monitorIncident}/evidence-bundle`, {
      as: as.analyst,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="evidence-.*\.tar"$/,
    );
    const file = join(tmp, 'bundle.tar');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const lines: string[] = [];
    expect(
      await verifyBundle(file, { key: [missionVerifierKey(s.mission)] }, (l) => lines.push(l)),
      lines.join('\n'),
    ).toBe(true);
    expect(
      lines
        .filter((l) => l.startsWith('ok   ledger entry'))
        .map((l) => l.split(': ')[1]!.split(' by ')[0]),
    ).toEqual([
      'evidence.uploaded',
      'evidence.viewed',
      'evidence.uploaded',
      'evidence.transferred',
    ]);

    const e = await json(await s.fetch(`/api/v1/evidence/${photoSha}`, { as: as.monitor }));
    expect(e.custody.map((c: { type: string }) => c.type)).toEqual([
      'evidence.uploaded',
      'evidence.viewed',
      'evidence.transferred',
      'evidence.exported',
    ]);
    const indexes = e.custody.map((c: { ledgerIndex: number }) => c.ledgerIndex);
    expect([...indexes].sort((a, b) => a - b)).toEqual(indexes);
  });

  it("a sealed file's bundle reveals its sealed entries and verifies", async () => {
    const res = await s.fetch(`/api/v1/incidents/${partyIncident}/evidence-bundle`, {
      as: as.chief,
    });
    expect(res.status).toBe(200);
    const file = join(tmp, 'sealed.tar');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const lines: string[] = [];
    expect(
      await verifyBundle(file, { key: [missionVerifierKey(s.mission)] }, (l) => lines.push(l)),
      lines.join('\n'),
    ).toBe(true);
    expect(lines.join('\n')).toMatch(
      /evidence\.uploaded by user:liaison-a .*\(sealed; revealed and checked\)/,
    );
  });

  it('a store rebuilt from the ledger holds exactly the same evidence state', async () => {
    const before = await s.mission.store.getEvidence!(photoSha);
    await s.mission.store.rebuild();
    expect(await s.mission.store.getEvidence!(photoSha)).toEqual(before);
    expect((await s.mission.store.auditState()).differences).toEqual([]);
  });
});
