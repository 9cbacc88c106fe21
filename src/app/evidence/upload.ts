/**
 * Adding a file of evidence: the attachment is checked first (it exists, the caller may attach to
 * it), then the bytes are staged while hashed, their type detected from the bytes, the kind's
 * size limit applied, EXIF read and compared with the observation, a thumbnail made for photos,
 * the bytes kept once by SHA-256, and `evidence.uploaded` recorded in the ledger, sealed when the
 * file belongs to a party's confidential filing. A refused file leaves nothing behind.
 */
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { TrucelineError, validationError, type FieldIssue } from '../../domain/errors.js';
import {
  compareWithObservation,
  formatBytes,
  largestLimit,
  type EvidenceUploadedData,
  type EvidenceVisibility,
  type ExifSummary,
  type SizeLimits,
  type StoredEvidence,
} from '../../domain/evidence/index.js';
import type { Observation } from '../../domain/observation/types.js';
import type { Store, StoredIncident } from '../../store/port.js';
import type { LedgerEvent } from '../events/event.js';
import {
  actorId,
  isStaff,
  requireEvidenceArea,
  requireRole,
  stricter,
  type EvidenceActor,
} from './access.js';
import { putBytes, stageStream, type BlobStore } from './blob-store.js';
import { detectEvidenceType } from './detect.js';
import { readExif } from './metadata.js';
import { makeThumbnail } from './thumbnail.js';

export interface EvidenceDeps {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly limits: SizeLimits;
}

export interface UploadInput {
  readonly body: Readable | AsyncIterable<Uint8Array>;
  /** The client's name for the file: untrusted, kept as a label (at most 255 characters). */
  readonly originalName?: string | null;
  readonly observationId?: string | null;
  readonly incidentId?: string | null;
}

export interface UploadResult {
  readonly evidence: StoredEvidence;
  /** The `evidence.uploaded` entry; for a duplicate, the earlier one. */
  readonly ledgerIndex: number;
  /** The same bytes were already attached to the same records: nothing was recorded. */
  readonly duplicate: boolean;
}

interface Attachment {
  readonly observation: Observation | null;
  readonly incident: StoredIncident | null;
  readonly visibility: EvidenceVisibility;
  readonly party: string | null;
}

/** Resolves and checks what the file is attached to, before any byte is read. */
async function resolveAttachment(
  store: Store,
  input: UploadInput,
  actor: EvidenceActor,
): Promise<Attachment> {
  requireRole(actor, 'upload evidence', true);
  requireEvidenceArea(store);
  const issues: FieldIssue[] = [];
  if (!input.observationId && !input.incidentId)
    issues.push({
      path: 'observationId',
      reason: 'attach the file to an observation or an incident (observationId or incidentId)',
    });
  for (const [path, v] of [
    ['observationId', input.observationId],
    ['incidentId', input.incidentId],
  ] as const) {
    if (v && (v.length > 160 || /[\0-\x1f]/.test(v)))
      issues.push({ path, reason: 'must be an id of at most 160 printable characters' });
  }
  if (input.originalName && input.originalName.length > 255)
    issues.push({ path: 'filename', reason: 'must be at most 255 characters' });
  if (issues.length) throw validationError(issues, 'evidence upload');

  let observation: Observation | null = null;
  let incident: StoredIncident | null = null;
  let vis: { visibility: EvidenceVisibility; party: string | null } = {
    visibility: 'public',
    party: null,
  };
  if (input.observationId) {
    observation = (await store.getObservation(input.observationId))?.observation ?? null;
    const party = observation?.source.party ?? null;
    if (
      !observation ||
      (!isStaff(actor) && party !== actor.party && observation.visibility !== 'public')
    )
      throw new TrucelineError('NOT_FOUND', `no observation '${input.observationId}'`);
    if (!isStaff(actor) && party !== actor.party)
      throw new TrucelineError(
        'FORBIDDEN',
        `a liaison of ${actor.party} attaches evidence only to its own party's filings`,
      );
    vis = stricter(vis, { visibility: observation.visibility ?? 'mission', party });
  }
  if (input.incidentId) {
    incident = (await store.getIncident?.(input.incidentId)) ?? null;
    const mayRead =
      incident &&
      (isStaff(actor) || incident.visibility === 'public' || incident.party === actor.party);
    if (!incident || !mayRead)
      throw new TrucelineError('NOT_FOUND', `no incident '${input.incidentId}'`);
    if (!isStaff(actor) && incident.party !== actor.party)
      throw new TrucelineError(
        'FORBIDDEN',
        `a liaison of ${actor.party} attaches evidence only to incidents made of its own party's filings`,
      );
    if (observation && !incident.incident.observationIds.includes(observation.id)) {
      throw validationError(
        [
          {
            path: 'incidentId',
            reason: `observation ${observation.id} is not part of incident ${incident.incident.id}`,
          },
        ],
        'evidence upload',
      );
    }
    const next = { visibility: incident.visibility, party: incident.party };
    if (
      vis.visibility === 'party-confidential' &&
      next.visibility === 'party-confidential' &&
      vis.party !== next.party
    ) {
      throw validationError(
        [
          {
            path: 'incidentId',
            reason:
              'the observation and the incident are confidential filings of different parties',
          },
        ],
        'evidence upload',
      );
    }
    vis = stricter(vis, next);
  }
  return { observation, incident, ...vis };
}

