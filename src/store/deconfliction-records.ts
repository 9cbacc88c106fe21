/**
 * What the store keeps of force declarations, de-confliction notices and windows of silence
 * (src/store/sqlite/areas/{declarations,notices}.ts), as the port hands them to src/app.
 */
import type { Declaration, FindingCandidate } from '../domain/declaration/index.js';
import type { LateNotice, Notice, SilenceEvent, SilenceWindow } from '../domain/notice/index.js';

export interface StoredDeclaration {
  /** `<party>-<asOf>`. */
  readonly id: string;
  readonly declaration: Declaration;
  /** SHA-256 hex of the declaration's canonical JSON: the same body twice is one declaration. */
  readonly digest: string;
  readonly previousId: string | null;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly candidates: readonly FindingCandidate[];
  readonly checkedAt: string;
  readonly ledgerIndex: number;
  readonly updatedLedgerIndex: number;
}

export interface DeclarationQuery {
  readonly party?: string;
}

export interface StoredNotice {
  readonly notice: Notice;
  readonly status: 'announced' | 'withdrawn';
  readonly announcedBy: string;
  /** Set when a notification duty required the notice earlier than it was filed. */
  readonly late: LateNotice | null;
  readonly withdrawn: { readonly by: string; readonly at: string; readonly reason: string } | null;
  readonly ledgerIndex: number;
  readonly updatedLedgerIndex: number;
}

export interface NoticeQuery {
  /** ISO instants: notices whose window overlaps [from, to]. */
  readonly from?: string;
  readonly to?: string;
  readonly status?: StoredNotice['status'];
}

export interface StoredSilence {
  readonly silence: SilenceWindow;
  readonly ledgerIndex: number;
  readonly updatedLedgerIndex: number;
  /** Every event of this window, in ledger order. */
  readonly events: readonly { readonly ledgerIndex: number; readonly event: SilenceEvent }[];
}
