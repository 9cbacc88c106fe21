/**
 * Publishing a report: the chief monitor approves it, its model is kept as a document (the
 * canonical JSON without the publication block, whose SHA-256 is the digest), and a
 * `report.published` ledger event commits to that digest and the period. What a reader later
 * gets back carries the publication block: the ledger index, the tree that includes it, the
 * mission's signed checkpoint of that tree and the inclusion proof, so the copy can be checked
 * offline against the mission's verifier key (verify.ts).
 *
 * The block is derived from the ledger whenever the report is read, never stored: the tree of
 * size `ledgerIndex + 1` never changes and Ed25519 signatures are deterministic, so every read
 * gives the same bytes, and a rebuild of the state reproduces it.
 */
import { createHash } from 'node:crypto';
import { TrucelineError } from '../../domain/errors.js';
import {
  reportModelDigestInput,
  type ReportModel,
  type ReportPublication,
} from '../../domain/report/index.js';
import { formatCheckpoint, signNote, toHex } from '../../ledger/index.js';
import type { StoredReport } from '../../store/port.js';
import type { ReportPublishedData } from '../../store/sqlite/areas/reports.js';
import { missionNoteSigner, type SigningMission } from '../checkpoints/sign.js';
import type { LedgerEvent } from '../events/event.js';
import { buildReport, type ReportRequest, type ReportSource } from './build.js';

export const REPORT_PUBLISHED = 'report.published';

export interface Approver {
  readonly name: string;
  readonly role: string;
}

export type PublishingMission = SigningMission & ReportSource;

export function modelSha256(model: ReportModel): string {
  return createHash('sha256').update(reportModelDigestInput(model), 'utf8').digest('hex');
}

/** The ledger event that publishes `model`: what a verifier rebuilds from a copy to find its leaf. */
export function reportPublishedEvent(
  model: ReportModel,
  approvedBy: string,
  approvedAt: string,
): LedgerEvent {
  const data: ReportPublishedData = {
    modelSha256: modelSha256(model),
    kind: model.period.kind,
    date: model.period.date,
    from: model.period.from,
    to: model.period.to,
    missionId: model.missionId,
    agreementId: model.agreement.id,
  };
  return {
    v: 1,
    type: REPORT_PUBLISHED,
    at: approvedAt,
    actor: `user:${approvedBy}`,
    data: { ...data },
  };
}

/** The publication block of a stored report, from the ledger as it is. */
async function publicationOf(
  mission: SigningMission,
  stored: StoredReport,
): Promise<ReportPublication> {
  const treeSize = stored.ledgerIndex + 1;
  const root = await mission.store.ledger.root(treeSize);
  const proof = await mission.store.ledger.inclusionProof(stored.ledgerIndex, treeSize);
  return {
    approvedBy: stored.approvedBy,
    approvedAt: stored.approvedAt,
    modelSha256: stored.modelSha256,
    ledgerIndex: stored.ledgerIndex,
    treeSize,
    rootHash: toHex(root),
    checkpoint: signNote(formatCheckpoint({ origin: mission.origin, size: treeSize, root }), [
      missionNoteSigner(mission),
    ]),
    inclusionProof: proof.map(toHex),
  };
}

/** A published report with its publication block, or null when `kind`/`date` was not published. */
export async function readPublishedReport(
  mission: SigningMission,
  kind: string,
  date: string,
): Promise<ReportModel | null> {
  const stored = (await mission.store.getPublishedReport?.(kind, date)) ?? null;
  if (!stored) return null;
  const doc = await mission.store.getDocument(stored.modelSha256);
  if (!doc)
    throw new Error(`published report ${kind} ${date}: document ${stored.modelSha256} is missing`);
  const model = JSON.parse(Buffer.from(doc.body).toString('utf8')) as ReportModel;
  return { ...model, publication: await publicationOf(mission, stored) };
}

/** Published reports, newest date first. */
export async function listPublishedReports(
  mission: Pick<SigningMission, 'store'>,
): Promise<StoredReport[]> {
  return (await mission.store.listPublishedReports?.()) ?? [];
}

/**
 * Builds the report of `request` from the store as it is now and publishes it, approved by
 * `approver` at `nowMs`. Returns the model with its publication block.
 *
 * @throws TrucelineError FORBIDDEN unless the approver is the chief monitor; ID_CONFLICT when a
 *   report of that kind and date is already published; ILLEGAL_TRANSITION before its period closes.
 */
export async function publishReport(
  mission: PublishingMission,
  request: ReportRequest,
  approver: Approver,
  nowMs: number,
): Promise<ReportModel> {
  if (approver.role !== 'chief')
    throw new TrucelineError(
      'FORBIDDEN',
      `only the chief monitor approves a report for publication; '${approver.name}' is ${approver.role}`,
    );
  if (!mission.store.listPublishedReports)
    throw new Error(`a ${mission.store.kind} store keeps no published reports`);
  const conflict = () =>
    new TrucelineError(
      'ID_CONFLICT',
      `the ${request.kind} report of ${request.date} is already published`,
    );
  if (await mission.store.getPublishedReport?.(request.kind, request.date)) throw conflict();
  const model = await buildReport(mission, request, nowMs);
  if (Date.parse(model.period.to) > nowMs)
    throw new TrucelineError(
      'ILLEGAL_TRANSITION',
      `the ${request.kind} period of ${request.date} closes at ${model.period.to}; a report is published after its period closes`,
    );
  const at = new Date(nowMs).toISOString();
  const event = reportPublishedEvent(model, approver.name, at);
  const body = Buffer.from(reportModelDigestInput(model), 'utf8');
  await mission.store.write(async (tx) => {
    if (await mission.store.getPublishedReport?.(request.kind, request.date)) throw conflict();
    const digest = await tx.putDocument(body, 'application/json');
    if (digest !== event.data.modelSha256)
      throw new Error('the kept report document does not hash to the recorded digest');
    await tx.record([{ event }]);
  });
  const published = await readPublishedReport(mission, request.kind, request.date);
  if (!published)
    throw new Error(
      `the ${request.kind} report of ${request.date} was recorded but cannot be read back`,
    );
  return published;
}
