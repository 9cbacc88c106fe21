/**
 * Feeding a PostgreSQL store the very events another store recorded: every ledger entry from
 * `from` on is read back from the source (a sealed one opened with its kept content) and recorded
 * into the target through `tx.record`, sealed again when it was sealed, so the target's appliers
 * run on the live write path. Documents the events name (an agreement, a report model) are kept
 * in the same write. Plain leaves come out byte for byte the same; sealed ones differ only by
 * their fresh salt.
 */
import pg from 'pg';
import { decodeLeaf, isSealed, type LedgerEvent } from '../../../../app/events/event.js';
import type { Store } from '../../../port.js';
import { probeServer, testServerUrl } from '../../scratch-database.js';

/** Why PostgreSQL tests are skipped (no server answers), or null; a server that refuses us throws. */
export async function noServerReason(): Promise<string | null> {
  const server = testServerUrl();
  const probe = await probeServer(server);
  if (!probe.ok && probe.answered) throw new Error(`the PostgreSQL server at ${server} answered but refused the tests: ${probe.reason}`);
  return probe.ok ? null : `no PostgreSQL server answers at ${server} (${probe.reason})`;
}

/** Digests of the documents an event refers to. */
function documentsOf(event: LedgerEvent): string[] {
  return [event.data.digest, event.data.modelSha256].filter((d): d is string => typeof d === 'string' && /^[0-9a-f]{64}$/.test(d));
}

/** Records source entries [from, source size) into `target`, one write per entry; returns the new size. */
export async function recordSameEvents(source: Store, target: Store, from: number): Promise<number> {
  const size = await source.ledger.size();
  if ((await target.ledger.size()) !== from) throw new Error(`the target log has ${await target.ledger.size()} entries, not ${from}`);
  for (let i = from; i < size; i++) {
    const leaf = decodeLeaf((await source.ledger.entry(i))!);
    let event: LedgerEvent;
    if (isSealed(leaf)) {
      const kept = await source.sealedEntry!(i);
      if (!kept) throw new Error(`sealed entry ${i} has no kept content`);
      event = JSON.parse(kept.content) as LedgerEvent;
    } else {
      event = leaf;
    }
    const docs = await Promise.all(documentsOf(event).map((d) => source.getDocument(d)));
    await target.write(async (tx) => {
      for (const doc of docs) if (doc) await tx.putDocument(doc.body, doc.mediaType);
      const { firstIndex } = await tx.record([{ event, ...(isSealed(leaf) ? { confidential: true } : {}) }]);
      if (firstIndex !== i) throw new Error(`entry ${i} was recorded at ${firstIndex}`);
    });
  }
  return size;
}

/** Runs SQL in `schema` of the database at `url` (tampering, inspection). */
export async function sqlIn<R extends pg.QueryResultRow>(url: string, schema: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}
