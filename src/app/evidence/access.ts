/**
 * Who may do what with evidence. The mission's staff (monitor, analyst, chief) upload, read and
 * hand over every file. A party liaison uploads only to its own party's filings and reads only
 * uploads it could see the record of (public ones and its own party's), never the other
 * party's. Guarantors, admins and the public reach no evidence: a bundle handed over
 * (`evidence.transferred`) is how an investigator outside the mission receives it.
 */
import { TrucelineError } from '../../domain/errors.js';
import type {
  EvidenceUpload,
  EvidenceVisibility,
  StoredEvidence,
} from '../../domain/evidence/index.js';
import type { Store } from '../../store/port.js';

export interface EvidenceActor {
  /** The user's name (the ledger actor is `user:<name>`). */
  readonly name: string;
  readonly role: string;
  readonly party: string | null;
}

const STAFF = ['monitor', 'analyst', 'chief'];

export function isStaff(a: EvidenceActor): boolean {
  return STAFF.includes(a.role);
}

export function actorId(a: EvidenceActor): string {
  return `user:${a.name}`;
}

/** Throws FORBIDDEN unless the actor is staff or (when `liaisonToo`) a liaison of a party. */
export function requireRole(a: EvidenceActor, what: string, liaisonToo: boolean): void {
  if (isStaff(a)) return;
  if (liaisonToo && a.role === 'liaison' && a.party) return;
  throw new TrucelineError('FORBIDDEN', `a ${a.role} may not ${what}`);
}

export function canSeeUpload(
  a: EvidenceActor,
  u: Pick<EvidenceUpload, 'visibility' | 'party'>,
): boolean {
  if (isStaff(a)) return true;
  if (a.role !== 'liaison' || !a.party) return false;
  return u.visibility === 'public' || u.party === a.party;
}

/**
 * The file as this actor may see it: only the uploads it may see, and only the custody events
 * about those uploads or done by the actor itself (for staff, everything); null when it may see
 * none, which callers answer exactly like a file that does not exist.
 */
export function visibleEvidence(a: EvidenceActor, e: StoredEvidence): StoredEvidence | null {
  const uploads = e.uploads.filter((u) => canSeeUpload(a, u));
  if (uploads.length === 0) return null;
  if (isStaff(a)) return e;
  const seen = new Set(uploads.map((u) => u.ledgerIndex));
  const custody = e.custody.filter((c) => seen.has(c.ledgerIndex) || c.actor === actorId(a));
  return { ...e, uploads, custody };
}

/** Whether events about this file are sealed in the ledger: when every upload is a party's confidential filing. */
export function isSealedEvidence(e: Pick<StoredEvidence, 'uploads'>): boolean {
  return e.uploads.length > 0 && e.uploads.every((u) => u.visibility === 'party-confidential');
}

const RANK: Record<EvidenceVisibility, number> = { public: 0, mission: 1, 'party-confidential': 2 };

/** The stricter of two visibilities (a party's confidential filing wins over mission-wide, over public). */
export function stricter(
  a: { visibility: EvidenceVisibility; party: string | null },
  b: { visibility: EvidenceVisibility; party: string | null },
) {
  return RANK[b.visibility] > RANK[a.visibility] ? b : a;
}

/** Throws UNAVAILABLE when the store has no evidence area (an adapter without its reads). */
export function requireEvidenceArea(store: Store): void {
  if (!store.getEvidence || !store.evidenceAttachedTo) {
    throw new TrucelineError('UNAVAILABLE', `the ${store.kind} store keeps no evidence yet`);
  }
}
