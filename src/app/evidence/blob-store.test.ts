import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreContract } from './blob-store.contract.js';
import { DiskBlobStore } from './disk-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';
import { putBytes } from './blob-store.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-blobs-'));
let s3rver: ChildProcess;
let endpoint = '';

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** A real S3-compatible server process (s3rver) on loopback, over a temporary directory. */
beforeAll(async () => {
  const port = await freePort();
  const bin = join(
    import.meta.dirname,
    '..',
    '..',
    '..',
    'node_modules',
    's3rver',
    'bin',
    's3rver.js',
  );
  s3rver = spawn(
    process.execPath,
    [bin, '-d', join(dir, 's3'), '-a', '127.0.0.1', '-p', String(port), '--no-vhost-buckets', '-s'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(endpoint);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await s3().ensureBucket();
}, 30_000);

afterAll(() => {
  s3rver?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const s3 = () =>
  new S3BlobStore(
    { endpoint, bucket: 'evidence', accessKey: 'S3RVER', secretKey: 'S3RVER' },
    join(dir, 's3-staging'),
  );

blobStoreContract('disk', () => new DiskBlobStore(join(dir, 'disk')));
blobStoreContract('S3 (s3rver process)', s3);

describe('disk layout', () => {
  it('keeps a file at ab/cd/<sha256>', async () => {
    const blobs = new DiskBlobStore(join(dir, 'layout'));
    const sha = await putBytes(blobs, Buffer.from('a photo'));
    expect(readdirSync(join(dir, 'layout', sha.slice(0, 2), sha.slice(2, 4)))).toEqual([sha]);
  });
});
