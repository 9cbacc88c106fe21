/**
 * The checkpoint publisher: on a schedule and on demand, when the log grew since the last
 * published checkpoint, it signs a checkpoint with the mission key, asks every witness of the
 * mission's policy to cosign it (c2sp.org/tlog-witness), and publishes it only when at least
 * `minWitnesses` cosignatures came back — the published note carries the log's signature and
 * the cosignatures (c2sp.org/tlog-cosignature), so a party holding it knows independent witnesses
 * saw this tree head consistent with every one they saw before (no split view).
 *
 * Published checkpoints are kept in `checkpoints.jsonl` in the data directory (published-file.ts),
 * so `latest()` survives a restart. Before asking anyone, the publisher checks that the log still
 * extends its last published checkpoint (RFC 9162 §2.1.4 consistency proof against the stored
 * tree): a database rewritten under it stops publication instead of being cosigned by nobody.
 */
import {
  addSignatures,
  type Checkpoint,
  type CheckpointPolicy,
  formatVerifierKey,
  fromBase64,
  parseCheckpoint,
  SIG_TYPE_ED25519,
  toBase64,
  verifyCheckpoint,
  verifyCheckpointConsistency,
} from '../../ledger/index.js';
import { TrucelineError } from '../../domain/errors.js';
import { rawPublicKey, type Mission } from '../mission.js';
import { collectCosignatures, parseWitnesses, type WitnessConfig } from './cosign.js';
import { appendPublished, checkpointsFile, readLatestPublished, repairPublishedFile, type PublishedCheckpoint } from './published-file.js';
import { signCheckpoint } from './sign.js';

export interface CheckpointPublisherOptions {
  readonly mission: Pick<Mission, 'dataDir' | 'store' | 'origin' | 'signingKey' | 'publicKey'>;
  /** Milliseconds between scheduled attempts; default 60,000. 0 publishes on demand only. */
  readonly intervalMs?: number;
  /** The witnesses of the mission's policy; default none. */
  readonly witnesses?: readonly WitnessConfig[];
  /** Cosignatures a checkpoint needs before it is published: 0..witnesses.length. */
  readonly minWitnesses: number;
  /** Milliseconds since the epoch, for `publishedAt`; default Date.now. */
  readonly clock?: () => number;
  /** Where failures (naming the witness URL and the reason) and publications are reported; default stderr. */
  readonly log?: (line: string) => void;
  /** How long one witness may take to answer; default 10,000 ms. */
  readonly witnessTimeoutMs?: number;
}

export interface CheckpointPublisher {
  /**
   * Publishes a checkpoint of the log as it is now and returns the published note; returns the
   * latest note unchanged when the log has not grown. Rejects with UNAVAILABLE when fewer than
   * `minWitnesses` witnesses cosigned (nothing is published), and with INCONSISTENT when the log
   * no longer extends the last published checkpoint.
   */
  publishNow(): Promise<string>;
  /** The last published note (with its cosignatures), or null if none was ever published. */
  latest(): string | null;
  /** Stops the schedule and waits for an attempt in progress. */
  stop(): Promise<void>;
}

