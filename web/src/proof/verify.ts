/**
 * Checking, in the reader's own browser, that a ledger entry is in the log the mission signed:
 *
 *   1. checkpoint  fetch the latest signed checkpoint and parse it (origin, size, root)
 *   2. key         the log's Ed25519 key: the one the reader trusts, or else the one the log
 *                  recorded when the mission was created (its `mission.created` entry, itself
 *                  checked for inclusion below), and it must be named for the checkpoint's origin
 *   3. signature   the log's signature on the checkpoint (Ed25519, WebCrypto)
 *   4. witnesses   each cosignature by a witness whose key the reader trusts (cosignature/v1);
 *                  at least `minWitnesses` of them
 *   5. entry       the entry's bytes from its tlog-tiles entry bundle, and its RFC 9162 leaf hash
 *   6. tiles       the hash tiles the inclusion proof needs
 *   7. inclusion   the proof rebuilt from the tiles leads from the leaf hash to the signed root
 *
 * The answer is "verified" or the first step that failed with the reason. Nothing here trusts
 * the server's own proof routes or JSON: only the checkpoint, the tiles and the entry bundles,
 * the C2SP static formats anyone can mirror. Pure apart from the `LogSource` passed in; no DOM.
 */
import { FormatError, fromBase64, toHex } from './bytes.js';
import {
  decodeEntryBundle,
  inclusionProofRanges,
  leafHash,
  MissingTileError,
  rootFromInclusionProof,
  tilePath,
  tileRangeHasher,
  tileWidthAt,
  TILE_WIDTH,
} from './merkle.js';
import {
  ed25519Key,
  keyIdHex,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  SIG_COSIGNATURE_V1,
  verifySignature,
  type Checkpoint,
  type VerifierKey,
} from './note.js';
import { equal } from './bytes.js';

export type ProofStep =
  'checkpoint' | 'key' | 'signature' | 'witnesses' | 'entry' | 'tiles' | 'inclusion';

/** Where the log's published files come from (the server's /log, a mirror, or a test's tree). */
export interface LogSource {
  /** The signed checkpoint note. */
  checkpoint(): Promise<string>;
  /** Tile `index` of tile-level `level` with at least `width` hashes; MissingTileError if none. */
  tile(level: number, index: number, width: number): Promise<Uint8Array>;
  /** Entry bundle `index` with at least `width` entries; MissingTileError if none. */
  entryBundle(index: number, width: number): Promise<Uint8Array>;
}

export interface Trust {
  /** The log's vkey, as the mission publishes it (`truceline ledger key`); else read from the log. */
  readonly logKey?: string;
  /** vkeys (type 0x04) of the witnesses the reader trusts. */
  readonly witnessKeys?: readonly string[];
  /** Trusted cosignatures required; default 0. */
  readonly minWitnesses?: number;
}

export interface WitnessSeen {
  readonly name: string;
  readonly keyId: string;
  /** True when a trusted key verified it; false when the reader has no key for it. */
  readonly checked: boolean;
  /** POSIX seconds the witness cosigned at (checked cosignatures only). */
  readonly timestamp?: number;
}

export interface LogKeySeen {
  readonly name: string;
  readonly keyId: string;
  /** `trusted`: given by the reader; `ledger`: recorded in the log's entry `ledgerIndex`. */
  readonly source: 'trusted' | 'ledger';
  readonly ledgerIndex?: number;
}

export interface Verified {
  readonly ok: true;
  readonly index: number;
  readonly checkpoint: Checkpoint;
  readonly entry: Uint8Array;
  readonly leafHash: string;
  readonly key: LogKeySeen;
  readonly witnesses: readonly WitnessSeen[];
}

export interface NotVerified {
  readonly ok: false;
  readonly index: number;
  readonly step: ProofStep;
  readonly reason: string;
  /** What was established before the failing step, for display. */
  readonly checkpoint?: Checkpoint;
  readonly leafHash?: string;
}

export type ProofResult = Verified | NotVerified;

class StepError extends Error {
  constructor(
    readonly step: ProofStep,
    message: string,
  ) {
    super(message);
  }
}

function fail(step: ProofStep, reason: string): never {
  throw new StepError(step, reason);
}

