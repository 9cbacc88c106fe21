import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeEntryBundle,
  formatCheckpoint,
  formatSignerKey,
  formatVerifierKey,
  fromHex,
  leafHash,
  newSigner,
  parseSignerKey,
  SIG_TYPE_ED25519,
  signNote,
  toHex,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../ledger/index.js';
import { SqliteLedger } from '../store/sqlite/ledger-tiles.js';
import { ledgerRoutes } from './ledger-routes.js';
import { installProblemHandlers } from './problem.js';

const ORIGIN = 'truceline.example/log';
const skey = formatSignerKey(ORIGIN, SIG_TYPE_ED25519, new Uint8Array(32).fill(3));
const vkey = formatVerifierKey(parseSignerKey(skey));
const event = (i: number) => new TextEncoder().encode(JSON.stringify({ i, type: 'observation.stored', v: 1 }));

let app: FastifyInstance;
let db: Database.Database;
let ledger: SqliteLedger;
let note: string;

beforeAll(async () => {
  db = new Database(':memory:');
  ledger = new SqliteLedger(db, { createSchema: true });
  ledger.append(Array.from({ length: 300 }, (_, i) => event(i)));
  note = signNote(formatCheckpoint({ origin: ORIGIN, size: 300, root: ledger.root(300) }), [newSigner(skey)]);
  ledger.append(Array.from({ length: 20 }, (_, i) => event(300 + i))); // grown past the checkpoint
  app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  await app.register(ledgerRoutes, { prefix: '/log', ledger, checkpoint: () => note });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  db.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });

describe('GET /checkpoint', () => {
  it('serves the signed note as text/plain, not cached', async () => {
    const res = await get('/log/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(verifyCheckpoint(res.body, { logKeys: [vkey] }).checkpoint.size).toBe(300);
  });
});

describe('GET /tile/...', () => {
  it('serves full and partial tiles as octet-streams with long-lived caching', async () => {
    const full = await get('/log/tile/0/000');
    expect(full.statusCode).toBe(200);
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.headers['cache-control']).toContain('immutable');
    expect(full.rawPayload).toHaveLength(8192);
    const partial = await get('/log/tile/0/001.p/44');
    expect(partial.rawPayload).toHaveLength(44 * 32);
    expect(toHex(partial.rawPayload.subarray(0, 32))).toBe(toHex(leafHash(event(256))));
    expect((await get('/log/tile/1/000.p/1')).rawPayload).toHaveLength(32);
  });

  it('serves entry bundles that hash to the level-0 tile', async () => {
    const bundle = decodeEntryBundle(new Uint8Array((await get('/log/tile/entries/001.p/44')).rawPayload));
    const tile = (await get('/log/tile/0/001.p/44')).rawPayload;
    expect(bundle).toHaveLength(44);
    bundle.forEach((e, i) => expect(toHex(leafHash(e))).toBe(toHex(tile.subarray(i * 32, (i + 1) * 32))));
  });

  it.each([
    ['/log/tile/0/002', 404],
    ['/log/tile/0/001.p/100', 404],
    ['/log/tile/0/1', 400],
    ['/log/tile/0/001.p/0', 400],
    ['/log/tile/64/000', 400],
    ['/log/tile/entries/x000/001', 400],
  ])('%s answers %i as problem+json', async (url, status) => {
    const res = await get(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (status === 400) expect(res.json().errors[0].path).toBe('params.path');
  });
});

describe('GET /entries/:index', () => {
  it('returns the entry bytes, its leaf hash and the parsed event', async () => {
    const body = (await get('/log/entries/7')).json();
    expect(body).toEqual({ index: 7, leafHash: toHex(leafHash(event(7))), entry: Buffer.from(event(7)).toString('base64'), event: { i: 7, type: 'observation.stored', v: 1 } });
  });

  it('answers 404 past the end and 400 for a malformed index, naming the field', async () => {
    expect((await get('/log/entries/320')).statusCode).toBe(404);
    const bad = await get('/log/entries/07');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('index');
  });
});

describe('GET /proof/inclusion', () => {
  const root = () => ledger.root(300);

  it('proves an entry by index against the latest checkpoint by default', async () => {
    const body = (await get('/log/proof/inclusion?index=123')).json();
    expect(body.size).toBe(300);
    verifyInclusion(123, 300, fromHex(body.leafHash), body.proof.map((h: string) => fromHex(h)), root());
  });

  it('proves an entry by leaf hash, at an explicit size', async () => {
    const body = (await get(`/log/proof/inclusion?hash=${toHex(leafHash(event(299)))}&size=310`)).json();
    expect(body.index).toBe(299);
    verifyInclusion(299, 310, leafHash(event(299)), body.proof.map((h: string) => fromHex(h)), ledger.root(310));
  });

  it.each([
    ['?index=300', 400, 'query.index'],
    ['?index=1&hash=' + '0'.repeat(64), 400, 'query.index'],
    ['', 400, 'query.index'],
    ['?index=1&size=321', 400, 'query.size'],
    ['?index=abc', 400, 'query.index'],
    ['?hash=ABC', 400, 'query.hash'],
  ])('refuses %s with %i naming %s', async (query, status, field) => {
    const res = await get(`/log/proof/inclusion${query}`);
    expect(res.statusCode).toBe(status);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('answers 404 for an unknown hash and for an entry not yet checkpointed', async () => {
    expect((await get(`/log/proof/inclusion?hash=${'0'.repeat(64)}`)).statusCode).toBe(404);
    expect((await get(`/log/proof/inclusion?hash=${toHex(leafHash(event(310)))}`)).statusCode).toBe(404);
  });
});

describe('GET /proof/consistency', () => {
  it('proves consistency from an older size to the latest checkpoint', async () => {
    const body = (await get('/log/proof/consistency?from=100')).json();
    expect(body.to).toBe(300);
    verifyConsistency(100, 300, body.proof.map((h: string) => fromHex(h)), ledger.root(100), ledger.root(300));
  });

  it('answers an empty proof from 0 and refuses from > to', async () => {
    expect((await get('/log/proof/consistency?from=0&to=5')).json().proof).toEqual([]);
    const res = await get('/log/proof/consistency?from=6&to=5');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('query.from');
  });
});
