/**
 * `truceline backup`: one archive (archive.ts) of a mission's store, safe to take while `serve`
 * writes. SQLite: better-sqlite3's online backup API copies the pages of one read snapshot
 * (WAL lets writers go on meanwhile). PostgreSQL: `pg_dump -Fc` of the store's schema, reading a
 * snapshot exported by a transaction of ours, so the ledger size and root written into the
 * manifest are those of exactly the dumped data.
 *
 * The mission's signing key (keys/) is left out unless asked for: it is the mission's identity
 * (whoever holds it can sign checkpoints in the mission's name), and backups travel further and
 * are read by more people than the mission's server; keep one offline copy of the key instead.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { TrucelineError } from '../../domain/errors.js';
import { toBase64 } from '../../ledger/index.js';
import { checkIdentifier, createPool } from '../../store/postgres/connection.js';
import { PostgresLedger } from '../../store/postgres/ledger.js';
import { SqliteStore } from '../../store/sqlite/store.js';
import { CHECKPOINTS_FILE } from '../checkpoints/published-file.js';
import { auditProblems, checkStoredLog } from '../stored-log-check.js';
import { describeLocation, type StoreLocation } from '../store-location.js';
import { STORE_MEMBER, writeBackupArchive, type BackupManifest, type StagedFile } from './archive.js';
import { runPgTool, splitPassword } from './pg-tools.js';

export interface BackupOptions {
  readonly loc: StoreLocation;
  /** The data directory: its checkpoints.jsonl and, with `withKeys`, keys/. */
  readonly dataDir: string;
  readonly file: string;
  readonly withKeys: boolean;
  readonly now?: () => Date;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

export interface BackupResult {
  readonly manifest: BackupManifest;
  /** Things the operator should know (left out, state differences). */
  readonly notes: readonly string[];
}

export async function backupMission(opts: BackupOptions): Promise<BackupResult> {
  const file = resolve(opts.file);
  if (existsSync(file)) throw new TrucelineError('VALIDATION', `${file} already exists; choose a new file for the backup`);
  const keyFiles = opts.withKeys ? missionKeyFiles(opts.dataDir) : [];
  mkdirSync(dirname(file), { recursive: true });
  const staging = mkdtempSync(join(dirname(file), '.truceline-backup-'));
  const notes: string[] = [];
  try {
    const createdAt = (opts.now?.() ?? new Date()).toISOString();
    const storeFile = join(staging, STORE_MEMBER[opts.loc.kind]);
    const ledger = opts.loc.kind === 'sqlite' ? await sqliteSnapshot(opts.loc.file, storeFile, notes, opts.onProgress) : await postgresSnapshot(opts.loc.url, opts.loc.schema, storeFile);
    const files: StagedFile[] = [{ name: STORE_MEMBER[opts.loc.kind], path: storeFile }];
    const checkpoints = join(opts.dataDir, CHECKPOINTS_FILE);
    if (existsSync(checkpoints)) files.push({ name: CHECKPOINTS_FILE, path: checkpoints });
    files.push(...keyFiles);
    if (!opts.withKeys) notes.push('the mission signing key (keys/) is not in the backup: keep one copy of it offline (or back up again with --with-keys)');
    if (existsSync(join(opts.dataDir, 'evidence'))) notes.push('evidence files (evidence/) are not in the backup: back up that directory or the object store separately');
    const manifest = await writeBackupArchive(
      file,
      { format: 'truceline-backup', version: 1, store: opts.loc.kind, ...(opts.loc.kind === 'postgres' ? { schema: opts.loc.schema } : {}), createdAt, ledger, withKeys: opts.withKeys },
      files,
    );
    return { manifest, notes };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The files of `dataDir/keys` as archive members `keys/<name>`; refuses when there are none. */
function missionKeyFiles(dataDir: string): StagedFile[] {
  const dir = join(dataDir, 'keys');
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile()) : [];
  if (names.length === 0) throw new TrucelineError('NOT_FOUND', `--with-keys: ${dir} holds no key files`);
  return names.map((n) => ({ name: `keys/${n}`, path: join(dir, n) }));
}

/** Online backup of the SQLite file into `dest`, then the copy's log checked. */
async function sqliteSnapshot(
  file: string,
  dest: string,
  notes: string[],
  onProgress?: BackupOptions['onProgress'],
): Promise<BackupManifest['ledger']> {
  if (!existsSync(file)) throw new TrucelineError('NOT_FOUND', `no mission store at ${file}`);
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // After the first step, copy all remaining pages in one step: one step reads one snapshot, so
    // writers of other processes (WAL) cannot make it start over again and again.
    await source.backup(dest, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.('backup', totalPages - remainingPages, totalPages);
        return Math.max(remainingPages, 100);
      },
    });
  } finally {
    source.close();
  }
  const copy = SqliteStore.open(dest);
  try {
    const log = await checkStoredLog(copy, { onProgress: (d, t) => onProgress?.('verify', d, t) });
    if (log.problems.length > 0) throw new TrucelineError('INCONSISTENT', `the store's log does not verify, no backup written: ${log.problems[0]}`);
    const audit = await auditProblems(copy, (d, t) => onProgress?.('audit', d, t));
    if (audit.problems.length > 0) notes.push(`the state tables differ from the log (${audit.problems[0]}); a restore rebuilds them with \`truceline ledger rebuild\``);
    return { size: log.size, root: log.root };
  } finally {
    await copy.close();
    // One self-contained file: no -wal beside it.
    const db = new Database(dest);
    db.pragma('journal_mode = DELETE');
    db.close();
  }
}

/** pg_dump of `schema` from a snapshot whose ledger size and root we read first. */
async function postgresSnapshot(url: string, schema: string, dest: string): Promise<BackupManifest['ledger']> {
  checkIdentifier(schema, 'schema');
  // The store's own pool settings: its schema as search path, BIGINT read as numbers.
  const pool = createPool(url, schema, { max: 1 });
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new TrucelineError('UNAVAILABLE', `cannot open ${describeLocation({ kind: 'postgres', url, schema })}: ${(err as Error).message}`);
  }
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string; found: string | null }>('SELECT pg_export_snapshot() AS snapshot, to_regclass($1)::text AS found', [`${schema}.ledger_entries`]);
    if (!rows[0]!.found) throw new TrucelineError('NOT_FOUND', `no mission store in schema ${schema} of ${describeLocation({ kind: 'postgres', url, schema }).split(' ')[0]}`);
    const ledger = new PostgresLedger(client);
    const size = await ledger.size();
    const root = toBase64(await ledger.root(size));
    const { url: bare, env } = splitPassword(url);
    await runPgTool('pg_dump', ['--format=custom', `--schema=${schema}`, '--no-owner', '--no-privileges', `--snapshot=${rows[0]!.snapshot}`, `--file=${dest}`, `--dbname=${bare}`], env);
    await client.query('COMMIT');
    return { size, root };
  } finally {
    client.release(true);
    await pool.end().catch(() => undefined);
  }
}
