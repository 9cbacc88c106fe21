/**
 * Publishing the ledger: the C2SP tlog-tiles static API plus three JSON conveniences.
 *
 *   GET /checkpoint                       latest signed checkpoint (C2SP signed note), text/plain
 *   GET /tile/<L>/<N>[.p/<W>]             Merkle tiles (tlog-tiles), application/octet-stream
 *   GET /tile/entries/<N>[.p/<W>]         entry bundles (tlog-tiles), application/octet-stream
 *   GET /entries/:index                   {index, leafHash, entry, event}
 *   GET /proof/inclusion?index=&size=     {index, size, leafHash, proof}   (or ?hash=<leaf hash>)
 *   GET /proof/consistency?from=&to=      {from, to, proof}
 *
 * JSON hashes are lower-case hex (the checkpoint keeps base64, as its spec demands); `leafHash`
 * is the RFC 9162 leaf hash SHA-256(0x00 || entry); `entry` is the leaf bytes in base64; `event`
 * is the entry parsed as JSON when it is JSON, else null. `size` and `to` default to the latest
 * checkpoint's size, so a proof answers against what was signed. A verifier needs only the tiles;
 * the proof routes save a light client from fetching them, and it must verify what it gets.
 *
 * Register with a prefix of your choice; the verifier's --url is that prefix:
 *   app.register(ledgerRoutes, { prefix: "/log", ledger: store.ledger, checkpoint: () => latestNote });
 * Every URL in LEDGER_ROUTES needs an authorisation rule (public: everyone).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TrucelineError } from '../domain/errors.js';
import {
  fromHex,
  isLedgerError,
  leafHash,
  parseTilePath,
  toBase64,
  toHex,
} from '../ledger/index.js';
import type { LedgerView } from '../store/port.js';
import { problems } from './schemas.js';

/** What the routes read: the store port's LedgerView (each call may answer with a promise). */
export type PublishedLedger = Pick<
  LedgerView,
  | 'size'
  | 'entry'
  | 'tile'
  | 'entryBundle'
  | 'inclusionProof'
  | 'consistencyProof'
  | 'indexOfLeafHash'
>;

export interface LedgerRoutesOptions {
  readonly ledger: PublishedLedger;
  /** The latest signed checkpoint note (with whatever cosignatures it has collected). */
  readonly checkpoint: () => string | Promise<string>;
}

/** Method and URL (relative to the prefix) of every route, for the authorisation table. */
export const LEDGER_ROUTES = [
  { method: 'GET', url: '/checkpoint' },
  { method: 'GET', url: '/tile/*' },
  { method: 'GET', url: '/entries/:index' },
  { method: 'GET', url: '/proof/inclusion' },
  { method: 'GET', url: '/proof/consistency' },
] as const;

const count = z
  .string()
  .regex(/^(?:0|[1-9][0-9]{0,15})$/, 'must be a decimal integer without leading zeroes');
const hexHash = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');
const TAGS = ['ledger'];

const entrySchema = z
  .object({ index: z.number().int(), leafHash: z.string(), entry: z.string(), event: z.unknown() })
  .meta({ id: 'LedgerEntry' });
const inclusionSchema = z
  .object({
    index: z.number().int(),
    size: z.number().int(),
    leafHash: z.string(),
    proof: z.array(z.string()),
  })
  .meta({ id: 'InclusionProof' });
const consistencySchema = z
  .object({ from: z.number().int(), to: z.number().int(), proof: z.array(z.string()) })
  .meta({ id: 'ConsistencyProof' });

function invalid(path: string, reason: string): TrucelineError {
  return new TrucelineError('VALIDATION', `${path}: ${reason}`, [{ path, reason }]);
}

function safeCount(text: string, path: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw invalid(path, 'must be below 2^53');
  return n;
}

/** The ledger's LedgerError codes, as the app's errors. */
function fromLedger(e: unknown): unknown {
  if (!isLedgerError(e)) return e;
  if (e.code === 'INVALID_INPUT' || e.code === 'MALFORMED')
    return new TrucelineError('VALIDATION', e.message);
  return e;
}

const binary = (reply: FastifyReply, bytes: Uint8Array) =>
  reply
    .type('application/octet-stream')
    .header('cache-control', 'public, max-age=31536000, immutable')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

