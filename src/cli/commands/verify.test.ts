/**
 * `truceline verify` end to end against a real SQLite ledger, published over HTTP (ledgerRoutes)
 * and exported to a directory (ledger-export), untouched and after tampering.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addSignatures, decodeEntryBundle, encodeEntryBundle, formatCheckpoint, leafHash, newSigner, signNote, toHex } from '../../ledger/index.js';
import { ledgerRoutes } from '../../server/ledger-routes.js';
import { SqliteLedger } from '../../store/sqlite/ledger-tiles.js';
import { generateNoteKey } from '../../witness/keys.js';
import { exportLedger } from './ledger-export.js';
import { directoryReader, httpReader, registerVerifyCommand, runVerify, type VerifyOptions } from './verify.js';

const ORIGIN = 'truceline.example/log';
const log = generateNoteKey(ORIGIN, 'log');
const w1 = generateNoteKey('witness.example/w1', 'cosigner');
const w2 = generateNoteKey('witness.example/w2', 'cosigner');
const event = (i: number) => new TextEncoder().encode(JSON.stringify({ at: '2026-03-01T00:00:00Z', i, type: 'observation.stored', v: 1 }));

function signed(ledger: SqliteLedger, size: number, witnesses = [w1, w2]): string {
  const text = formatCheckpoint({ origin: ORIGIN, size, root: ledger.root(size) });
  const note = signNote(text, [newSigner(log.skey)]);
  return addSignatures(
    note,
    witnesses.map((w) => {
      const s = newSigner(w.skey, () => 1_772_000_000);
      return { name: s.name, keyId: s.keyId, signature: s.sign(text) };
    }),
  );
}

let db: Database.Database;
let ledger: SqliteLedger;
let tmp: string;
let savedFile: string;
let note: string;

const base = (): VerifyOptions => ({ checkpoint: [], key: [log.vkey], witness: [w1.vkey, w2.vkey] });
async function verify(read: Parameters<typeof runVerify>[0], opts: Partial<VerifyOptions> = {}) {
  const lines: string[] = [];
  const ok = await runVerify(read, { ...base(), ...opts }, (l) => lines.push(l));
  return { ok, lines, text: lines.join('\n') };
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'verify-'));
  db = new Database(':memory:');
  ledger = new SqliteLedger(db, { createSchema: true });
  ledger.append(Array.from({ length: 400 }, (_, i) => event(i)));
  savedFile = join(tmp, 'saved-400.checkpoint');
  writeFileSync(savedFile, signed(ledger, 400, []));
  ledger.append(Array.from({ length: 333 }, (_, i) => event(400 + i)));
  note = signed(ledger, 733);
});

afterAll(() => {
  db.close();
  rmSync(tmp, { recursive: true, force: true });
});

const source = () => ({ checkpoint: () => note, tile: ledger.tile.bind(ledger), entryBundle: ledger.entryBundle.bind(ledger) });

describe('verify --dir (exported log)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = join(tmp, 'export');
    expect(await exportLedger(source(), dir)).toEqual({ size: 733, tiles: 4, bundles: 3 });
  });

  it('holds for an untouched export, line by line', async () => {
    const r = await verify(directoryReader(dir), { checkpoint: [savedFile], entryHash: toHex(leafHash(event(500))) });
    expect(r.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.text).toContain('ok   checkpoint truceline.example/log size 733');
    expect(r.text).toContain('ok   cosigned by witness.example/w1 at 2026-');
    expect(r.text).toContain('ok   2 of 2 required witness cosignatures');
    expect(r.text).toContain('ok   saved checkpoint of size 400 is consistent with the latest (size 733)');
    expect(r.text).toMatch(/ok {3}entry [0-9a-f]{64} is leaf 500, included/);
  });

  it('names the first altered entry when an entry bundle is edited', async () => {
    const file = join(dir, 'tile', 'entries', '001');
    const original = readFileSync(file);
    try {
      const entries = decodeEntryBundle(new Uint8Array(original));
      entries[44] = new TextEncoder().encode('{"forged":true}');
      writeFileSync(file, encodeEntryBundle(entries));
      const r = await verify(directoryReader(dir));
      expect(r.ok).toBe(false);
      expect(r.text).toMatch(/FAIL entry 300 was altered/);
      expect(r.lines.at(-1)).toBe('FAIL first bad index: 300');
    } finally {
      writeFileSync(file, original);
    }
  });

  it('fails without enough witnesses, with the wrong key, or without a key', async () => {
    expect((await verify(directoryReader(dir), { witness: [w1.vkey, generateNoteKey('witness.example/w3', 'cosigner').vkey], minWitnesses: 2 })).text).toMatch(/FAIL checkpoint: .*1 of 2 required/);
    expect((await verify(directoryReader(dir), { key: [generateNoteKey(ORIGIN, 'log').vkey] })).text).toMatch(/FAIL checkpoint: .*UNTRUSTED/);
    expect((await verify(directoryReader(dir), { key: [] })).ok).toBe(false);
  });

  it('fails for an entry hash that is not in the log', async () => {
    const r = await verify(directoryReader(dir), { entryHash: toHex(leafHash(event(9999))) });
    expect(r.ok).toBe(false);
    expect(r.text).toMatch(/FAIL entry [0-9a-f]{64}: no entry among the first 733/);
  });

  it('runs as `truceline verify` and sets the exit code', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const program = new Command().exitOverride();
      registerVerifyCommand(program);
      await program.parseAsync(['verify', '--dir', dir, '--key', log.vkey, '--witness', w1.vkey, '--min-witnesses', '1'], { from: 'user' });
      expect(process.exitCode).toBe(0);
      await program.parseAsync(['verify', '--dir', dir, '--key', log.vkey, '--entry-hash', '00'.repeat(32)], { from: 'user' });
      expect(process.exitCode).toBe(1);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toContain('NOT verified');
    } finally {
      out.mockRestore();
      process.exitCode = 0;
    }
  });
});

describe('verify --url (served by ledgerRoutes)', () => {
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(ledgerRoutes, { prefix: '/log', ledger, checkpoint: () => note });
    url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/log`;
  });

  afterAll(() => app.close());

  it('holds for the live log', async () => {
    const r = await verify(httpReader(url), { checkpoint: [savedFile] });
    expect(r.lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('names the first altered entry after a row is edited in the database', async () => {
    const original = ledger.entry(612)!;
    db.prepare('UPDATE ledger_entries SET leaf = ? WHERE idx = ?').run(Buffer.from('{"forged":true}'), 612);
    try {
      const r = await verify(httpReader(url));
      expect(r.ok).toBe(false);
      expect(r.text).toContain('FAIL entry 612 was altered');
      expect(r.lines.at(-1)).toBe('FAIL first bad index: 612');
    } finally {
      db.prepare('UPDATE ledger_entries SET leaf = ? WHERE idx = ?').run(Buffer.from(original), 612);
    }
  });
});
