/**
 * The evidence area on PostgreSQL against its SQLite twin. A mission on SQLite runs the evidence
 * use cases (uploads to observations and incidents, the same bytes twice, a liaison's sealed upload
 * to its party's confidential filing, views, transfers, bundle exports); the PostgreSQL store
 * records the same ledger events, and every read must answer the same on both, before and after a
 * rebuild, with a clean audit that still catches a tampered row. The bundle export then runs with
 * PostgreSQL as the mission store and verifies offline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceActor } from '../../../app/evidence/access.js';
import { exportIncidentBundle } from '../../../app/evidence/bundle.js';
import { getEvidence, listIncidentEvidence, transferEvidence, viewEvidence } from '../../../app/evidence/custody.js';
import { DiskBlobStore } from '../../../app/evidence/disk-blob-store.js';
import { tarChunks } from '../../../app/evidence/tar.js';
import { jpegWithExif, pdf, png, wav } from '../../../app/evidence/test-support/files.js';
import { addEvidence, type EvidenceDeps } from '../../../app/evidence/upload.js';
import { verifyBundle } from '../../../app/evidence/verify-bundle.js';
import { decodeLeaf, isSealed, commitmentOf, type LedgerEvent, type SealedLeaf } from '../../../app/events/event.js';
import { fileAndFuse, IncidentFuser } from '../../../app/fusion/index.js';
import { missionVerifierKey, openMission, type Mission } from '../../../app/mission.js';
import { obs, offset, pointAt, sectorTo } from '../../../domain/fusion/test-support/scenario.js';
import { DEFAULT_SIZE_LIMITS } from '../../../domain/evidence/index.js';
import type { LonLat } from '../../../domain/units.js';
import type { Store } from '../../port.js';
import { createScratchDatabase, testServerUrl, type ScratchDatabase } from '../scratch-database.js';
import { PostgresStore } from '../store.js';
import { noServerReason, recordSameEvents, sqlIn } from './test-support/ledger-replay.js';

const skipReason = await noServerReason();
if (skipReason) {
  console.warn(`src/store/postgres/areas/evidence.test.ts: skipped, ${skipReason}`);
  it.skip(`PostgreSQL evidence area: ${skipReason}`, () => undefined);
}

const NOW = Date.parse('2026-03-03T08:00:00Z');
const SCHEMA = 'evidence_diff';
const monitor: EvidenceActor = { name: 'monitor-7', role: 'monitor', party: null };
const analyst: EvidenceActor = { name: 'analyst-2', role: 'analyst', party: null };
const chief: EvidenceActor = { name: 'chief', role: 'chief', party: null };

const dir = mkdtempSync(join(tmpdir(), 'truceline-pg-evidence-'));
let db: ScratchDatabase;
let mission: Mission;
let pgStore: PostgresStore;
let blobs: DiskBlobStore;
let liaisonA: EvidenceActor;
const sha: Record<'photo' | 'pdf' | 'wav' | 'png' | 'note', string> = { photo: '', pdf: '', wav: '', png: '', note: '' };
let thumbnail: string;
const incidents: Record<'m1' | 'm2' | 'pa1', string> = { m1: '', m2: '', pa1: '' };
const sql = <R extends Record<string, unknown>>(text: string, values: unknown[] = []) => sqlIn<R>(db.url, SCHEMA, text, values);

async function incidentOf(store: Store, observationId: string): Promise<string> {
  const found = (await store.queryIncidents!({ limit: 100 })).items.find((i) => i.incident.observationIds.includes(observationId));
  if (!found) throw new Error(`fusion opened no incident for ${observationId}`);
  return found.incident.id;
}

async function drain(body: Readable): Promise<void> {
  for await (const chunk of body) void chunk;
}

/** Every evidence read of the port, on one store, for deep comparison. */
async function evidenceReads(store: Store) {
  const files = [sha.photo, sha.pdf, sha.wav, sha.png, sha.note, thumbnail, '0'.repeat(64), 'not-a-sha'];
  const all = Object.values(incidents);
  const queries = [
    {},
    { incidentIds: [] },
    { incidentIds: [incidents.m1] },
    { incidentIds: [incidents.m2, incidents.pa1] },
    { observationIds: ['m1'] },
    { observationIds: ['m2', 'pa1', 'nobody'] },
    { incidentIds: all, observationIds: ['m1', 'm2', 'pa1'] },
    { incidentIds: ['inc-unknown'], observationIds: ['unknown'] },
    { incidentIds: [incidents.m1], observationIds: ['m2'] },
  ];
  return {
    files: await Promise.all(files.map((s) => store.getEvidence!(s))),
    attached: await Promise.all(queries.map((q) => store.evidenceAttachedTo!(q))),
  };
}

