import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuseStoredObservations } from '../src/app/fusion/index.js';
import { missionVerifierKey } from '../src/app/mission.js';
import {
  addSignatures,
  encodeEntryBundle,
  formatCheckpoint,
  inclusionProof,
  isLedgerError,
  leafHash as nodeLeafHash,
  MemoryTiledTree,
  newSigner,
  parseNote,
  parseSignerKey,
  signNote,
  toBase64 as nodeToBase64,
  toHex as nodeToHex,
  verifyCheckpoint,
  verifyInclusion,
} from '../src/ledger/index.js';
import { sampleObservation, startTestServer, type TestServer } from '../src/server/test-harness.js';
import { generateNoteKey } from '../src/witness/keys.js';
import { toHex } from '../web/src/proof/bytes.js';
import {
  inclusionProofRanges,
  leafHash,
  MissingTileError,
  rootFromInclusionProof,
  tileRangeHasher,
} from '../web/src/proof/merkle.js';
import { parseVerifierKey } from '../web/src/proof/note.js';
import { httpLogSource, verifyLedgerEntry, type LogSource } from '../web/src/proof/verify.js';

/**
 * The browser's ledger check (web/src/proof, WebCrypto only) against src/ledger (node:crypto) on
 * real logs: trees built with the ledger's own tile builder and signed with its signer, and the
 * server's published /log. Node 20's globalThis.crypto.subtle has SHA-256 and Ed25519, as
 * Chromium's does.
 */
const ORIGIN = 'truceline.test/proof';
const logKey = generateNoteKey(ORIGIN, 'log');
const witness = generateNoteKey('witness.test/w1', 'cosigner');
const stranger = generateNoteKey('witness.test/w2', 'cosigner');

/** A log whose entry 0 records the mission key, as openMission does; the rest are events. */
function buildLog(size: number) {
  const entries: Uint8Array[] = [];
  const publicKey = nodeToBase64(parseSignerKey(logKey.skey).publicKey);
  entries.push(
    new TextEncoder().encode(
      JSON.stringify({ v: 1, type: 'mission.created', data: { origin: ORIGIN, publicKey } }),
    ),
  );
  for (let i = 1; i < size; i++)
    entries.push(new TextEncoder().encode(JSON.stringify({ v: 1, type: 'test.event', i })));
  const tree = new MemoryTiledTree();
  tree.appendLeaves(entries);
  const text = formatCheckpoint({ origin: ORIGIN, size, root: tree.root() });
  return { entries, tree, text, note: signNote(text, [newSigner(logKey.skey)]) };
}

type Log = ReturnType<typeof buildLog>;

function source(log: Log, note = log.note, alter: Partial<LogSource> = {}): LogSource {
  return {
    checkpoint: async () => note,
    tile: async (level, index, width) => {
      const t = log.tree.tile(level, index, width);
      if (!t) throw new MissingTileError(`no tile ${level}/${index}/${width}`);
      return t.hashes;
    },
    entryBundle: async (index, width) =>
      encodeEntryBundle(log.entries.slice(index * 256, index * 256 + width)),
    ...alter,
  };
}

/** Where entry `index` starts (after its length prefix) in its entry bundle. */
function offsetOf(log: Log, index: number): number {
  let at = 0;
  for (let i = index - (index % 256); i < index; i++) at += 2 + log.entries[i]!.length;
  return at + 2;
}

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at] = out[at]! ^ 0x01;
  return out;
}