const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Verifies that entry `index` is in the log `source` publishes, under `trust`. Never throws. */
export async function verifyLedgerEntry(
  source: LogSource,
  index: number,
  trust: Trust = {},
): Promise<ProofResult> {
  let checkpoint: Checkpoint | undefined;
  let leaf: string | undefined;
  try {
    if (!Number.isSafeInteger(index) || index < 0) fail('entry', `no entry ${String(index)}`);
    let text: string;
    let note;
    try {
      note = parseNote(await source.checkpoint());
      text = note.text;
      checkpoint = parseCheckpoint(text);
    } catch (e) {
      fail('checkpoint', why(e));
    }
    const cp = checkpoint;
    if (index >= cp.size)
      fail(
        'checkpoint',
        `entry ${index} is not yet in a signed checkpoint (the latest covers ${cp.size})`,
      );

    // 2. The log's key.
    let key: VerifierKey;
    let keySeen: LogKeySeen;
    if (trust.logKey) {
      try {
        key = await parseVerifierKey(trust.logKey);
      } catch (e) {
        fail('key', `the trusted log key: ${why(e)}`);
      }
      keySeen = { name: key.name, keyId: keyIdHex(key.keyId), source: 'trusted' };
    } else {
      const found = await missionKey(source, cp);
      key = found.key;
      keySeen = {
        name: key.name,
        keyId: keyIdHex(key.keyId),
        source: 'ledger',
        ledgerIndex: found.index,
      };
    }
    if (key.name !== cp.origin)
      fail('key', `the log key is named ${key.name}, the checkpoint's origin is ${cp.origin}`);

    // 3. The log's signature.
    const own = note.signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
    if (own.length === 0)
      fail(
        'signature',
        `the checkpoint carries no signature by ${key.name} (key ${keySeen.keyId})`,
      );
    for (const s of own)
      if (!(await verifySignature(key, text, s)))
        fail('signature', `the signature by ${key.name} does not verify`);

    // 4. Witnesses.
    const witnessKeys: VerifierKey[] = [];
    for (const w of trust.witnessKeys ?? []) {
      let k: VerifierKey;
      try {
        k = await parseVerifierKey(w);
      } catch (e) {
        fail('witnesses', `a trusted witness key: ${why(e)}`);
      }
      if (k.type !== SIG_COSIGNATURE_V1)
        fail('witnesses', `witness key ${k.name} is not a cosignature/v1 (type 4) key`);
      witnessKeys.push(k);
    }
    const witnesses: WitnessSeen[] = [];
    for (const s of note.signatures) {
      if (s.name === key.name && s.keyId === key.keyId) continue;
      if (witnesses.some((w) => w.name === s.name)) continue;
      const k = witnessKeys.find((w) => w.name === s.name && w.keyId === s.keyId);
      if (!k) {
        witnesses.push({ name: s.name, keyId: keyIdHex(s.keyId), checked: false });
        continue;
      }
      const ok = await verifySignature(k, text, s);
      if (!ok) fail('witnesses', `the cosignature by ${s.name} does not verify`);
      witnesses.push({ name: s.name, keyId: keyIdHex(s.keyId), checked: true, ...ok });
    }
    const checked = witnesses.filter((w) => w.checked).length;
    const min = trust.minWitnesses ?? 0;
    if (checked < min)
      fail('witnesses', `${checked} of the ${min} trusted cosignatures required are present`);

    // 5–7. The entry and its inclusion.
    const { entry, hash } = await checkInclusion(source, cp, index);
    leaf = toHex(hash);
    return {
      ok: true,
      index,
      checkpoint: cp,
      entry,
      leafHash: leaf,
      key: keySeen,
      witnesses,
    };
  } catch (e) {
    const step = e instanceof StepError ? e.step : 'checkpoint';
    return { ok: false, index, step, reason: why(e), checkpoint, leafHash: leaf };
  }
}