export function startCheckpointPublisher(opts: CheckpointPublisherOptions): CheckpointPublisher {
  const { mission } = opts;
  const intervalMs = opts.intervalMs ?? 60_000;
  const clock = opts.clock ?? Date.now;
  const log = opts.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const timeoutMs = opts.witnessTimeoutMs ?? 10_000;
  const witnesses = parseWitnesses(opts.witnesses ?? []);
  if (!Number.isSafeInteger(intervalMs) || intervalMs < 0) throw new TrucelineError('VALIDATION', `intervalMs must be a whole number of milliseconds >= 0, got ${intervalMs}`);
  if (!Number.isSafeInteger(opts.minWitnesses) || opts.minWitnesses < 0 || opts.minWitnesses > witnesses.length) {
    throw new TrucelineError('VALIDATION', `minWitnesses must be 0..${witnesses.length} (the number of witnesses configured), got ${opts.minWitnesses}`);
  }
  const logKey = formatVerifierKey({ name: mission.origin, type: SIG_TYPE_ED25519, publicKey: rawPublicKey(mission.publicKey) });
  const policy: CheckpointPolicy = { logKeys: [logKey], witnessKeys: (opts.witnesses ?? []).map((w) => w.vkey), origin: mission.origin };

  const file = checkpointsFile(mission.dataDir);
  if (repairPublishedFile(file)) log(`checkpoints: cut a torn last line from ${file} (a crash during an append)`);
  let latest = readLatestPublished(file, (r) => checkRecord(r, policy), log);
  for (const w of witnesses) if (latest?.witnesses.includes(w.name)) w.knownSize = latest.size;

  const publishOnce = async (): Promise<string> => {
    const signed = await signCheckpoint(mission);
    if (latest) {
      const previous: Checkpoint = { origin: mission.origin, size: latest.size, root: fromBase64(latest.root), extensions: [] };
      const proof = latest.size === 0 || signed.size <= latest.size ? [] : await mission.store.ledger.consistencyProof(latest.size, signed.size);
      try {
        verifyCheckpointConsistency(previous, { ...previous, size: signed.size, root: signed.root }, proof);
      } catch (e) {
        throw new TrucelineError('INCONSISTENT', `the log of size ${signed.size} does not extend the last published checkpoint of size ${latest.size}: ${(e as Error).message}; not publishing`);
      }
      if (signed.size === latest.size) return latest.note;
    }
    const outcomes = await collectCosignatures(signed.note, signed.size, witnesses, (oldSize) => Promise.resolve(mission.store.ledger.consistencyProof(oldSize, signed.size)), timeoutMs);
    const failed = outcomes.flatMap((o) => (o.ok ? [] : [`${o.witness.url}: ${o.reason}`]));
    for (const f of failed) log(`checkpoints: size ${signed.size} not cosigned by witness ${f}`);
    const cosigned = outcomes.flatMap((o) => (o.ok ? [o] : []));
    if (cosigned.length < opts.minWitnesses) {
      const why = failed.join('; ');
      throw new TrucelineError('UNAVAILABLE', `checkpoint of size ${signed.size} has ${cosigned.length} of the ${opts.minWitnesses} witness cosignatures it needs; not published (${why})`);
    }
    const note = cosigned.length > 0 ? addSignatures(signed.note, cosigned.map((o) => o.signature)) : signed.note;
    verifyCheckpoint(note, { ...policy, minWitnesses: opts.minWitnesses }); // what a party will check, before anyone sees it
    const record: PublishedCheckpoint = {
      size: signed.size,
      root: toBase64(signed.root),
      note,
      publishedAt: new Date(clock()).toISOString(),
      witnesses: cosigned.map((o) => o.witness.name),
    };
    appendPublished(file, record);
    latest = record;
    log(`checkpoints: published size ${signed.size} with ${cosigned.length} of ${witnesses.length} witness cosignatures`);
    return note;
  };

  // One attempt at a time: a scheduled tick and a publishNow never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const publishNow = (): Promise<string> => {
    const run = queue.then(publishOnce);
    queue = run.catch(() => undefined);
    return run;
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped || intervalMs === 0) return;
    timer = setTimeout(() => {
      publishNow()
        .catch((e: Error) => log(`checkpoints: scheduled publication failed: ${e.message}`))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    publishNow,
    latest: () => latest?.note ?? null,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await queue;
    },
  };
}

/** A stored record counts only if its note is the mission's and says what the record says. */
function checkRecord(record: PublishedCheckpoint, policy: CheckpointPolicy): void {
  const cp = parseCheckpoint(verifyCheckpoint(record.note, policy).text);
  if (cp.size !== record.size || toBase64(cp.root) !== record.root) {
    throw new Error(`record says size ${record.size} root ${record.root}, its note says size ${cp.size} root ${toBase64(cp.root)}`);
  }
}