describe('the browser proof module against src/ledger', () => {
  // Sizes at and across tile edges, and one with a level-2 tile (more than 256² leaves).
  const logs = new Map<number, Log>();
  const log = (size: number) => {
    if (!logs.has(size)) logs.set(size, buildLog(size));
    return logs.get(size)!;
  };

  it('computes the same leaf hashes, proofs and roots as src/ledger', async () => {
    for (const size of [1, 2, 3, 7, 255, 256, 257, 513, 70_000]) {
      const l = log(size);
      const hasher = tileRangeHasher(size, (lv, i, w) => source(l).tile(lv, i, w));
      const indices = [...new Set([0, 1, size >> 1, size - 2, size - 1])].filter(
        (i) => i >= 0 && i < size,
      );
      for (const index of indices) {
        const entry = l.entries[index]!;
        expect(toHex(await leafHash(entry))).toBe(nodeToHex(nodeLeafHash(entry)));
        const expected = l.tree.inclusionProof(index, size).map(nodeToHex);
        const ours: Uint8Array[] = [];
        for (const r of inclusionProofRanges(index, size)) ours.push(await hasher(r));
        expect(ours.map(toHex)).toEqual(expected);
        const root = await rootFromInclusionProof(index, size, await leafHash(entry), ours);
        expect(toHex(root)).toBe(nodeToHex(l.tree.root()));
        // And src/ledger accepts the proof the browser rebuilt.
        verifyInclusion(index, size, nodeLeafHash(entry), ours, l.tree.root());
        const r = await verifyLedgerEntry(source(l), index);
        expect(r.ok, JSON.stringify(r)).toBe(true);
      }
    }
  }, 60_000);

  it('a proof from src/ledger over an older size checks out too', async () => {
    const l = log(513);
    const proof = inclusionProof(100, 300, l.tree.nodeReader(300));
    const root = await rootFromInclusionProof(100, 300, nodeLeafHash(l.entries[100]!), proof);
    expect(toHex(root)).toBe(nodeToHex(l.tree.root(300)));
  });

  it('verifies the checkpoint signature as src/ledger does, with the key from the log or a trusted one', async () => {
    const l = log(257);
    expect(verifyCheckpoint(l.note, { logKeys: [logKey.vkey] }).checkpoint.size).toBe(257);
    const fromLog = await verifyLedgerEntry(source(l), 200);
    expect(fromLog).toMatchObject({
      ok: true,
      key: { name: ORIGIN, source: 'ledger', ledgerIndex: 0 },
    });
    const trusted = await verifyLedgerEntry(source(l), 200, { logKey: logKey.vkey });
    expect(trusted).toMatchObject({ ok: true, key: { source: 'trusted' } });
    const k = await parseVerifierKey(logKey.vkey);
    expect(trusted.ok && trusted.key.keyId).toBe(k.keyId.toString(16).padStart(8, '0'));
  });

  it('says which step failed when a byte is changed', async () => {
    const l = log(600);
    const index = 300;
    // The leaf: its entry bundle served with one byte flipped.
    const leafTampered = await verifyLedgerEntry(
      source(l, l.note, {
        entryBundle: async (i, w) =>
          i === 1
            ? flip(encodeEntryBundle(l.entries.slice(256, 256 + w)), offsetOf(l, index) + 5)
            : encodeEntryBundle(l.entries.slice(i * 256, i * 256 + w)),
      }),
      index,
    );
    expect(leafTampered).toMatchObject({ ok: false, step: 'inclusion' });
    // A tile hash the proof uses (the leaf's sibling, 301).
    const tileTampered = await verifyLedgerEntry(
      source(l, l.note, {
        tile: async (lv, i, w) => {
          const t = l.tree.tile(lv, i, w)!.hashes;
          return lv === 0 && i === 1 ? flip(t, (301 - 256) * 32) : t;
        },
      }),
      index,
    );
    expect(tileTampered).toMatchObject({ ok: false, step: 'inclusion' });
    expect(!tileTampered.ok && tileTampered.reason).toMatch(/signed checkpoint says/);
    // A tile cut short.
    const short = await verifyLedgerEntry(
      source(l, l.note, { tile: async (lv, i, w) => l.tree.tile(lv, i, w)!.hashes.slice(0, 64) }),
      index,
      { logKey: logKey.vkey },
    );
    expect(short).toMatchObject({ ok: false, step: 'tiles' });
    // With the key read from the log, its own entry's proof needs the tiles first.
    expect(
      await verifyLedgerEntry(source(l, l.note, { tile: async () => new Uint8Array(0) }), index),
    ).toMatchObject({ ok: false, step: 'key' });
    // The signature: src/ledger refuses it too.
    const parsed = parseNote(l.note);
    const sig = parsed.signatures[0]!;
    const forged = signNote(l.text, [
      { name: sig.name, keyId: sig.keyId, sign: () => flip(sig.signature, 5) },
    ]);
    expect(() => verifyCheckpoint(forged, { logKeys: [logKey.vkey] })).toThrow(
      expect.objectContaining({ code: 'BAD_SIGNATURE' }),
    );
    expect(await verifyLedgerEntry(source(l, forged), index)).toMatchObject({
      ok: false,
      step: 'signature',
    });
    // A root the log never had, signed by someone else.
    const other = generateNoteKey(ORIGIN, 'log');
    const impostor = signNote(l.text, [newSigner(other.skey)]);
    expect(await verifyLedgerEntry(source(l, impostor), index)).toMatchObject({
      ok: false,
      step: 'signature',
    });
    expect(
      await verifyLedgerEntry(source(l, impostor), index, { logKey: other.vkey }),
    ).toMatchObject({ ok: true });
    // An entry the checkpoint does not cover yet.
    expect(await verifyLedgerEntry(source(l), 600)).toMatchObject({
      ok: false,
      step: 'checkpoint',
    });
    // A key entry rewritten to name another key: it no longer matches the signed tree.
    const swapped = await verifyLedgerEntry(
      source(l, impostor, {
        entryBundle: async (i, w) => {
          const entries = l.entries.slice(i * 256, i * 256 + w);
          if (i === 0)
            entries[0] = new TextEncoder().encode(
              JSON.stringify({
                v: 1,
                type: 'mission.created',
                data: {
                  origin: ORIGIN,
                  publicKey: nodeToBase64(parseSignerKey(other.skey).publicKey),
                },
              }),
            );
          return encodeEntryBundle(entries);
        },
      }),
      index,
    );
    expect(swapped).toMatchObject({ ok: false, step: 'key' });
  });

  it('checks witness cosignatures with trusted keys, as src/ledger does', async () => {
    const l = log(300);
    const at = 1_770_000_000;
    const cosigned = addSignatures(
      l.note,
      parseNote(signNote(l.text, [newSigner(witness.skey, () => at)])).signatures,
    );
    const theirs = verifyCheckpoint(cosigned, {
      logKeys: [logKey.vkey],
      witnessKeys: [witness.vkey],
      minWitnesses: 1,
    });
    const ours = await verifyLedgerEntry(source(l, cosigned), 10, {
      witnessKeys: [witness.vkey],
      minWitnesses: 1,
    });
    expect(ours.ok && ours.witnesses).toEqual([
      { name: 'witness.test/w1', keyId: expect.any(String), checked: true, timestamp: at },
    ]);
    expect(theirs.witnesses).toEqual([{ name: 'witness.test/w1', timestamp: at }]);
    // Without the witness's key the cosignature is listed, not checked.
    const unknown = await verifyLedgerEntry(source(l, cosigned), 10);
    expect(unknown.ok && unknown.witnesses).toEqual([
      expect.objectContaining({ name: 'witness.test/w1', checked: false }),
    ]);
    // Too few trusted cosignatures: src/ledger says POLICY_UNMET, the browser names the step.
    expect(() =>
      verifyCheckpoint(cosigned, {
        logKeys: [logKey.vkey],
        witnessKeys: [witness.vkey, stranger.vkey],
        minWitnesses: 2,
      }),
    ).toThrow(expect.objectContaining({ code: 'POLICY_UNMET' }));
    expect(
      await verifyLedgerEntry(source(l, cosigned), 10, {
        witnessKeys: [witness.vkey, stranger.vkey],
        minWitnesses: 2,
      }),
    ).toMatchObject({ ok: false, step: 'witnesses' });
    // A forged cosignature by a trusted witness.
    const w = parseNote(cosigned).signatures[1]!;
    const forged = addSignatures(l.note, [{ ...w, signature: flip(w.signature, 20) }]);
    let code = '';
    try {
      verifyCheckpoint(forged, { logKeys: [logKey.vkey], witnessKeys: [witness.vkey] });
    } catch (e) {
      code = isLedgerError(e) ? e.code : String(e);
    }
    expect(code).toBe('BAD_SIGNATURE');
    expect(
      await verifyLedgerEntry(source(l, forged), 10, { witnessKeys: [witness.vkey] }),
    ).toMatchObject({ ok: false, step: 'witnesses' });
  });
});

