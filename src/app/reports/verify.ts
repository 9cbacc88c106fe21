/**
 * Checks a copy of a published report, as a reader holding the JSON can: the model hashes to the
 * digest the ledger entry records, the entry rebuilt from the copy is at `ledgerIndex` of the tree
 * the mission's signed checkpoint names (by the inclusion proof the copy carries), and, when the
 * log itself is at hand (a data directory or a server), that the log still holds that entry and
 * extends that checkpoint. Each check is one line; the copy is verified only when all hold.
 */
import {
  bytesEqual,
  fromBase64,
  fromHex,
  isLedgerError,
  leafHash,
  toHex,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '../../ledger/index.js';
import type { ReportModel } from '../../domain/report/index.js';
import type { LedgerView } from '../../store/port.js';
import { encodeLeaf } from '../events/event.js';
import { modelSha256, reportPublishedEvent } from './publish.js';

export interface CheckLine {
  readonly ok: boolean;
  readonly what: string;
}

/** Where the live log is, when the reader has it. */
export type LiveLog =
  | { readonly kind: 'local'; readonly ledger: LedgerView }
  | { readonly kind: 'http'; readonly base: string; readonly fetch?: typeof fetch };

export interface VerifyReportOptions {
  /** The mission's verifier key(s), signed-note vkey form (`truceline ledger key` prints it). */
  readonly keys: readonly string[];
  readonly live?: LiveLog;
}

const failed = (e: unknown) =>
  isLedgerError(e) ? `${e.message} [${e.code}]` : (e as Error).message;

interface LiveHead {
  readonly size: number;
  readonly root: Uint8Array;
  entry(index: number): Promise<Uint8Array | null>;
  consistency(from: number, to: number): Promise<Uint8Array[]>;
}

async function liveHead(live: LiveLog, keys: readonly string[]): Promise<LiveHead> {
  if (live.kind === 'local') {
    const size = await live.ledger.size();
    return {
      size,
      root: await live.ledger.root(size),
      entry: async (i) => live.ledger.entry(i),
      consistency: async (a, b) => live.ledger.consistencyProof(a, b),
    };
  }
  const get = live.fetch ?? fetch;
  const base = live.base.replace(/\/+$/, '');
  const json = async (path: string) => {
    const res = await get(`${base}${path}`);
    if (!res.ok) throw new Error(`GET ${base}${path} answered ${res.status}`);
    return res;
  };
  const note = await (await json('/log/checkpoint')).text();
  const cp = verifyCheckpoint(note, { logKeys: keys }).checkpoint;
  return {
    size: cp.size,
    root: cp.root,
    entry: async (i) =>
      fromBase64(((await (await json(`/log/entries/${i}`)).json()) as { entry: string }).entry),
    consistency: async (a, b) =>
      (
        (await (await json(`/log/proof/consistency?from=${a}&to=${b}`)).json()) as {
          proof: string[];
        }
      ).proof.map((h) => fromHex(h)),
  };
}

/** Runs every check on `model` (a parsed JSON copy); returns the lines and whether all hold. */
export async function verifyReportCopy(
  model: ReportModel,
  options: VerifyReportOptions,
): Promise<{ ok: boolean; lines: CheckLine[] }> {
  const lines: CheckLine[] = [];
  const good = (what: string) => lines.push({ ok: true, what });
  const bad = (what: string) => lines.push({ ok: false, what });
  const done = () => ({ ok: lines.every((l) => l.ok), lines });
  const p = model.publication;
  if (!p) {
    bad('the report carries no publication block: it is a draft, not a published report');
    return done();
  }
  if (options.keys.length === 0) {
    bad("no verifier key: cannot tell who signed the checkpoint (give the mission's key)");
    return done();
  }

  const sha = modelSha256(model);
  if (sha === p.modelSha256) good(`the report hashes to ${sha}, the digest it was published with`);
  else bad(`the report hashes to ${sha}, not ${p.modelSha256}: it was changed after publication`);

  const leaf = encodeLeaf(reportPublishedEvent(model, p.approvedBy, p.approvedAt));
  const hash = leafHash(leaf);

  let root: Uint8Array | null = null;
  try {
    const v = verifyCheckpoint(p.checkpoint, { logKeys: options.keys, origin: model.missionId });
    if (v.checkpoint.size !== p.treeSize || toHex(v.checkpoint.root) !== p.rootHash)
      throw new Error(
        `it names size ${v.checkpoint.size} root ${toHex(v.checkpoint.root)}, the report says ${p.treeSize} ${p.rootHash}`,
      );
    root = v.checkpoint.root;
    good(
      `checkpoint ${v.checkpoint.origin} size ${p.treeSize} signed by ${v.logSignatures.map((s) => s.name).join(', ')}`,
    );
  } catch (e) {
    bad(`checkpoint: ${failed(e)}`);
  }

  if (root) {
    try {
      if (!p.inclusionProof) throw new Error('the report carries no inclusion proof');
      verifyInclusion(
        p.ledgerIndex,
        p.treeSize,
        hash,
        p.inclusionProof.map((h) => fromHex(h, 'inclusionProof')),
        root,
      );
      good(
        `the report.published entry (leaf ${toHex(hash)}) is entry ${p.ledgerIndex} of that tree, approved by ${p.approvedBy} at ${p.approvedAt}`,
      );
    } catch (e) {
      bad(`inclusion of entry ${p.ledgerIndex}: ${failed(e)}`);
    }
  }

  if (options.live && root) {
    try {
      const head = await liveHead(options.live, options.keys);
      const entry = await head.entry(p.ledgerIndex);
      if (!entry || !bytesEqual(entry, leaf))
        throw new Error(`the log's entry ${p.ledgerIndex} is not this report's publication`);
      good(`the log holds the publication as entry ${p.ledgerIndex}`);
      if (head.size < p.treeSize)
        throw new Error(
          `the log has ${head.size} entries, fewer than the report's tree of ${p.treeSize}`,
        );
      verifyConsistency(
        p.treeSize,
        head.size,
        await head.consistency(p.treeSize, head.size),
        root,
        head.root,
      );
      good(`the log of size ${head.size} extends the report's checkpoint`);
    } catch (e) {
      bad(`live log: ${failed(e)}`);
    }
  }
  return done();
}
