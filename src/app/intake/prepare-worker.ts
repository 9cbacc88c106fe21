/**
 * Worker thread entry: prepares chunks of NDJSON lines (parse, validate, normalise, canonical
 * JSON, digest, index place) so the main thread only stores them. See prepare-pool.ts.
 */
import { parentPort } from 'node:worker_threads';
import { prepareBatch, type PreparedBatch } from './batch.js';
import { prepareLine, type PrepareOptions, type WirePrepared } from './prepare.js';

/** NDJSON lines (`lines`), or one intake request body (`batch`, see batch.ts). */
export interface PrepareRequest {
  readonly id: number;
  readonly lines?: readonly string[];
  readonly batch?: string;
  readonly opts: PrepareOptions;
}

export interface PrepareResponse {
  readonly id: number;
  readonly results?: readonly WirePrepared[];
  readonly batch?: PreparedBatch;
  readonly error?: string;
}

parentPort?.on('message', (req: PrepareRequest) => {
  try {
    const response: PrepareResponse =
      req.batch !== undefined ? { id: req.id, batch: prepareBatch(req.batch, req.opts) } : { id: req.id, results: (req.lines ?? []).map((line) => prepareLine(line, req.opts)) };
    parentPort!.postMessage(response);
  } catch (err) {
    parentPort!.postMessage({ id: req.id, error: (err as Error).stack ?? String(err) } satisfies PrepareResponse);
  }
});