describe('the browser proof module against the server’s published /log', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
    const obs = Array.from({ length: 6 }, (_, i) =>
      sampleObservation(i, { id: `proof-${i}`, visibility: 'public' }),
    );
    const res = await s.fetch('/api/v1/observations', {
      method: 'POST',
      as: await s.session('monitor'),
      json: obs,
    });
    expect(res.status).toBeLessThan(300);
    await fuseStoredObservations(s.mission.store, s.mission.agreement);
  }, 60_000);
  afterAll(async () => s?.close());

  it('verifies the ledger entry of an incident’s current state, as src/ledger does', async () => {
    const page = (await (await s.fetch('/api/v1/incidents')).json()) as {
      features: { id: string; properties: { updatedLedgerIndex: number } }[];
    };
    expect(page.features.length).toBeGreaterThan(0);
    const index = page.features[0]!.properties.updatedLedgerIndex;
    expect(Number.isSafeInteger(index)).toBe(true);
    const src = httpLogSource(`${s.base}/log`);
    const r = await verifyLedgerEntry(src, index);
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, key: { source: 'ledger' } });
    // The same key `truceline ledger key` prints, and the same leaf hash the server reports.
    const vkey = missionVerifierKey(s.mission);
    const pinned = await verifyLedgerEntry(src, index, { logKey: vkey });
    expect(pinned.ok).toBe(true);
    expect(r.ok && r.key.keyId).toBe(vkey.split('+')[1]);
    const entry = (await (await s.fetch(`/log/entries/${index}`)).json()) as { leafHash: string };
    expect(r.ok && r.leafHash).toBe(entry.leafHash);
    const cp = verifyCheckpoint(await src.checkpoint(), { logKeys: [vkey] });
    expect(r.ok && r.checkpoint.size).toBeLessThanOrEqual(cp.checkpoint.size);
  });
});
