/**
 * Where evidence bytes live: content-addressed by SHA-256, each file kept once however often it
 * is uploaded. Two adapters pass one contract (blob-store.contract.ts): the data directory on disk
 * (the default) and any S3-compatible object store.
 *
 * An upload is first *staged*: streamed to a temporary file while it is hashed and counted, so
 * memory stays flat for a 500 MiB video and nothing is kept before its type and size are known.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TrucelineError } from '../../domain/errors.js';
import { formatBytes } from '../../domain/evidence/index.js';

export interface BlobStore {
  readonly kind: 'disk' | 's3';
  /** A directory for staged uploads (on the store's own file system when it is a disk). */
  readonly stagingDir: string;
  /**
   * Keeps a staged file's bytes as `sha256` (which the caller computed while staging) and removes
   * the staged file. Returns false when the bytes were already kept (nothing is written twice).
   */
  putStaged(stagedFile: string, sha256: string, size: number): Promise<boolean>;
  /** The byte size of a kept file, or null when none is kept under `sha256`. */
  size(sha256: string): Promise<number | null>;
  /** A stream of a kept file's bytes, or null. */
  open(sha256: string): Promise<Readable | null>;
}

/** `ab/cd/<sha256>`: two levels of fan-out keep directories (and S3 listings) small. */
export function blobPath(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export interface StagedFile {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
}

/**
 * Streams `source` to a new file in `dir` while hashing it; refuses (VALIDATION on `field`) once
 * more than `maxBytes` arrive, deleting what was written. The file is fsynced before it is named
 * to the caller.
 */
export async function stageStream(
  source: Readable | AsyncIterable<Uint8Array>,
  dir: string,
  maxBytes: number,
  field = 'file',
): Promise<StagedFile> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes)
        return done(
          new TrucelineError(
            'VALIDATION',
            `${field}: larger than the ${formatBytes(maxBytes)} accepted`,
            [{ path: field, reason: `larger than ${formatBytes(maxBytes)}` }],
          ),
        );
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    const fh = await open(file, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    await rm(file, { force: true });
    throw err;
  }
  return { file, sha256: hash.digest('hex'), size };
}

/** Keeps small bytes made here (a thumbnail) in `blobs`; returns their SHA-256. */
export async function putBytes(blobs: BlobStore, bytes: Uint8Array): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if ((await blobs.size(sha256)) !== null) return sha256;
  await mkdir(blobs.stagingDir, { recursive: true });
  const file = join(blobs.stagingDir, `${Date.now()}-${randomBytes(8).toString('hex')}.part`);
  await writeFile(file, bytes, { flag: 'wx', mode: 0o600, flush: true });
  await blobs.putStaged(file, sha256, bytes.length);
  return sha256;
}

/** Reads a kept file whole (small files only: thumbnails, tests). */
export async function readBlob(blobs: BlobStore, sha256: string): Promise<Buffer | null> {
  const stream = await blobs.open(sha256);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
