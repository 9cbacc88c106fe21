import { createHash } from 'node:crypto';
import type pg from 'pg';
import { isSealed, leavesFor } from '../../app/events/event.js';
import type { RecordInput, RecordResult, WriteTx } from '../port.js';
import { PostgresLedger } from './ledger.js';
import { readLog, unseal } from './replay.js';
import { PostgresStateWriter } from './state-writer.js';

/**
 * The `tx` of one write transaction, on the transaction's client. Its calls run one after the
 * other in call order (an append reads the log size, so two may not interleave), and the first
 * that fails dooms the transaction: PostgreSQL aborts a transaction at its first failed
 * statement, and a failed `record` may have appended part of its batch, so every later call
 * fails too and the write is rolled back even if `fn` catches the error.
 */
export class PostgresWriteTx implements WriteTx {
  private readonly log: PostgresLedger;
  private readonly state: PostgresStateWriter;
  private chain: Promise<unknown> = Promise.resolve();
  private ended = false;
  /** The first error of this transaction, or null. */
  failure: unknown = null;

  constructor(private readonly client: pg.ClientBase, private readonly schema: string) {
    this.log = new PostgresLedger(client);
    this.state = new PostgresStateWriter(client);
  }

  observationDigest(id: string): Promise<string | null> {
    return this.step('observationDigest', async () => {
      const { rows } = await this.client.query<{ digest: string }>({ name: 'truceline_tx_digest', text: 'SELECT digest FROM observations WHERE id = $1', values: [id] });
      return rows[0]?.digest ?? null;
    });
  }

  putDocument(body: Uint8Array, mediaType: string): Promise<string> {
    return this.step('putDocument', async () => {
      const sha256 = createHash('sha256').update(body).digest('hex');
      await this.client.query({
        name: 'truceline_tx_put_document',
        text: 'INSERT INTO documents (sha256, media_type, body) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
        values: [sha256, mediaType, Buffer.from(body.buffer, body.byteOffset, body.byteLength)],
      });
      return sha256;
    });
  }

  /**
   * Appends each event's leaf (sealed for a confidential one) and applies the event, in order.
   * An event type no applier knows is refused before anything is written.
   */
  record(inputs: readonly RecordInput[]): Promise<RecordResult> {
    return this.step('record', async () => {
      inputs.forEach((input, i) => {
        if (!this.state.knows(input.event.type)) throw new Error(`no applier for ledger event type '${input.event.type}' (inputs[${i}]); nothing was recorded`);
      });
      if (inputs.length === 0) {
        const size = await this.log.size();
        return { firstIndex: size, size };
      }
      const { leaves, sealed } = leavesFor(inputs);
      const { firstIndex, size } = await this.log.append(leaves, inputs[0]?.event.at ?? null);
      if (sealed.length > 0) {
        await this.client.query({
          name: 'truceline_tx_put_sealed',
          text: 'INSERT INTO sealed_events (idx, salt, content) SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::text[])',
          values: [sealed.map((s) => firstIndex + s.offset), sealed.map((s) => Buffer.from(s.salt)), sealed.map((s) => s.content)],
        });
      }
      for (const [offset, input] of inputs.entries()) await this.state.apply(input.event, firstIndex + offset);
      return { firstIndex, size };
    });
  }

  /** Empties the state tables and replays the whole log into them (store.rebuild). */
  rebuild(onProgress?: (done: number, total: number) => void): Promise<number> {
    return this.step('rebuild', async () => {
      await this.state.clear();
      const total = await this.log.size();
      for await (const { index: i, leaf, kept } of readLog(this.client, this.schema, total)) {
        if (!leaf) throw new Error(`ledger entry ${i} is missing`);
        await this.state.apply(isSealed(leaf) ? unseal(i, leaf, kept) : leaf, i);
        if (onProgress && (i % 10_000 === 0 || i === total - 1)) onProgress(i + 1, total);
      }
      return total;
    });
  }

  /** Waits for every call made so far, then refuses new ones: the transaction is ending. */
  async end(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
    this.ended = true;
  }

  private step<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (this.ended) return Promise.reject(new Error(`tx.${what}() was called after its write transaction ended`));
    const run = this.chain.then(async () => {
      if (this.failure) throw new Error(`tx.${what}(): an earlier call of this write failed, so PostgreSQL has aborted its transaction`);
      try {
        return await fn();
      } catch (err) {
        this.failure ??= err;
        throw err;
      }
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
