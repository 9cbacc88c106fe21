/**
 * Evidence on disk, the default: `<root>/ab/cd/<sha256>` under the mission's data directory
 * (`<data>/evidence`). A staged file is renamed into place (atomic on one file system: a reader
 * sees the whole file or none) and the directory is fsynced so the name survives a power loss.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { blobPath, type BlobStore } from './blob-store.js';

export class DiskBlobStore implements BlobStore {
  readonly kind = 'disk' as const;
  readonly stagingDir: string;

  constructor(readonly root: string) {
    this.stagingDir = join(root, '.staging');
  }

  private pathOf(sha256: string): string {
    return join(this.root, ...blobPath(sha256).split('/'));
  }

  async putStaged(stagedFile: string, sha256: string): Promise<boolean> {
    const target = this.pathOf(sha256);
    if ((await this.size(sha256)) !== null) {
      await rm(stagedFile, { force: true });
      return false;
    }
    await mkdir(dirname(target), { recursive: true });
    await rename(stagedFile, target);
    const dir = await open(dirname(target), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
    return true;
  }

  async size(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(sha256))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    if ((await this.size(sha256)) === null) return null;
    return createReadStream(this.pathOf(sha256));
  }
}
