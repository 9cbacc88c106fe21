/**
 * The mission's evidence store: on disk under `<data>/evidence` unless an S3-compatible store is
 * configured with TRUCELINE_EVIDENCE_S3_ENDPOINT, _BUCKET, _ACCESS_KEY and _SECRET_KEY (and
 * optionally _REGION, _PREFIX). Size limits per kind are TRUCELINE_EVIDENCE_MAX_<KIND>_MB.
 */
import { join } from 'node:path';
import { TrucelineError } from '../../domain/errors.js';
import {
  DEFAULT_SIZE_LIMITS,
  EVIDENCE_KINDS,
  type SizeLimits,
} from '../../domain/evidence/index.js';
import type { BlobStore } from './blob-store.js';
import { DiskBlobStore } from './disk-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

export function openBlobStore(dataDir: string, env: NodeJS.ProcessEnv = process.env): BlobStore {
  const endpoint = env.TRUCELINE_EVIDENCE_S3_ENDPOINT;
  if (!endpoint) return new DiskBlobStore(join(dataDir, 'evidence'));
  const need = (name: string): string => {
    const v = env[`TRUCELINE_EVIDENCE_S3_${name}`];
    if (!v)
      throw new TrucelineError(
        'VALIDATION',
        `TRUCELINE_EVIDENCE_S3_ENDPOINT is set, so TRUCELINE_EVIDENCE_S3_${name} must be too`,
      );
    return v;
  };
  return new S3BlobStore(
    {
      endpoint,
      bucket: need('BUCKET'),
      accessKey: need('ACCESS_KEY'),
      secretKey: need('SECRET_KEY'),
      ...(env.TRUCELINE_EVIDENCE_S3_REGION ? { region: env.TRUCELINE_EVIDENCE_S3_REGION } : {}),
      ...(env.TRUCELINE_EVIDENCE_S3_PREFIX !== undefined
        ? { prefix: env.TRUCELINE_EVIDENCE_S3_PREFIX }
        : {}),
    },
    join(dataDir, 'evidence-staging'),
  );
}

/** The size limits in force: the defaults, each overridable by TRUCELINE_EVIDENCE_MAX_<KIND>_MB. */
export function sizeLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): SizeLimits {
  const limits: Record<string, number> = { ...DEFAULT_SIZE_LIMITS };
  for (const kind of EVIDENCE_KINDS) {
    const v = env[`TRUCELINE_EVIDENCE_MAX_${kind.toUpperCase()}_MB`];
    if (v === undefined) continue;
    if (!/^[1-9][0-9]*$/.test(v))
      throw new TrucelineError(
        'VALIDATION',
        `TRUCELINE_EVIDENCE_MAX_${kind.toUpperCase()}_MB must be a whole number of MiB, got ${v}`,
      );
    limits[kind] = Number(v) * 1024 * 1024;
  }
  return limits as SizeLimits;
}
