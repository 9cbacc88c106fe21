/**
 * A C2SP tlog-witness (c2sp.org/tlog-witness) over node:http: `POST <prefix>/add-checkpoint`.
 * Its state lives in `dataDir` (state.json, witness.key, witness.vkey, evidence.jsonl); its key
 * is created on first start. Requests are decided and persisted synchronously, with no await between the check
 * of the old size and the write of the new one, so concurrent requests cannot roll the log back.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newSigner } from '../ledger/index.js';
import { decideAddCheckpoint, logVerifiers, type WitnessLog } from './add-checkpoint.js';
import { loadOrCreateNoteKey } from './keys.js';
import { lockDataDir, WitnessState } from './state.js';

/** A checkpoint with 63 proof lines and 100 signatures fits well within this. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface WitnessServerOptions {
  /** Directory for state.json, witness.key, evidence.jsonl; created if missing. */
  readonly dataDir: string;
  /** The witness's key name (a schema-less URL is recommended), used when creating its key. */
  readonly name: string;
  readonly logs: readonly WitnessLog[];
  /** URL path prefix of the submission API; default '' (so `/add-checkpoint`). */
  readonly prefix?: string;
  /** POSIX seconds for cosignature timestamps; default the system clock. */
  readonly clock?: () => number;
}

export interface WitnessServer {
  /** The witness's cosignature/v1 verifier key (type 0x04), for clients' policies. */
  readonly vkey: string;
  readonly server: Server;
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

export function createWitnessServer(opts: WitnessServerOptions): WitnessServer {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const release = lockDataDir(opts.dataDir);
  try {
    const clock = opts.clock ?? (() => Math.floor(Date.now() / 1000));
    const key = loadOrCreateNoteKey(join(opts.dataDir, 'witness.key'), opts.name, 'cosigner');
    writeFileSync(join(opts.dataDir, 'witness.vkey'), `${key.vkey}\n`); // public: hand it to log clients
    const cosigner = newSigner(key.skey, clock);
    const state = new WitnessState(opts.dataDir);
    const logs = logVerifiers(opts.logs);
    const path = `${(opts.prefix ?? '').replace(/\/$/, '')}/add-checkpoint`;

    const handle = (body: string, res: ServerResponse) => {
      const outcome = decideAddCheckpoint(body, { logs, stored: (o) => state.get(o), cosigner, now: clock });
      if (outcome.status === 200) {
        state.put(outcome.origin, outcome.record); // persisted before answering, as the spec requires
        return send(res, 200, outcome.body, 'text/plain; charset=utf-8');
      }
      if (outcome.evidence && outcome.origin) state.recordEvidence({ at: clock(), origin: outcome.origin, status: outcome.status, reason: outcome.body.trim(), body });
      return send(res, outcome.status, outcome.body, outcome.contentType);
    };

    const server = createServer((req, res) => {
      const url = (req.url ?? '').split('?')[0];
      if (url !== path) return send(res, 404, `not found: ${url}\n`);
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return send(res, 405, 'use POST\n');
      }
      readBody(req, MAX_BODY_BYTES)
        .then((body) => handle(body, res))
        .catch((e: Error & { status?: number }) => send(res, e.status ?? 500, `${e.status ? e.message : 'internal error'}\n`));
    });
    server.keepAliveTimeout = 30_000;

    let closed = false;
    return {
      vkey: key.vkey,
      server,
      listen: (port, host = '127.0.0.1') =>
        new Promise((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, host, () => {
            const address = server.address() as AddressInfo;
            const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
            resolve({ port: address.port, url: `http://${shown}:${address.port}${opts.prefix ?? ''}` });
          });
        }),
      close: () =>
        new Promise((resolve) => {
          if (closed) return resolve();
          closed = true;
          server.close(() => {
            release();
            resolve();
          });
          server.closeIdleConnections();
        }),
    };
  } catch (e) {
    release();
    throw e;
  }
}

function send(res: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    // Past the limit the rest is drained and dropped (answering mid-upload makes clients see a
    // reset rather than the 413); a client that keeps sending far beyond it is cut off.
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= limit) chunks.push(chunk);
      else if (length > 16 * limit) req.destroy();
    });
    req.on('end', () => {
      if (length > limit) return reject(Object.assign(new Error(`body exceeds ${limit} bytes`), { status: 413 }));
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(Object.assign(new Error('body is not valid UTF-8'), { status: 400 }));
      }
    });
    req.on('error', reject);
  });
}
