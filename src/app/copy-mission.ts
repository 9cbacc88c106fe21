/**
 * Moving a mission between stores (`truceline copy`), e.g. from the embedded SQLite file to
 * PostgreSQL: the log is copied entry by entry as stored (the same leaf bytes, so the same tree
 * and root, and every signed checkpoint stays valid), with the salt and content kept for each
 * sealed leaf and the documents events refer to; then the target's state tables are rebuilt from
 * the log alone and checked.
 *
 * Order matters: documents first (an `agreement.bound` entry needs its document to be applied),
 * then the entries, then the rebuild. The source is read up to the size it had when the copy
 * began, so a source still being written (a running `serve`) gives a consistent prefix.
 */
import { TrucelineError } from '../domain/errors.js';
import type { LedgerTransfer } from '../store/ledger-transfer.js';
import { auditProblems, checkStoredLog, type TransferableStore } from './stored-log-check.js';

export interface CopyProgress {
  /** `verify-source` | `documents` | `entries` | `rebuild` | `verify-target` | `audit` */
  (stage: string, done: number, total: number): void;
}

export interface CopyResult {
  readonly size: number;
  /** RFC 9162 root at `size`, base64: the same on both sides. */
  readonly root: string;
  readonly documents: number;
  readonly sealed: number;
  /** Events replayed into the target's state. */
  readonly rebuilt: number;
}

const ENTRY_BATCH = 1000;
const DOCUMENT_BATCH = 50;

/**
 * Copies the mission in `source` into `target`, which must be empty. Throws a TrucelineError
 * (one line) when the target is not empty, the source is empty or does not verify, or the target
 * lacks an applier for an event type the log holds (checked before anything is written); and
 * when, after the copy, the target's root, log or state do not check out.
 */
export async function copyMission(source: TransferableStore, target: TransferableStore, onProgress: CopyProgress = () => undefined): Promise<CopyResult> {
  const into = target.ledgerTransfer();
  const targetSize = await target.ledger.size();
  if (targetSize > 0) throw new TrucelineError('VALIDATION', `the target already holds a ledger of ${targetSize} entries; copy only into an empty store`);
  if ((await into.countDocuments()) > 0) throw new TrucelineError('VALIDATION', 'the target already holds documents; copy only into an empty store');

  const size = await source.ledger.size();
  if (size === 0) throw new TrucelineError('VALIDATION', 'the source holds no ledger entries: nothing to copy');
  const checked = await checkStoredLog(source, { size, onProgress: (d, t) => onProgress('verify-source', d, t) });
  if (checked.problems.length > 0) throw new TrucelineError('INCONSISTENT', `the source does not verify, nothing was copied: ${checked.problems[0]}`);
  const unknown = [...checked.eventTypes].filter(([type]) => !into.eventTypes.has(type));
  if (unknown.length > 0) {
    const list = unknown.map(([type, index]) => `${type} (first at entry ${index})`).join(', ');
    throw new TrucelineError('VALIDATION', `the target's ${target.kind} adapter has no state area for ${list}; nothing was copied`);
  }

  const from = source.ledgerTransfer();
  const documents = await copyDocuments(from, target, (d, t) => onProgress('documents', d, t));
  for (let start = 0; start < size; start += ENTRY_BATCH) {
    const end = Math.min(size, start + ENTRY_BATCH);
    await into.importEntries(await from.exportEntries(start, end));
    onProgress('entries', end, size);
  }
  const rebuilt = await target.rebuild((d, t) => onProgress('rebuild', d, t));

  const after = await checkStoredLog(target, { size, onProgress: (d, t) => onProgress('verify-target', d, t) });
  if (after.problems.length > 0) throw new TrucelineError('INCONSISTENT', `the copy does not verify: ${after.problems[0]}`);
  if (after.root !== checked.root) throw new TrucelineError('ROOT_MISMATCH', `the copy's root ${after.root} differs from the source's ${checked.root} at size ${size}`);
  const audit = await auditProblems(target, (d, t) => onProgress('audit', d, t));
  if (audit.problems.length > 0) throw new TrucelineError('INCONSISTENT', `the copy's state differs from its log: ${audit.problems[0]}`);
  return { size, root: after.root, documents, sealed: after.sealed, rebuilt };
}

async function copyDocuments(from: LedgerTransfer, target: TransferableStore, onProgress: (done: number, total: number) => void): Promise<number> {
  const total = await from.countDocuments();
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const page = await from.exportDocuments(after, DOCUMENT_BATCH);
    if (page.length === 0) return done;
    await target.write(async (tx) => {
      for (const d of page) {
        const digest = await tx.putDocument(d.body, d.mediaType);
        if (digest !== d.sha256) throw new TrucelineError('INCONSISTENT', `the source's document ${d.sha256} holds bytes whose SHA-256 is ${digest}`);
      }
    });
    done += page.length;
    after = page[page.length - 1]!.sha256;
    onProgress(done, Math.max(total, done));
  }
}