/** Reads entry `index` from its bundle at the checkpoint's size. */
async function readEntry(source: LogSource, cp: Checkpoint, index: number): Promise<Uint8Array> {
  const bundle = Math.floor(index / TILE_WIDTH);
  const width = tileWidthAt(cp.size, 0, bundle);
  let entries: Uint8Array[];
  try {
    entries = decodeEntryBundle(await source.entryBundle(bundle, width));
  } catch (e) {
    fail('entry', `${tilePath('entries', bundle, width)}: ${why(e)}`);
  }
  const entry = entries[index % TILE_WIDTH];
  if (!entry) fail('entry', `${tilePath('entries', bundle, width)} has no entry ${index}`);
  return entry;
}

/** Steps 5–7 for one entry: its leaf hash, the proof from the tiles, and the signed root. */
async function checkInclusion(
  source: LogSource,
  cp: Checkpoint,
  index: number,
): Promise<{ entry: Uint8Array; hash: Uint8Array }> {
  const entry = await readEntry(source, cp, index);
  const hash = await leafHash(entry);
  const rangeHash = tileRangeHasher(cp.size, (l, i, w) => source.tile(l, i, w));
  const proof: Uint8Array[] = [];
  for (const r of inclusionProofRanges(index, cp.size)) {
    try {
      proof.push(await rangeHash(r));
    } catch (e) {
      if (e instanceof MissingTileError || e instanceof FormatError) fail('tiles', why(e));
      throw e;
    }
  }
  const root = await rootFromInclusionProof(index, cp.size, hash, proof);
  if (!equal(root, cp.root))
    fail(
      'inclusion',
      `entry ${index} with leaf hash ${toHex(hash)} and the log's tiles give the root ` +
        `${toHex(root)}, the signed checkpoint says ${toHex(cp.root)}`,
    );
  return { entry, hash };
}

/**
 * The log's key as recorded when the mission was created: the first `mission.created` entry
 * (`{origin, publicKey}`) in the log's first bundle, included under the same checkpoint.
 */
async function missionKey(
  source: LogSource,
  cp: Checkpoint,
): Promise<{ key: VerifierKey; index: number }> {
  const width = tileWidthAt(cp.size, 0, 0);
  let entries: Uint8Array[];
  try {
    entries = decodeEntryBundle(await source.entryBundle(0, width));
  } catch (e) {
    fail('key', `the log's first entries: ${why(e)}`);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < Math.min(width, entries.length); i++) {
    let event: unknown;
    try {
      event = JSON.parse(decoder.decode(entries[i]!));
    } catch {
      continue;
    }
    const e = event as { type?: unknown; data?: { origin?: unknown; publicKey?: unknown } };
    if (e.type !== 'mission.created') continue;
    const { origin, publicKey } = e.data ?? {};
    if (typeof origin !== 'string' || typeof publicKey !== 'string')
      fail('key', `entry ${i} (mission.created) names no origin and key`);
    let key: VerifierKey;
    try {
      key = await ed25519Key(origin, fromBase64(publicKey, 'the mission key'));
    } catch (e) {
      fail('key', `entry ${i} (mission.created): ${why(e)}`);
    }
    try {
      await checkInclusion(source, cp, i);
    } catch (err) {
      fail('key', `entry ${i} (mission.created), which records the key: ${why(err)}`);
    }
    return { key, index: i };
  }
  return fail('key', 'the log records no mission key (no mission.created entry)');
}

/**
 * The log as a server publishes it under `prefix` (tlog-tiles paths). A partial tile the server
 * no longer has is read from the full tile, whose first hashes are the same (tlog-tiles).
 */
export function httpLogSource(prefix: string, fetcher: typeof fetch = fetch): LogSource {
  const get = async (path: string): Promise<Response> => {
    const res = await fetcher(`${prefix}/${path}`, { credentials: 'same-origin' });
    return res;
  };
  const tile = async (level: number | 'entries', index: number, width: number) => {
    const path = tilePath(level, index, width);
    let res = await get(path);
    if (res.status === 404 && width < TILE_WIDTH)
      res = await get(tilePath(level, index, TILE_WIDTH));
    if (!res.ok) throw new MissingTileError(`${path}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  return {
    async checkpoint() {
      const res = await get('checkpoint');
      if (!res.ok) throw new FormatError(`checkpoint: HTTP ${res.status}`);
      return res.text();
    },
    tile: (level, index, width) => tile(level, index, width),
    entryBundle: (index, width) => tile('entries', index, width),
  };
}