/** The kept content of every sealed entry, by index (salts are checked against the leaves). */
async function sealedContents(store: Store): Promise<(string | null)[]> {
  const size = await store.ledger.size();
  const out: (string | null)[] = [];
  for (let i = 0; i < size + 2; i++) {
    const kept = await store.sealedEntry!(i);
    const entry = await store.ledger.entry(i);
    const leaf = entry ? decodeLeaf(entry) : null;
    if (kept) {
      expect(kept.salt).toBeInstanceOf(Uint8Array);
      expect(kept.salt.length).toBe(32);
      expect(leaf && isSealed(leaf) && commitmentOf(JSON.parse(kept.content) as LedgerEvent, kept.salt) === (leaf as SealedLeaf).commitment).toBe(true);
    } else {
      expect(leaf !== null && isSealed(leaf)).toBe(false);
    }
    out.push(kept?.content ?? null);
  }
  return out;
}

describe.skipIf(skipReason !== null)('PostgreSQL evidence area, against SQLite', () => {
  beforeAll(async () => {
    db = await createScratchDatabase(testServerUrl());
    mission = await openMission(join(dir, 'data'), { databaseUrl: '', synchronous: 'NORMAL', nowMs: NOW });
    expect(mission.store.kind).toBe('sqlite');
    liaisonA = { name: 'liaison-a', role: 'liaison', party: mission.agreement.parties[0]!.id };
    blobs = new DiskBlobStore(join(dir, 'evidence'));
    const deps: EvidenceDeps = { store: mission.store, blobs, limits: DEFAULT_SIZE_LIMITS };
    const line = mission.agreement.lineOfContact as readonly LonLat[];
    const here = offset(line[Math.floor(line.length / 2)]!, 0, 20);
    const fuser = new IncidentFuser(mission.store, mission.agreement, { log: () => undefined });
    await fileAndFuse(
      mission.store,
      fuser,
      [
        obs('m1', { ...sectorTo(here, offset(here, 180, 3), 10, 1), visibility: 'public', count: 12 }),
        obs('m2', { ...pointAt(offset(here, 270, 40), 400), count: 3 }),
        obs('pa1', { ...pointAt(offset(here, 90, 60), 500), source: { kind: 'party', party: liaisonA.party! }, visibility: 'party-confidential' }),
      ],
      { actor: 'test', nowMs: NOW },
    );
    for (const id of ['m1', 'm2', 'pa1'] as const) incidents[id] = await incidentOf(mission.store, id);

    const add = async (body: Buffer, input: { observationId?: string; incidentId?: string; originalName: string }, actor: EvidenceActor, at: number) =>
      (await addEvidence(deps, { body: Readable.from([body]), ...input }, actor, at)).evidence;
    const photo = await add(
      await jpegWithExif({ takenAt: '2026:03:01 18:42:05', offset: '+00:00', lat: here[1] + 0.001, lon: here[0] }),
      { observationId: 'm1', originalName: 'crater.jpg' },
      monitor,
      NOW + 1000,
    );
    sha.photo = photo.sha256;
    thumbnail = photo.thumbnailSha256!;
    sha.pdf = (await add(pdf(), { incidentId: incidents.m1, originalName: 'statement.pdf' }, analyst, NOW + 2000)).sha256;
    // The same bytes attached to another record: a second upload of one file.
    await add(pdf(), { observationId: 'm2', originalName: 'statement copy.pdf' }, analyst, NOW + 3000);
    sha.wav = (await add(wav(), { observationId: 'pa1', originalName: 'intercept.wav' }, liaisonA, NOW + 4000)).sha256;
    sha.png = (await add(await png(), { observationId: 'm2', incidentId: incidents.m2, originalName: 'map.png' }, monitor, NOW + 5000)).sha256;
    await drain((await viewEvidence({ store: mission.store, blobs }, sha.photo, analyst, NOW + 6000)).body);
    await drain((await viewEvidence({ store: mission.store, blobs }, sha.wav, chief, NOW + 7000)).body);
    await transferEvidence(mission.store, sha.photo, { to: 'guarantor investigator', reason: 'inquiry into the shelling of 1 March' }, chief, NOW + 8000);
    await transferEvidence(mission.store, sha.photo, { from: 'guarantor investigator', to: 'mission', reason: 'returned' }, chief, NOW + 9000);
    await exportIncidentBundle({ mission, blobs }, incidents.m1, chief, NOW + 10_000);
    await exportIncidentBundle({ mission, blobs }, incidents.pa1, null, NOW + 11_000);

    pgStore = await PostgresStore.open(db.url, { schema: SCHEMA, maxConnections: 4 });
    await recordSameEvents(mission.store, pgStore, 0);
  }, 120_000);
  afterAll(async () => {
    await pgStore?.close();
    await mission?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the scenario made every kind of custody event, sealed and not', async () => {
    const photo = (await mission.store.getEvidence!(sha.photo))!;
    expect(photo.custody.map((c) => c.type)).toEqual(['evidence.uploaded', 'evidence.viewed', 'evidence.transferred', 'evidence.transferred', 'evidence.exported']);
    expect((await mission.store.getEvidence!(sha.pdf))!.uploads).toHaveLength(2);
    const wavIndexes = (await mission.store.getEvidence!(sha.wav))!.custody.map((c) => c.ledgerIndex);
    expect(wavIndexes).toHaveLength(3);
    for (const i of wavIndexes) expect(isSealed(decodeLeaf((await pgStore.ledger.entry(i))!))).toBe(true);
  });

  it('answers every evidence read exactly as SQLite', async () => {
    const [a, b] = [await evidenceReads(mission.store), await evidenceReads(pgStore)];
    expect(b).toEqual(a);
    expect(a.files.filter((f) => f !== null)).toHaveLength(4);
    expect(a.files[4]).toBeNull();
    expect(a.attached[0]).toEqual([]);
    expect(a.attached[6]).toEqual([sha.photo, sha.pdf, sha.wav, sha.png]);
    expect(typeof b.files[0]!.size).toBe('number');
    expect(typeof b.files[0]!.custody[0]!.ledgerIndex).toBe('number');
  });

  it('keeps the same plain leaves, and each sealed entry with the same content and a salt that opens its commitment', async () => {
    const size = await mission.store.ledger.size();
    expect(await pgStore.ledger.size()).toBe(size);
    for (let i = 0; i < size; i++) {
      const leaf = (await mission.store.ledger.entry(i))!;
      if (!isSealed(decodeLeaf(leaf))) expect(Buffer.from((await pgStore.ledger.entry(i))!).equals(Buffer.from(leaf))).toBe(true);
    }
    const contents = await sealedContents(pgStore);
    expect(contents).toEqual(await sealedContents(mission.store));
    expect(contents.filter((c) => c !== null).length).toBeGreaterThanOrEqual(4);
    for (const index of [-1, 1.5, Number.NaN]) {
      expect(await pgStore.sealedEntry(index)).toBeNull();
      expect(await mission.store.sealedEntry!(index)).toBeNull();
    }
  });

  it("answers the use cases' reads the same: a liaison's view, the incident's list, unknown and hidden files", async () => {
    const b = mission.agreement.parties[1]!.id;
    const liaisonB: EvidenceActor = { name: 'liaison-b', role: 'liaison', party: b };
    for (const actor of [monitor, liaisonA, liaisonB]) {
      for (const id of Object.values(incidents)) {
        const run = (store: Store) => listIncidentEvidence(store, id, actor).catch((e: { code: string }) => e.code);
        expect(await run(pgStore)).toEqual(await run(mission.store));
      }
      for (const s of [...Object.values(sha), '0'.repeat(64)]) {
        const run = (store: Store) => getEvidence(store, s, actor).catch((e: { code: string }) => e.code);
        expect(await run(pgStore)).toEqual(await run(mission.store));
      }
    }
  });

  it('runs the custody use cases on PostgreSQL with the same outcome as on SQLite', async () => {
    const at = NOW + 60_000;
    const size = await mission.store.ledger.size();
    const onBoth = async <T>(run: (store: Store) => Promise<T>) => [await run(mission.store), await run(pgStore)];
    const note = Buffer.from('Statement of the head of the village council, 2 March 2026.\n', 'utf8');
    const [ua, ub] = await onBoth((store) =>
      addEvidence({ store, blobs, limits: DEFAULT_SIZE_LIMITS }, { body: Readable.from([note]), observationId: 'm2', incidentId: incidents.m2, originalName: 'note.txt' }, monitor, at - 1),
    );
    expect(ub).toEqual(ua);
    sha.note = ua!.evidence.sha256;
    expect(ua).toMatchObject({ duplicate: false, evidence: { mediaType: expect.stringMatching(/^text\/plain/) } });
    const [ta, tb] = await onBoth((store) => transferEvidence(store, sha.pdf, { from: 'mission', to: 'court registry', reason: 'filed as exhibit 4' }, chief, at));
    expect(tb).toEqual(ta);
    const [ra, rb] = await onBoth((store) => transferEvidence(store, sha.pdf, { from: 'mission', to: 'x', reason: 'y' }, chief, at).catch((e: { code: string }) => e.code));
    expect(ra).toBe('ILLEGAL_TRANSITION');
    expect(rb).toBe(ra);
    const [va, vb] = await onBoth(async (store) => {
      const v = await viewEvidence({ store, blobs }, sha.wav, analyst, at + 1);
      await drain(v.body);
      return { evidence: v.evidence, ledgerIndex: v.ledgerIndex };
    });
    expect(vb).toEqual(va);
    expect(await pgStore.ledger.size()).toBe(size + 3);
    expect(isSealed(decodeLeaf((await pgStore.ledger.entry(size + 2))!))).toBe(true);
    expect(await evidenceReads(pgStore)).toEqual(await evidenceReads(mission.store));
  });

  it('exports a bundle with PostgreSQL as the mission store that verifies offline, and whose manifest is the one SQLite writes', async () => {
    const at = NOW + 120_000;
    const size = await mission.store.ledger.size();
    const viaPg = await exportIncidentBundle({ mission: { ...mission, store: pgStore }, blobs }, incidents.m1, chief, at);
    const viaSqlite = await exportIncidentBundle({ mission, blobs }, incidents.m1, chief, at);
    expect(viaPg.exportIndex).toBe(size);
    expect(viaPg.manifest).toEqual(viaSqlite.manifest);
    expect(viaPg.members.map((m) => m.name)).toEqual(viaSqlite.members.map((m) => m.name));

    const file = join(dir, 'bundle.tar');
    await pipeline(Readable.from(tarChunks(viaPg.members, viaPg.mtimeS)), createWriteStream(file));
    const lines: string[] = [];
    const ok = await verifyBundle(file, { key: [missionVerifierKey(mission)] }, (l) => lines.push(l));
    expect(lines.filter((l) => !l.startsWith('ok'))).toEqual([]);
    expect(ok).toBe(true);

    // The confidential incident's bundle: its custody entries are sealed and revealed from PostgreSQL.
    const sealed = await exportIncidentBundle({ mission: { ...mission, store: pgStore }, blobs }, incidents.pa1, chief, at + 1);
    expect(sealed.members.filter((m) => m.name.startsWith('ledger/reveals/')).length).toBeGreaterThanOrEqual(3);
    const sealedFile = join(dir, 'sealed.tar');
    await pipeline(Readable.from(tarChunks(sealed.members, sealed.mtimeS)), createWriteStream(sealedFile));
    expect(await verifyBundle(sealedFile, { key: [missionVerifierKey(mission)] }, () => undefined)).toBe(true);
    await expect(exportIncidentBundle({ mission: { ...mission, store: pgStore }, blobs }, 'inc-unknown', chief, at)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rebuilds to the same reads, audits clean, and reports tampered rows', async () => {
    // Rows written live by the use cases above (not only replayed from leaves) are what a replay writes.
    expect((await pgStore.auditState()).differences).toEqual([]);
    const before = await evidenceReads(pgStore);
    await pgStore.rebuild();
    expect(await evidenceReads(pgStore)).toEqual(before);
    expect((await pgStore.auditState()).differences).toEqual([]);

    await sql('UPDATE evidence SET custodian = $1 WHERE sha256 = $2', ['someone else', sha.photo]);
    const upload = (await pgStore.getEvidence(sha.png))!.uploads[0]!.ledgerIndex;
    await sql('DELETE FROM evidence_custody WHERE ledger_idx = $1', [upload]);
    await sql('DELETE FROM evidence_uploads WHERE ledger_idx = $1', [upload]);
    const audit = await pgStore.auditState();
    expect(audit.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: 'evidence', key: sha.photo, what: 'changed', detail: expect.stringMatching(/custodian/) }),
        expect.objectContaining({ table: 'evidence_uploads', key: String(upload), ledgerIndex: upload, what: 'missing' }),
        expect.objectContaining({ table: 'evidence_custody', key: `${String(upload).padStart(9, '0')} ${sha.png}`, ledgerIndex: upload, what: 'missing' }),
      ]),
    );
    expect(audit.differences).toHaveLength(3);
    await pgStore.rebuild();
    expect((await pgStore.auditState()).differences).toEqual([]);
    expect(await evidenceReads(pgStore)).toEqual(before);
  });
});