export async function addEvidence(
  deps: EvidenceDeps,
  input: UploadInput,
  actor: EvidenceActor,
  nowMs: number,
): Promise<UploadResult> {
  const attached = await resolveAttachment(deps.store, input, actor);
  const staged = await stageStream(input.body, deps.blobs.stagingDir, largestLimit(deps.limits));
  let thumbnailSha256: string | null = null;
  let exif: ExifSummary | null = null;
  let type;
  try {
    type = await detectEvidenceType(staged.file);
    const limit = deps.limits[type.kind];
    if (staged.size > limit) {
      throw validationError(
        [
          {
            path: 'file',
            reason: `a ${type.kind} (${type.mediaType}) of ${formatBytes(staged.size)} is larger than the ${formatBytes(limit)} accepted`,
          },
        ],
        'evidence upload',
      );
    }
    if (staged.size === 0)
      throw validationError([{ path: 'file', reason: 'is empty' }], 'evidence upload');
    if (type.kind === 'photo') {
      exif = await readExif(staged.file);
      const thumb = await makeThumbnail(staged.file);
      if (thumb) thumbnailSha256 = await putBytes(deps.blobs, thumb);
    }
    await deps.blobs.putStaged(staged.file, staged.sha256, staged.size);
  } finally {
    await rm(staged.file, { force: true });
  }

  const observationId = attached.observation?.id ?? null;
  const incidentId = attached.incident?.incident.id ?? null;
  const existing = await deps.store.getEvidence?.(staged.sha256);
  const same = existing?.uploads.find(
    (u) => u.observationId === observationId && u.incidentId === incidentId,
  );
  if (existing && same)
    return { evidence: existing, ledgerIndex: same.ledgerIndex, duplicate: true };

  const comparison =
    attached.observation && exif ? compareWithObservation(exif, attached.observation) : null;
  const data: EvidenceUploadedData = {
    sha256: staged.sha256,
    size: staged.size,
    mediaType: type.mediaType,
    kind: type.kind,
    originalName: input.originalName ? input.originalName : null,
    uploader: actorId(actor),
    observationId,
    incidentId,
    visibility: attached.visibility,
    party: attached.party,
    exif,
    comparison,
    thumbnailSha256,
  };
  const event: LedgerEvent = {
    v: 1,
    type: 'evidence.uploaded',
    at: new Date(nowMs).toISOString(),
    actor: actorId(actor),
    data: data as unknown as Record<string, unknown>,
  };
  const { firstIndex } = await deps.store.write((tx) =>
    tx.record([
      { event, ...(attached.visibility === 'party-confidential' ? { confidential: true } : {}) },
    ]),
  );
  const evidence = await deps.store.getEvidence?.(staged.sha256);
  if (!evidence)
    throw new Error(
      `evidence ${staged.sha256} was recorded at ${firstIndex} but the store does not answer it`,
    );
  return { evidence, ledgerIndex: firstIndex, duplicate: false };
}
