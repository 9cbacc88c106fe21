/**
 * tlog-tiles entry bundles (c2sp.org/tlog-tiles, "Log entries"): a sequence of entries, each a
 * big-endian uint16 length followed by that many bytes. Entry i of bundle N is leaf
 * N * 256 + i, and hashes (RFC 9162 leafHash) to hash i of level-0 tile N. The uint16 prefix caps
 * an entry at 65,535 bytes, so the ledger refuses larger leaves at append time.
 */
import { LedgerError } from './errors.js';

export const MAX_ENTRY_BYTES = 0xffff;

export function checkEntrySize(entry: Uint8Array, what = 'entry'): void {
  if (entry.length > MAX_ENTRY_BYTES) {
    throw new LedgerError('INVALID_INPUT', `${what} is ${entry.length} bytes; tlog-tiles entry bundles carry at most ${MAX_ENTRY_BYTES}`);
  }
}

export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  entries.forEach((e, i) => {
    checkEntrySize(e, `entries[${i}]`);
    length += 2 + e.length;
  });
  const out = new Uint8Array(length);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** Decodes a bundle; throws MALFORMED on a truncated entry, naming the entry's position. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new LedgerError('MALFORMED', `entry bundle: truncated length prefix of entry ${entries.length} at byte ${at}`);
    const length = (bundle[at]! << 8) | bundle[at + 1]!;
    if (at + 2 + length > bundle.length) {
      throw new LedgerError('MALFORMED', `entry bundle: entry ${entries.length} claims ${length} bytes, only ${bundle.length - at - 2} remain`);
    }
    entries.push(bundle.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
