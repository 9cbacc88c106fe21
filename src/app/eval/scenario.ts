/**
 * Plays a simulated scenario into a store through the real intake and fusion path (fileAndFuse:
 * fileObservations' transaction, then IncidentFuser), as a live mission would receive it: reports
 * in the order the simulator emits them, filed in batches of up to `batchS` seconds of scenario
 * time, each filed when its last report's window has ended. An hour after the last batch the
 * fuser settles the party claims still waiting (IncidentFuser.settle, which a live mission's
 * fusion duty runs every minute on the wall clock), so claims filed at the end of the data are
 * matched as a mission's would be. Returns the ground truth.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { statedWindowMs } from '../../domain/fusion/index.js';
import type { Observation } from '../../domain/observation/types.js';
import { simulate, type SimOptions, type TruthEvent } from '../../sim/index.js';
import type { Store } from '../../store/port.js';
import { fileAndFuse } from '../fusion/file-and-fuse.js';
import { IncidentFuser, type IncidentFuserOptions } from '../fusion/fuser.js';

export interface PlayOptions {
  /** Scenario seconds gathered into one intake batch; default 60. */
  readonly batchS?: number;
  readonly fuser?: IncidentFuserOptions;
}

export interface PlayResult {
  readonly truths: TruthEvent[];
  readonly observations: number;
  readonly fuser: IncidentFuser;
}

/** How long after the last batch the waiting claims are settled on the wall clock. */
const SETTLE_AFTER_MS = 3600_000;

export async function playScenario(store: Store, agreement: Agreement, sim: SimOptions, options: PlayOptions = {}): Promise<PlayResult> {
  const fuser = new IncidentFuser(store, agreement, options.fuser);
  const batchMs = (options.batchS ?? 60) * 1000;
  const truths: TruthEvent[] = [];
  let batch: Observation[] = [];
  let batchStart = 0;
  let batchEnd = 0;
  let n = 0;
  let lastNowMs = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    lastNowMs = batchEnd + 1000;
    await fileAndFuse(store, fuser, batch, { actor: 'sim:eval', nowMs: lastNowMs });
    n += batch.length;
    batch = [];
  };
  for (const item of simulate(agreement, sim)) {
    if ('truth' in item) {
      truths.push(item.truth);
      continue;
    }
    const w = statedWindowMs(item.observation);
    if (batch.length > 0 && w.fromMs - batchStart > batchMs) await flush();
    if (batch.length === 0) {
      batchStart = w.fromMs;
      batchEnd = w.toMs;
    }
    batchEnd = Math.max(batchEnd, w.toMs);
    batch.push(item.observation);
  }
  await flush();
  if (n > 0) await fuser.settle(lastNowMs + SETTLE_AFTER_MS);
  return { truths, observations: n, fuser };
}
