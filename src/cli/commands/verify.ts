/**
 * `truceline verify`: checks a Truceline log without trusting whoever serves it. It reads the
 * C2SP tlog-tiles layout (checkpoint, tile/<L>/<N>, tile/entries/<N>) over HTTP or from an
 * exported directory, and prints one line per check:
 *
 *   ok   checkpoint truceline.example/log size 700 root ... signed by truceline.example/log
 *   ok   cosigned by witness.example/w1 at 2026-03-01T18:40:00Z
 *   FAIL entry 300 was altered: it hashes to ..., the published tile/0/001 has ...
 *   FAIL first bad index: 300
 *
 * Exit status 0 only when every check holds, 1 otherwise. This file imports nothing of ours but
 * src/ledger and the evidence bundle verifier (which itself imports only src/ledger and node's
 * built-ins), so a party can audit with it alone. `--bundle FILE` checks an evidence bundle offline
 * (src/app/evidence/verify-bundle.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import {
  auditLog,
  type Checkpoint,
  decodeEntryBundle,
  fromHex,
  HASH_SIZE,
  inclusionProof,
  isLedgerError,
  leafHash,
  parseVerifierKey,
  TILE_WIDTH,
  tileNodeReader,
  tilePath,
  tilesForSize,
  toBase64,
  toHex,
  verifyCheckpoint,
  verifyEntryInclusion,
} from '../../ledger/index.js';
import { verifyBundle } from '../../app/evidence/verify-bundle.js';

export interface VerifyOptions {
  readonly url?: string;
  readonly dir?: string;
  readonly data?: string;
  /** An evidence bundle (tar) to check offline. */
  readonly bundle?: string;
  readonly checkpoint: string[];
  readonly key: string[];
  readonly witness: string[];
  readonly minWitnesses?: number;
  readonly origin?: string;
  readonly entryHash?: string;
}

/** Reads a path of the tlog-tiles layout; null when the log does not have it. */
export type LogReader = (path: string) => Promise<Uint8Array | null>;

