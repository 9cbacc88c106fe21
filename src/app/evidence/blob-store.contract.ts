/**
 * The contract every evidence blob store keeps (disk, S3): bytes kept by SHA-256, exactly once,
 * read back bit for bit, streamed in and out. Run by blob-store.test.ts against each adapter.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { putBytes, readBlob, stageStream, type BlobStore } from './blob-store.js';

export function blobStoreContract(name: string, open: () => BlobStore): void {
  describe(`blob store contract: ${name}`, () => {
    it('keeps staged bytes under their SHA-256 and reads them back bit for bit', async () => {
      const blobs = open();
      const bytes = randomBytes(70_000);
      const staged = await stageStream(
        Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]),
        blobs.stagingDir,
        1 << 20,
      );
      expect(staged.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(staged.size).toBe(bytes.length);
      expect(await blobs.size(staged.sha256)).toBeNull();
      expect(await blobs.putStaged(staged.file, staged.sha256, staged.size)).toBe(true);
      expect(existsSync(staged.file)).toBe(false);
      expect(await blobs.size(staged.sha256)).toBe(bytes.length);
      expect((await readBlob(blobs, staged.sha256))!.equals(bytes)).toBe(true);
    });

    it('never stores the same bytes twice', async () => {
      const blobs = open();
      const bytes = randomBytes(1234);
      const first = await putBytes(blobs, bytes);
      const again = await stageStream(Readable.from([bytes]), blobs.stagingDir, 1 << 20);
      expect(again.sha256).toBe(first);
      expect(await blobs.putStaged(again.file, again.sha256, again.size)).toBe(false);
      expect(existsSync(again.file)).toBe(false);
    });

    it('answers null for bytes it does not hold', async () => {
      const blobs = open();
      const absent = createHash('sha256').update('never stored').digest('hex');
      expect(await blobs.size(absent)).toBeNull();
      expect(await blobs.open(absent)).toBeNull();
    });

    it('refuses a stream past the limit and leaves nothing staged', async () => {
      const blobs = open();
      const chunks = Array.from({ length: 10 }, () => randomBytes(1000));
      await expect(stageStream(Readable.from(chunks), blobs.stagingDir, 5000)).rejects.toThrow(
        /larger than the 5000 bytes accepted/,
      );
    });
  });
}
