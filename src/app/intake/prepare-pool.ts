import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { prepareBatch, type PreparedBatch } from './batch.js';
import { prepareLine, type PrepareOptions, type WirePrepared } from './prepare.js';
import type { PrepareRequest, PrepareResponse } from './prepare-worker.js';

/**
 * Prepares chunks of NDJSON lines on worker threads, so that parsing, validation and canonical
 * JSON (most of intake's CPU) run beside the main thread's database writes. Chunks are handed to
 * the workers in turn; answers come back in the order asked. With `size` 0 it prepares inline.
 */
export class PreparePool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: PrepareResponse) => void; reject: (e: Error) => void }>();
  private next = 0;

  /** Default size: the cores left once the main thread has one, at least 1 and at most 4. */
  static defaultSize(): number {
    return Math.min(4, Math.max(1, availableParallelism() - 1));
  }

  constructor(readonly size: number = PreparePool.defaultSize()) {
    for (let i = 0; i < size; i++) {
      const w = startWorker();
      w.on('message', (m: PrepareResponse) => this.settle(m));
      w.on('error', (err) => this.failAll(err));
      this.workers.push(w);
    }
  }

  prepare(lines: readonly string[], opts: PrepareOptions): Promise<readonly WirePrepared[]> {
    if (this.workers.length === 0) return Promise.resolve(lines.map((l) => prepareLine(l, opts)));
    return this.ask({ lines, opts }).then((m) => m.results ?? []);
  }

  /** Parses, checks and prepares one intake request body (batch.ts prepareBatch). */
  prepareBatch(text: string, opts: PrepareOptions): Promise<PreparedBatch> {
    if (this.workers.length === 0) return Promise.resolve(prepareBatch(text, opts));
    return this.ask({ batch: text, opts }).then((m) => m.batch!);
  }

  private ask(req: Omit<PrepareRequest, 'id'>): Promise<PrepareResponse> {
    const id = this.next++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...req } satisfies PrepareRequest);
    });
  }

  private settle(m: PrepareResponse): void {
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if (m.results || m.batch) w.resolve(m);
    else w.reject(new Error(`preparing lines failed in a worker: ${m.error}`));
  }

  private failAll(err: Error): void {
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  /** Stops the workers; they keep the process alive until then. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * The compiled worker; or, running from TypeScript sources (tests, benchmarks under tsx), the
 * source worker behind tsx's loader, which a worker thread does not inherit on Node 20.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./prepare-worker.js', import.meta.url));
  const source = new URL('./prepare-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true });
}