export function httpReader(base: string): LogReader {
  const root = base.endsWith('/') ? base : `${base}/`;
  return async (path) => {
    const res = await fetch(new URL(path, root));
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`GET ${new URL(path, root)} answered ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
}

export function directoryReader(dir: string): LogReader {
  return async (path) => {
    try {
      return new Uint8Array(await readFile(join(dir, ...path.split('/'))));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  };
}

/** A partial resource, falling back to a prefix of the full one (tlog-tiles "Partial Tiles"). */
async function readTile(read: LogReader, level: number | 'entries', index: number, width: number): Promise<Uint8Array | null> {
  const exact = await read(tilePath(level, index, width));
  if (exact || width === TILE_WIDTH) return exact;
  const full = await read(tilePath(level, index));
  if (!full) return null;
  if (level !== 'entries') return full.subarray(0, width * HASH_SIZE);
  return full; // entry bundles are trimmed by count after decoding
}

async function inBatches<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) await Promise.all(items.slice(i, i + limit).map(fn));
}

/** Runs every check; writes lines through `print`; returns true when all hold. */
export async function runVerify(read: LogReader, opts: VerifyOptions, print: (line: string) => void): Promise<boolean> {
  let ok = true;
  const good = (what: string) => print(`ok   ${what}`);
  const bad = (what: string) => {
    ok = false;
    print(`FAIL ${what}`);
  };
  const failed = (e: unknown) => (isLedgerError(e) ? `${e.message} [${e.code}]` : (e as Error).message);

  if (opts.key.length === 0) {
    bad('no --key given: cannot tell who signed the checkpoint');
    return false;
  }
  const noteBytes = await read('checkpoint');
  if (!noteBytes) {
    bad('the log serves no checkpoint');
    return false;
  }
  const policy = { logKeys: opts.key, witnessKeys: opts.witness, minWitnesses: opts.minWitnesses ?? opts.witness.length, origin: opts.origin };
  let latest: Checkpoint;
  try {
    const v = verifyCheckpoint(new TextDecoder('utf-8', { fatal: true }).decode(noteBytes), policy);
    latest = v.checkpoint;
    good(`checkpoint ${latest.origin} size ${latest.size} root ${toBase64(latest.root)} signed by ${v.logSignatures.map((s) => s.name).join(', ')}`);
    for (const w of v.witnesses) good(`cosigned by ${w.name}${w.timestamp === undefined ? '' : ` at ${new Date(w.timestamp * 1000).toISOString()}`}`);
    if (policy.minWitnesses > 0) good(`${v.witnesses.length} of ${policy.minWitnesses} required witness cosignatures`);
  } catch (e) {
    bad(`checkpoint: ${failed(e)}`);
    return false;
  }

  const saved: Checkpoint[] = [];
  for (const file of opts.checkpoint) {
    try {
      const v = verifyCheckpoint(await readFile(file, 'utf8'), { ...policy, minWitnesses: 0 });
      saved.push(v.checkpoint);
      good(`saved checkpoint ${file}: size ${v.checkpoint.size}, signed by the log`);
    } catch (e) {
      bad(`saved checkpoint ${file}: ${failed(e)}`);
    }
  }

  const size = latest.size;
  const tiles = new Map<string, Uint8Array>();
  await inBatches(tilesForSize(size), 16, async (t) => {
    const bytes = await readTile(read, t.level, t.index, t.width);
    if (bytes) tiles.set(`${t.level}/${t.index}`, bytes);
  });
  const entries: Uint8Array[] = [];
  const bundles = Math.ceil(size / TILE_WIDTH);
  const decoded: Uint8Array[][] = new Array(bundles);
  let missingBundle: number | null = null;
  await inBatches([...Array(bundles).keys()], 16, async (n) => {
    const width = Math.min(TILE_WIDTH, size - n * TILE_WIDTH);
    const bytes = await readTile(read, 'entries', n, width);
    if (!bytes) {
      missingBundle = Math.min(missingBundle ?? n, n);
      return;
    }
    try {
      decoded[n] = decodeEntryBundle(bytes).slice(0, width);
      if (decoded[n]!.length < width) throw new Error(`holds ${decoded[n]!.length} entries, expected ${width}`);
    } catch (e) {
      bad(`${tilePath('entries', n, width)}: ${failed(e)}`);
      missingBundle = Math.min(missingBundle ?? n, n);
    }
  });
  for (let n = 0; n < bundles && (missingBundle === null || n < missingBundle); n++) entries.push(...decoded[n]!);
  if (missingBundle !== null) bad(`entry bundle ${missingBundle} is not served`);

  const publishedTile = (level: number, index: number, width: number) => tiles.get(`${level}/${index}`)?.subarray(0, width * HASH_SIZE) ?? null;
  const report = auditLog({ checkpoint: latest, entries, publishedTile, saved });
  for (const f of report.findings) (f.ok ? good : bad)(f.what);

  if (opts.entryHash !== undefined) {
    try {
      const wanted = fromHex(opts.entryHash.toLowerCase(), '--entry-hash');
      if (wanted.length !== HASH_SIZE) throw new Error('--entry-hash must be 64 hex digits (the RFC 9162 leaf hash)');
      const index = entries.findIndex((e) => toHex(leafHash(e)) === toHex(wanted));
      if (index < 0) throw new Error(`no entry among the first ${entries.length} has leaf hash ${toHex(wanted)}`);
      // The proof comes from the published tiles, as a client without the entries would get it.
      const proof = inclusionProof(index, size, tileNodeReader(size, (l, i, w) => publishedTile(l, i, w) ?? new Uint8Array(0)));
      verifyEntryInclusion(wanted, index, proof, latest);
      good(`entry ${toHex(wanted)} is leaf ${index}, included in the checkpoint of size ${size} (proof of ${proof.length} hashes)`);
    } catch (e) {
      bad(`entry ${opts.entryHash}: ${failed(e)}`);
    }
  }
  if (report.firstBadIndex !== null) bad(`first bad index: ${report.firstBadIndex}`);
  return ok;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function vkey(value: string, previous: string[]): string[] {
  parseVerifierKey(value);
  return [...previous, value];
}

/**
 * A mission data directory opened for `--data`: its log read in place, the mission's own verifier
 * key, and an audit of the state tables against the log. Injected by the CLI's entry point so that
 * this module imports nothing of ours but src/ledger.
 */
export interface LocalLog {
  readonly read: LogReader;
  readonly key: string;
  /** Lines naming each entry that differs from the stored tiles and each way the state differs from the log. */
  audit(): Promise<{ events: number; problems: string[] }>;
  close(): Promise<void>;
}

export function registerVerifyCommand(program: Command, openLocal?: (dataDir: string) => Promise<LocalLog>): Command {
  return program
    .command('verify')
    .description('Verify a Truceline log: checkpoint signatures and witness cosignatures, every entry against the signed root and the published tiles, consistency with checkpoints you saved, and the inclusion of one entry')
    .option('--url <url>', 'base URL of the published log (where /checkpoint and /tile/... are served)')
    .option('--dir <dir>', 'directory written by `truceline ledger export`')
    .option('--data <dir>', "a mission data directory read in place: also audits its state tables against the log (default key: the mission's own)")
    .option('--bundle <file>', 'an evidence bundle (truceline evidence export): every file hash, custody event and proof against its signed checkpoint, offline; pin the mission key with --key')
    .option('--checkpoint <file>', 'a signed checkpoint saved earlier; the log must extend it (repeatable)', collect, [])
    .option('--key <vkey>', "the log's verifier key, name+hexid+base64 (repeatable for rotated keys)", vkey, [])
    .option('--witness <vkey>', "a trusted witness's verifier key (repeatable)", vkey, [])
    .addOption(new Option('--min-witnesses <n>', 'witness cosignatures required (default: all --witness keys)').argParser((v) => {
      if (!/^(0|[1-9][0-9]*)$/.test(v)) throw new Error(`--min-witnesses must be a whole number, got ${v}`);
      return Number(v);
    }))
    .option('--origin <origin>', "the log's expected origin line")
    .option('--entry-hash <hex>', 'RFC 9162 leaf hash (SHA-256 of 0x00 || entry) of an entry that must be in the log')
    .action(async (opts: VerifyOptions) => {
      if ([opts.url, opts.dir, opts.data, opts.bundle].filter(Boolean).length !== 1) throw new Error('give exactly one of --url, --dir, --data and --bundle');
      const print = (line: string) => process.stdout.write(`${line}\n`);
      let ok: boolean;
      if (opts.bundle) {
        ok = await verifyBundle(opts.bundle, { key: opts.key }, print);
      } else if (opts.data) {
        if (!openLocal) throw new Error('--data is not available in this build');
        const local = await openLocal(opts.data);
        try {
          ok = await runVerify(local.read, { ...opts, key: opts.key.length ? opts.key : [local.key] }, print);
          const audit = await local.audit();
          if (audit.problems.length === 0) print(`ok   every stored entry matches the log's tiles, and the state tables equal the fold of all ${audit.events} ledger events`);
          for (const p of audit.problems) print(`FAIL ${p}`);
          ok &&= audit.problems.length === 0;
        } finally {
          await local.close();
        }
      } else {
        ok = await runVerify(opts.url ? httpReader(opts.url) : directoryReader(opts.dir!), opts, print);
      }
      print(ok ? 'verified: everything above holds' : 'NOT verified: see FAIL lines above');
      process.exitCode = ok ? 0 : 1;
    });
}
