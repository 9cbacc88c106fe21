/**
 * The published checkpoints of a mission, one JSON object per line in `checkpoints.jsonl` in the
 * data directory. Operational data, not ledger state: the ledger does not record its own
 * checkpoints (a checkpoint commits to the ledger, not the other way round), and losing the file
 * loses nothing a verifier needs — parties and guarantors keep the notes they were given.
 *
 * Each record is appended with one write(2) on an O_APPEND descriptor and fsync'd before the
 * checkpoint counts as published. A crash can at worst leave a torn last line; it is cut off
 * when the file is next opened, so the next append starts on a line of its own.
 */
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const CHECKPOINTS_FILE = 'checkpoints.jsonl';

export interface PublishedCheckpoint {
  readonly size: number;
  /** Base64 RFC 9162 root at `size`. */
  readonly root: string;
  /** The published signed note: the mission's signature, then the witnesses' cosignatures. */
  readonly note: string;
  /** ISO 8601 time of publication, by the publisher's clock. */
  readonly publishedAt: string;
  /** Key names of the witnesses whose cosignatures the note carries. */
  readonly witnesses: readonly string[];
}

export function checkpointsFile(dataDir: string): string {
  return join(dataDir, CHECKPOINTS_FILE);
}

const CHUNK = 64 * 1024;

/**
 * The last record of `file` that parses and that `accept` takes (e.g. its note verifies under the
 * mission key), reading backwards from the end so a long history costs nothing; null when there is
 * none. Lines that fail are reported through `reject` with their reason and skipped.
 */
export function readLatestPublished(
  file: string,
  accept: (record: PublishedCheckpoint) => void,
  reject: (reason: string) => void,
): PublishedCheckpoint | null {
  if (!existsSync(file)) return null;
  const fd = openSync(file, 'r');
  try {
    let end = fstatSync(fd).size;
    let tail = Buffer.alloc(0); // bytes, split on 0x0a only: a newline never occurs inside a UTF-8 sequence
    while (end > 0 || tail.length > 0) {
      const nl = tail.lastIndexOf(0x0a);
      if (nl < 0 && end > 0) {
        const start = Math.max(0, end - CHUNK);
        const buf = Buffer.alloc(end - start);
        readSync(fd, buf, 0, buf.length, start);
        tail = Buffer.concat([buf, tail]);
        end = start;
        continue;
      }
      const line = (nl < 0 ? tail : tail.subarray(nl + 1)).toString('utf8');
      tail = nl < 0 ? Buffer.alloc(0) : tail.subarray(0, nl);
      if (line.trim().length === 0) continue;
      try {
        const record = parseRecord(line);
        accept(record);
        return record;
      } catch (e) {
        reject(`${file}: skipped a record: ${(e as Error).message}`);
      }
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

function parseRecord(line: string): PublishedCheckpoint {
  const r = JSON.parse(line) as Partial<PublishedCheckpoint>;
  const ok =
    typeof r === 'object' && r !== null &&
    Number.isSafeInteger(r.size) && (r.size as number) >= 0 &&
    typeof r.root === 'string' && typeof r.note === 'string' && typeof r.publishedAt === 'string' &&
    Array.isArray(r.witnesses) && r.witnesses.every((w) => typeof w === 'string');
  if (!ok) throw new Error('not a published checkpoint record (size, root, note, publishedAt, witnesses)');
  return r as PublishedCheckpoint;
}

/** Cuts a torn last line (no trailing newline) left by a crash mid-append. Returns whether it did. */
export function repairPublishedFile(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r+');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    if (last[0] === 0x0a) return false;
    let end = size;
    const buf = Buffer.alloc(CHUNK);
    while (end > 0) {
      const start = Math.max(0, end - CHUNK);
      const n = readSync(fd, buf, 0, end - start, start);
      const nl = buf.subarray(0, n).lastIndexOf(0x0a);
      if (nl >= 0) {
        ftruncateSync(fd, start + nl + 1);
        fsyncSync(fd);
        return true;
      }
      end = start;
    }
    ftruncateSync(fd, 0);
    fsyncSync(fd);
    return true;
  } finally {
    closeSync(fd);
  }
}

/** Appends one record and makes it durable (fsync) before returning. */
export function appendPublished(file: string, record: PublishedCheckpoint): void {
  const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
  const fd = openSync(file, 'a', 0o644);
  try {
    let written = 0;
    while (written < line.length) written += writeSync(fd, line, written, line.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
