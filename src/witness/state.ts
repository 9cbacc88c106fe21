/**
 * The witness's durable record: per log origin, the latest checkpoint it cosigned. Kept as one
 * JSON file written atomically (temporary file, fsync, rename, fsync of the directory), so a crash
 * leaves either the old or the new record, never a torn one. A lock file keeps a second witness
 * process off the same directory, since check-and-update must be atomic (c2sp.org/tlog-witness,
 * "add-checkpoint": the rollback race).
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface CosignedRecord {
  readonly size: number;
  /** Base64 root hash, as in the checkpoint. */
  readonly root: string;
  /** The checkpoint note as submitted (log signature included). */
  readonly checkpoint: string;
  /** POSIX seconds of the cosignature. */
  readonly cosignedAt: number;
}

interface StateFile {
  readonly version: 1;
  readonly logs: Record<string, CosignedRecord>;
}

export class WitnessState {
  readonly #file: string;
  readonly #dir: string;
  #logs: Record<string, CosignedRecord>;

  constructor(dataDir: string) {
    this.#dir = dataDir;
    this.#file = join(dataDir, 'state.json');
    this.#logs = existsSync(this.#file) ? parseState(readFileSync(this.#file, 'utf8'), this.#file).logs : {};
  }

  get(origin: string): CosignedRecord | null {
    return Object.hasOwn(this.#logs, origin) ? this.#logs[origin]! : null;
  }

  /** Records `record` for `origin` durably before returning. */
  put(origin: string, record: CosignedRecord): void {
    const next = { ...this.#logs, [origin]: record };
    const tmp = `${this.#file}.tmp-${process.pid}`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify({ version: 1, logs: next } satisfies StateFile, null, 1)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.#file);
    const dirFd = openSync(this.#dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
    this.#logs = next;
  }

  /**
   * Keeps a refused but log-signed submission as possible evidence of log misbehaviour
   * (tlog-witness: the witness MAY log it). One JSON object per line in evidence.jsonl.
   */
  recordEvidence(entry: { at: number; origin: string; status: number; reason: string; body: string }): void {
    appendFileSync(join(this.#dir, 'evidence.jsonl'), `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }
}

function parseState(text: string, file: string): StateFile {
  const data = JSON.parse(text) as StateFile;
  if (data?.version !== 1 || typeof data.logs !== 'object' || data.logs === null) throw new Error(`${file}: not a witness state file (version 1)`);
  for (const [origin, r] of Object.entries(data.logs)) {
    if (!Number.isSafeInteger(r.size) || r.size < 0 || typeof r.root !== 'string' || typeof r.checkpoint !== 'string') {
      throw new Error(`${file}: bad record for ${JSON.stringify(origin)}`);
    }
  }
  return data;
}

/**
 * Takes `dataDir/witness.lock` for this process; throws when a live process holds it. Returns
 * the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'witness.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      if (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid)) throw new Error(`${dataDir} is in use by witness process ${pid}`);
      unlinkSync(file); // stale lock from a process that died
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
