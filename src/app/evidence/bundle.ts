/**
 * The evidence bundle of an incident: what an investigator outside the mission needs to rely on
 * the files without trusting the mission's servers (Berkeley Protocol practice: preserve the
 * originals bit for bit, their hashes, who collected and handled them and when, and proof of it).
 *
 * A single ustar archive (one file to hand over, opened by any `tar`, streamed as it is written):
 *
 *   manifest.json            files (sha256, size, type, names as given, custodian) and custody chain
 *   files/<sha256>           each original, byte for byte
 *   ledger/entries/<i>       the ledger leaf of every custody event (RFC 8785 JSON)
 *   ledger/reveals/<i>       for a sealed leaf: its 32-byte salt then the event it commits to
 *   ledger/proofs/<i>        RFC 9162 inclusion proof of entry i in the checkpoint (32-byte hashes)
 *   checkpoint               C2SP signed checkpoint of the log at size n = export index + 1
 *   verifier-key             the mission's signed-note verifier key (compare it out of band)
 *
 * The last entry under the checkpoint (index n - 1) is the `evidence.exported` event itself, and
 * it carries the SHA-256 of manifest.json, so every byte of the manifest is signed for too.
 */
import type { Readable } from 'node:stream';
import { TrucelineError } from '../../domain/errors.js';
import type {
  CustodyRecord,
  EvidenceExportedData,
  StoredEvidence,
} from '../../domain/evidence/index.js';
import { concatBytes, formatCheckpoint, signNote } from '../../ledger/index.js';
import type { Store } from '../../store/port.js';
import { missionNoteSigner } from '../checkpoints/sign.js';
import { canonicalJson, decodeLeaf, isSealed, type LedgerEvent } from '../events/event.js';
import { missionVerifierKey, type Mission } from '../mission.js';
import {
  actorId,
  isSealedEvidence,
  requireEvidenceArea,
  requireRole,
  type EvidenceActor,
} from './access.js';
import type { BlobStore } from './blob-store.js';
import { createHash } from 'node:crypto';
import type { TarMemberSource } from './tar.js';

export const BUNDLE_FORMAT = 'truceline-evidence-bundle/1';

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly origin: string;
  readonly incidentId: string;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly files: readonly {
    readonly path: string;
    readonly sha256: string;
    readonly size: number;
    readonly mediaType: string;
    readonly kind: string;
    /** As the uploaders named them: untrusted labels. */
    readonly originalNames: readonly string[];
    readonly custodian: string;
  }[];
  /** Every custody event on these files before this export, in ledger order. */
  readonly custody: readonly {
    readonly ledgerIndex: number;
    readonly type: string;
    readonly at: string;
    readonly actor: string;
    readonly sha256s: readonly string[];
    readonly sealed: boolean;
  }[];
}

export interface ExportedBundle {
  readonly manifest: BundleManifest;
  readonly members: readonly TarMemberSource[];
  /** Ledger index of the `evidence.exported` event. */
  readonly exportIndex: number;
  readonly checkpoint: string;
  /** Seconds since 1970, the members' mtime. */
  readonly mtimeS: number;
}

export type BundleMission = Pick<Mission, 'store' | 'origin' | 'signingKey' | 'publicKey'>;

const enc = (s: string) => new TextEncoder().encode(s);

function custodyChain(files: readonly StoredEvidence[]): BundleManifest['custody'] {
  const byIndex = new Map<number, { rec: CustodyRecord; shas: Set<string> }>();
  for (const f of files) {
    for (const c of f.custody) {
      const known = byIndex.get(c.ledgerIndex);
      if (known) known.shas.add(c.sha256);
      else byIndex.set(c.ledgerIndex, { rec: c, shas: new Set([c.sha256]) });
    }
  }
  return [...byIndex.values()]
    .sort((a, b) => a.rec.ledgerIndex - b.rec.ledgerIndex)
    .map(({ rec, shas }) => ({
      ledgerIndex: rec.ledgerIndex,
      type: rec.type,
      at: rec.at,
      actor: rec.actor,
      sha256s: [...shas].sort(),
      sealed: false,
    }));
}

/**
 * Records `evidence.exported` for the incident's files and assembles the bundle around it. The
 * caller streams `members` (tar.ts tarChunks) wherever the bundle goes. Staff only.
 */
