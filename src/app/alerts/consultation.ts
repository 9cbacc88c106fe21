/**
 * A guarantor consultation's evidence: each verified finding it rests on, with the ledger entry
 * that issued it and an RFC 9162 inclusion proof of that entry in the current tree, so a
 * guarantor can check the finding against a published checkpoint without trusting the mission.
 */
import type { Consultation } from '../../domain/escalation/index.js';
import type { Store } from '../../store/port.js';
import type { ConsultationRecord, EvidenceItem } from './records.js';

export async function withEvidence(
  store: Store,
  consultation: Consultation,
  findingLedgerIndex: ReadonlyMap<string, { incidentId: string; ledgerIndex: number }>,
): Promise<ConsultationRecord> {
  const treeSize = await store.ledger.size();
  const evidence: EvidenceItem[] = [];
  const unproven: string[] = [];
  for (const findingId of consultation.evidence) {
    const at = findingLedgerIndex.get(findingId);
    if (!at || at.ledgerIndex >= treeSize) {
      unproven.push(findingId);
      continue;
    }
    const proof = await store.ledger.inclusionProof(at.ledgerIndex, treeSize);
    evidence.push({
      findingId,
      incidentId: at.incidentId,
      ledgerIndex: at.ledgerIndex,
      treeSize,
      inclusionProof: proof.map((h) => Buffer.from(h).toString('hex')),
    });
  }
  return { ...consultation, evidence, unproven };
}
