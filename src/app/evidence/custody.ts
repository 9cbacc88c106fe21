/**
 * Reading and handing over evidence. Reading a file's content is itself a custody event
 * (`evidence.viewed`); metadata and thumbnails are not (the thumbnail carries no metadata and
 * is not the original). A transfer (`evidence.transferred`) names who held the file, who holds
 * it now and why, e.g. handed to a guarantor's investigator.
 */
import type { Readable } from 'node:stream';
import { TrucelineError, validationError } from '../../domain/errors.js';
import {
  SHA256_HEX,
  type EvidenceTransferredData,
  type StoredEvidence,
} from '../../domain/evidence/index.js';
import type { Store } from '../../store/port.js';
import type { LedgerEvent } from '../events/event.js';
import {
  actorId,
  requireEvidenceArea,
  isSealedEvidence,
  requireRole,
  visibleEvidence,
  type EvidenceActor,
} from './access.js';
import type { BlobStore } from './blob-store.js';

function notFound(sha256: string): TrucelineError {
  return new TrucelineError('NOT_FOUND', `no evidence ${sha256}`);
}

/** A file's record as the actor may see it; NOT_FOUND when it does not exist or is hidden from the actor. */
export async function getEvidence(
  store: Store,
  sha256: string,
  actor: EvidenceActor,
): Promise<StoredEvidence> {
  requireRole(actor, 'read evidence', true);
  requireEvidenceArea(store);
  if (!SHA256_HEX.test(sha256))
    throw validationError(
      [{ path: 'sha256', reason: 'must be 64 lower-case hex digits' }],
      'evidence id',
    );
  const found = (await store.getEvidence?.(sha256)) ?? null;
  const visible = found ? visibleEvidence(actor, found) : null;
  if (!visible) throw notFound(sha256);
  return visible;
}

export interface OpenedContent {
  readonly evidence: StoredEvidence;
  readonly body: Readable;
  readonly ledgerIndex: number;
}

/** Opens a file's bytes for the actor and records `evidence.viewed` before a byte is sent. */
export async function viewEvidence(
  deps: { store: Store; blobs: BlobStore },
  sha256: string,
  actor: EvidenceActor,
  nowMs: number,
): Promise<OpenedContent> {
  const evidence = await getEvidence(deps.store, sha256, actor);
  const body = await deps.blobs.open(sha256);
  if (!body)
    throw new TrucelineError(
      'UNAVAILABLE',
      `evidence ${sha256} is recorded but its bytes are not in the evidence store`,
    );
  const full = (await deps.store.getEvidence?.(sha256)) ?? evidence;
  const event: LedgerEvent = {
    v: 1,
    type: 'evidence.viewed',
    at: new Date(nowMs).toISOString(),
    actor: actorId(actor),
    data: { sha256 },
  };
  try {
    const { firstIndex } = await deps.store.write((tx) =>
      tx.record([{ event, ...(isSealedEvidence(full) ? { confidential: true } : {}) }]),
    );
    return { evidence, body, ledgerIndex: firstIndex };
  } catch (err) {
    body.destroy();
    throw err;
  }
}

/** A photo's thumbnail bytes (no custody event: it is derived and carries no metadata). */
export async function openThumbnail(
  deps: { store: Store; blobs: BlobStore },
  sha256: string,
  actor: EvidenceActor,
): Promise<Readable> {
  const evidence = await getEvidence(deps.store, sha256, actor);
  const body = evidence.thumbnailSha256 ? await deps.blobs.open(evidence.thumbnailSha256) : null;
  if (!body)
    throw new TrucelineError(
      'NOT_FOUND',
      `evidence ${sha256} has no thumbnail (only photos have one)`,
    );
  return body;
}

export interface TransferInput {
  readonly to: string;
  readonly reason: string;
  /** The holder the caller believes has it; refused when someone else does. */
  readonly from?: string;
}

/** Records that custody of a file passed to `to`; staff only. */
export async function transferEvidence(
  store: Store,
  sha256: string,
  input: TransferInput,
  actor: EvidenceActor,
  nowMs: number,
): Promise<{ evidence: StoredEvidence; ledgerIndex: number }> {
  requireRole(actor, 'transfer custody of evidence', false);
  const issues = [];
  const to = typeof input.to === 'string' ? input.to.trim() : '';
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!to || to.length > 200)
    issues.push({ path: 'to', reason: 'name who receives the file (1 to 200 characters)' });
  if (!reason || reason.length > 2000)
    issues.push({ path: 'reason', reason: 'say why custody passes (1 to 2000 characters)' });
  if (issues.length) throw validationError(issues, 'transfer');
  return store
    .write(async (tx) => {
      const evidence = await getEvidence(store, sha256, actor);
      if (input.from !== undefined && input.from !== evidence.custodian) {
        throw new TrucelineError(
          'ILLEGAL_TRANSITION',
          `evidence ${sha256} is held by ${evidence.custodian}, not ${input.from}`,
        );
      }
      if (to === evidence.custodian)
        throw new TrucelineError(
          'ILLEGAL_TRANSITION',
          `evidence ${sha256} is already held by ${to}`,
        );
      const data: EvidenceTransferredData = { sha256, from: evidence.custodian, to, reason };
      const event: LedgerEvent = {
        v: 1,
        type: 'evidence.transferred',
        at: new Date(nowMs).toISOString(),
        actor: actorId(actor),
        data: data as unknown as Record<string, unknown>,
      };
      const { firstIndex } = await tx.record([
        { event, ...(isSealedEvidence(evidence) ? { confidential: true } : {}) },
      ]);
      return { evidence, ledgerIndex: firstIndex };
    })
    .then(async (r) => ({
      evidence: (await store.getEvidence?.(sha256)) ?? r.evidence,
      ledgerIndex: r.ledgerIndex,
    }));
}

/**
 * The files attached to an incident (directly, to an id merged into it, or to one of its
 * observations) that the actor may see; NOT_FOUND for an incident it may not see.
 */
export async function listIncidentEvidence(
  store: Store,
  incidentId: string,
  actor: EvidenceActor,
): Promise<{ incidentId: string; evidence: StoredEvidence[] }> {
  requireRole(actor, 'read evidence', true);
  requireEvidenceArea(store);
  const incident = (await store.getIncident?.(incidentId)) ?? null;
  const staff = actor.role !== 'liaison';
  if (!incident || !(staff || incident.visibility === 'public' || incident.party === actor.party))
    throw new TrucelineError('NOT_FOUND', `no incident '${incidentId}'`);
  const shas =
    (await store.evidenceAttachedTo?.({
      incidentIds: [incident.incident.id, ...incident.incident.aliases],
      observationIds: incident.incident.observationIds,
    })) ?? [];
  const evidence: StoredEvidence[] = [];
  for (const sha of shas) {
    const e = await store.getEvidence?.(sha);
    const visible = e ? visibleEvidence(actor, e) : null;
    if (visible) evidence.push(visible);
  }
  return { incidentId: incident.incident.id, evidence };
}