export async function ledgerRoutes(
  fastify: FastifyInstance,
  opts: LedgerRoutesOptions,
): Promise<void> {
  const { ledger } = opts;
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const signedSize = async (): Promise<number> => {
    const sizeLine = (await opts.checkpoint()).split('\n')[1] ?? '';
    if (!/^(?:0|[1-9][0-9]*)$/.test(sizeLine))
      throw new Error('the configured checkpoint has no size line');
    return Number(sizeLine);
  };

  app.get('/checkpoint', {
    schema: {
      summary: 'Latest signed checkpoint (C2SP tlog-checkpoint signed note)',
      tags: TAGS,
      produces: ['text/plain'],
    },
    handler: async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await opts.checkpoint()),
  });

  app.get('/tile/*', {
    schema: {
      summary:
        'Merkle tile or entry bundle (C2SP tlog-tiles): tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]',
      tags: TAGS,
      params: z.object({ '*': z.string() }),
      produces: ['application/octet-stream'],
      response: problems(400, 404),
    },
    handler: async (request, reply) => {
      let path;
      try {
        path = parseTilePath(request.params['*']);
      } catch (e) {
        throw invalid('params.path', (e as Error).message);
      }
      const bytes =
        path.level === 'entries'
          ? await ledger.entryBundle(path.index, path.width)
          : await ledger.tile(path.level, path.index, path.width);
      if (!bytes)
        throw new TrucelineError(
          'NOT_FOUND',
          `no tile ${request.params['*']} in a log of size ${await ledger.size()}`,
        );
      return binary(reply, bytes);
    },
  });

  app.get('/entries/:index', {
    schema: {
      summary: 'One ledger entry: its bytes (base64), RFC 9162 leaf hash (hex) and parsed event',
      tags: TAGS,
      params: z.object({ index: count }),
      response: { 200: entrySchema, ...problems(400, 404) },
    },
    handler: async (request) => {
      const index = safeCount(request.params.index, 'params.index');
      const entry = await ledger.entry(index);
      if (!entry)
        throw new TrucelineError(
          'NOT_FOUND',
          `no entry ${index}; the log has ${await ledger.size()}`,
        );
      let event: unknown = null;
      try {
        event = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry));
      } catch {
        event = null;
      }
      return { index, leafHash: toHex(leafHash(entry)), entry: toBase64(entry), event };
    },
  });

  app.get('/proof/inclusion', {
    schema: {
      summary:
        'RFC 9162 §2.1.3 inclusion proof, by index or by leaf hash; size defaults to the latest checkpoint',
      tags: TAGS,
      querystring: z.object({
        index: count.optional(),
        hash: hexHash.optional(),
        size: count.optional(),
      }),
      response: { 200: inclusionSchema, ...problems(400, 404) },
    },
    handler: async (request) => {
      const q = request.query;
      if ((q.index === undefined) === (q.hash === undefined))
        throw invalid('query.index', 'give exactly one of index and hash');
      const size = q.size === undefined ? await signedSize() : safeCount(q.size, 'query.size');
      if (size > (await ledger.size()))
        throw invalid('query.size', `must be at most the log size ${await ledger.size()}`);
      let index: number;
      if (q.hash !== undefined) {
        const found = await ledger.indexOfLeafHash(fromHex(q.hash));
        if (found === null)
          throw new TrucelineError('NOT_FOUND', `no entry has leaf hash ${q.hash}`);
        index = found;
      } else {
        index = safeCount(q.index!, 'query.index');
      }
      if (index >= size) {
        if (q.hash !== undefined)
          throw new TrucelineError(
            'NOT_FOUND',
            `entry ${index} is not in the tree of size ${size} (not yet checkpointed)`,
          );
        throw invalid('query.index', `must be below size ${size}`);
      }
      try {
        const proof = await ledger.inclusionProof(index, size);
        return {
          index,
          size,
          leafHash: toHex(leafHash((await ledger.entry(index))!)),
          proof: proof.map(toHex),
        };
      } catch (e) {
        throw fromLedger(e);
      }
    },
  });

  app.get('/proof/consistency', {
    schema: {
      summary:
        'RFC 9162 §2.1.4 consistency proof between two tree sizes; to defaults to the latest checkpoint',
      tags: TAGS,
      querystring: z.object({ from: count, to: count.optional() }),
      response: { 200: consistencySchema, ...problems(400) },
    },
    handler: async (request) => {
      const from = safeCount(request.query.from, 'query.from');
      const to =
        request.query.to === undefined
          ? await signedSize()
          : safeCount(request.query.to, 'query.to');
      if (to > (await ledger.size()))
        throw invalid('query.to', `must be at most the log size ${await ledger.size()}`);
      if (from > to) throw invalid('query.from', `must be at most to (${to})`);
      try {
        return {
          from,
          to,
          proof: from === 0 ? [] : (await ledger.consistencyProof(from, to)).map(toHex),
        };
      } catch (e) {
        throw fromLedger(e);
      }
    },
  });
}
