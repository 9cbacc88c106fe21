/**
 * Evidence in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, ...), chosen when the
 * mission configures one (open-blob-store.ts). Objects are named `<prefix>ab/cd/<sha256>`; an
 * object that exists is never uploaded again. Staging happens on local disk first, so an upload
 * is hashed and checked before anything reaches the bucket.
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Client, ClientOptions } from 'minio';
import { blobPath, type BlobStore } from './blob-store.js';

export interface S3Config {
  /** `https://s3.example.org` or `http://127.0.0.1:9000`. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region?: string;
  /** Object name prefix, e.g. `evidence/`; default `evidence/`. */
  readonly prefix?: string;
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  private readonly prefix: string;
  private readonly options: ClientOptions;
  /** The S3 client, made on first use: the minio library is loaded only by a mission that uses it. */
  private clientMade: Promise<Client> | null = null;

  constructor(
    private readonly config: S3Config,
    readonly stagingDir: string,
  ) {
    const url = new URL(config.endpoint);
    const useSSL = url.protocol === 'https:';
    this.options = {
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : useSSL ? 443 : 80,
      useSSL,
      accessKey: config.accessKey,
      secretKey: config.secretKey,
      region: config.region ?? 'us-east-1',
      pathStyle: true,
    };
    this.prefix = config.prefix ?? 'evidence/';
  }

  private client(): Promise<Client> {
    this.clientMade ??= import('minio').then(({ Client }) => new Client(this.options));
    return this.clientMade;
  }

  private nameOf(sha256: string): string {
    return this.prefix + blobPath(sha256);
  }

  /** Creates the bucket when it does not exist (a new mission's first start). */
  async ensureBucket(): Promise<void> {
    const client = await this.client();
    if (!(await client.bucketExists(this.config.bucket)))
      await client.makeBucket(this.config.bucket, this.config.region ?? 'us-east-1');
  }

  async putStaged(stagedFile: string, sha256: string, size: number): Promise<boolean> {
    try {
      if ((await this.size(sha256)) !== null) return false;
      const client = await this.client();
      await client.putObject(
        this.config.bucket,
        this.nameOf(sha256),
        createReadStream(stagedFile),
        size,
        {
          'Content-Type': 'application/octet-stream',
        },
      );
      return true;
    } finally {
      await rm(stagedFile, { force: true });
    }
  }

  async size(sha256: string): Promise<number | null> {
    const client = await this.client();
    try {
      return (await client.statObject(this.config.bucket, this.nameOf(sha256))).size;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'NotFound' || code === 'NoSuchKey') return null;
      throw e;
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    if ((await this.size(sha256)) === null) return null;
    return (await this.client()).getObject(this.config.bucket, this.nameOf(sha256));
  }
}