export async function exportIncidentBundle(
  deps: { mission: BundleMission; blobs: BlobStore },
  incidentId: string,
  actor: EvidenceActor | null,
  nowMs: number,
): Promise<ExportedBundle> {
  const { store } = deps.mission;
  if (actor) requireRole(actor, 'export evidence', false);
  requireEvidenceArea(store);
  const incident = (await store.getIncident?.(incidentId)) ?? null;
  if (!incident) throw new TrucelineError('NOT_FOUND', `no incident '${incidentId}'`);
  const shas =
    (await store.evidenceAttachedTo?.({
      incidentIds: [incident.incident.id, ...incident.incident.aliases],
      observationIds: incident.incident.observationIds,
    })) ?? [];
  if (shas.length === 0)
    throw new TrucelineError(
      'NOT_FOUND',
      `incident ${incident.incident.id} has no evidence attached`,
    );
  const files: StoredEvidence[] = [];
  for (const sha of shas) {
    const e = await store.getEvidence?.(sha);
    if (!e) throw new Error(`evidence ${sha} is attached but not stored`);
    if ((await deps.blobs.size(sha)) !== e.size)
      throw new TrucelineError(
        'UNAVAILABLE',
        `evidence ${sha}: its ${e.size} bytes are not in the evidence store`,
      );
    files.push(e);
  }

  const at = new Date(nowMs).toISOString();
  const by = actor ? actorId(actor) : 'system';
  const chain = await Promise.all(
    custodyChain(files).map(async (c) => ({
      ...c,
      sealed: isSealed(decodeLeaf((await store.ledger.entry(c.ledgerIndex))!)),
    })),
  );
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    origin: deps.mission.origin,
    incidentId: incident.incident.id,
    exportedAt: at,
    exportedBy: by,
    files: files.map((f) => ({
      path: `files/${f.sha256}`,
      sha256: f.sha256,
      size: f.size,
      mediaType: f.mediaType,
      kind: f.kind,
      originalNames: [
        ...new Set(f.uploads.map((u) => u.originalName).filter((n): n is string => n !== null)),
      ],
      custodian: f.custodian,
    })),
    custody: chain,
  };
  const manifestBytes = enc(`${JSON.stringify(manifest, null, 2)}\n`);
  const data: EvidenceExportedData = {
    incidentId: incident.incident.id,
    sha256s: shas,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
  };
  const event: LedgerEvent = {
    v: 1,
    type: 'evidence.exported',
    at,
    actor: by,
    data: data as unknown as Record<string, unknown>,
  };
  const sealed = incident.visibility === 'party-confidential' || files.some(isSealedEvidence);
  const { firstIndex: exportIndex } = await store.write((tx) =>
    tx.record([{ event, ...(sealed ? { confidential: true } : {}) }]),
  );

  // The checkpoint ends at the export event: it is the last leaf, so a verifier finds it there.
  const size = exportIndex + 1;
  const root = await store.ledger.root(size);
  const checkpoint = signNote(formatCheckpoint({ origin: deps.mission.origin, size, root }), [
    missionNoteSigner(deps.mission),
  ]);

  const members: TarMemberSource[] = [
    { name: 'manifest.json', size: manifestBytes.length, body: manifestBytes },
  ];
  for (const f of files)
    members.push({
      name: `files/${f.sha256}`,
      size: f.size,
      body: async () => openOrFail(deps.blobs, f.sha256),
    });
  for (const index of [...chain.map((c) => c.ledgerIndex), exportIndex])
    members.push(...(await ledgerMembers(store, index, size)));
  members.push({ name: 'checkpoint', size: enc(checkpoint).length, body: enc(checkpoint) });
  const vkey = enc(`${missionVerifierKey(deps.mission)}\n`);
  members.push({ name: 'verifier-key', size: vkey.length, body: vkey });
  return { manifest, members, exportIndex, checkpoint, mtimeS: Math.floor(nowMs / 1000) };
}

async function openOrFail(blobs: BlobStore, sha256: string): Promise<Readable> {
  const body = await blobs.open(sha256);
  if (!body)
    throw new TrucelineError('UNAVAILABLE', `evidence ${sha256} is not in the evidence store`);
  return body;
}

/** Entry i's leaf, its reveal when sealed, and its inclusion proof in the tree of `size`. */
async function ledgerMembers(
  store: Store,
  index: number,
  size: number,
): Promise<TarMemberSource[]> {
  const leaf = await store.ledger.entry(index);
  if (!leaf) throw new Error(`ledger entry ${index} is missing`);
  const out: TarMemberSource[] = [
    { name: `ledger/entries/${index}`, size: leaf.length, body: leaf },
  ];
  if (isSealed(decodeLeaf(leaf))) {
    const kept = await store.sealedEntry?.(index);
    if (!kept) throw new Error(`sealed ledger entry ${index} has no kept content`);
    const reveal = concatBytes(kept.salt, enc(canonicalJson(JSON.parse(kept.content))));
    out.push({ name: `ledger/reveals/${index}`, size: reveal.length, body: reveal });
  }
  const proof = concatBytes(...(await store.ledger.inclusionProof(index, size)));
  out.push({ name: `ledger/proofs/${index}`, size: proof.length, body: proof });
  return out;
}
