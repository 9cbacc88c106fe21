/**
 * `truceline restore`: a backup archive (archive.ts) back into an empty store, then the restored
 * log checked entry by entry against its tiles and against the root the manifest recorded, and
 * the state tables against a replay of the log. SQLite: the archived database becomes the data
 * directory's truceline.db. PostgreSQL: pg_restore of the dumped schema into a database where
 * that schema is empty or absent.
 *
 * Everything that could refuse the restore (a damaged archive, a store or file already there) is
 * checked before anything is written.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { TrucelineError } from '../../domain/errors.js';
import { checkIdentifier } from '../../store/postgres/connection.js';
import { CHECKPOINTS_FILE } from '../checkpoints/published-file.js';
import { auditProblems, checkStoredLog } from '../stored-log-check.js';
import { describeLocation, openLocation, redact, type StoreLocation } from '../store-location.js';
import { extractMember, memberStream, openBackupArchive, STORE_MEMBER, type BackupManifest, type OpenedBackup } from './archive.js';
import { runPgTool, splitPassword } from './pg-tools.js';

export interface RestoreOptions {
  readonly file: string;
  /** The store to restore into, given the backup's manifest (its schema is the default). */
  readonly locate: (manifest: BackupManifest) => StoreLocation;
  /** Where checkpoints.jsonl and any archived keys go; null to leave them in the archive. */
  readonly dataDir: string | null;
  readonly onProgress?: (stage: string, done: number, total: number) => void;
}

export interface RestoreResult {
  readonly manifest: BackupManifest;
  readonly loc: StoreLocation;
  readonly size: number;
  readonly root: string;
  /** Files written beside the store (checkpoints.jsonl, keys/...). */
  readonly files: readonly string[];
  readonly notes: readonly string[];
}

const KEY_MEMBER = /^keys\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export async function restoreMission(opts: RestoreOptions): Promise<RestoreResult> {
  const backup = await openBackupArchive(opts.file);
  const { manifest } = backup;
  const loc = opts.locate(manifest);
  if (manifest.store !== loc.kind) {
    const how = manifest.store === 'sqlite' ? 'restore it with --data DIR' : 'restore it with --database-url URL';
    throw new TrucelineError('VALIDATION', `${opts.file} holds a ${manifest.store} store: ${how} (then \`truceline copy\` moves it to ${loc.kind})`);
  }
  const notes: string[] = [];
  const extras = manifest.members.map((m) => m.name).filter((n) => n === CHECKPOINTS_FILE || n.startsWith('keys/'));
  for (const name of extras) if (name !== CHECKPOINTS_FILE && !KEY_MEMBER.test(name)) throw new TrucelineError('VALIDATION', `${opts.file}: refusing the member name ${JSON.stringify(name)}`);
  const placed = opts.dataDir === null ? [] : extras.map((name) => ({ name, path: join(opts.dataDir!, ...name.split('/')) }));
  for (const p of placed) if (existsSync(p.path)) throw new TrucelineError('VALIDATION', `${p.path} already exists; restore into an empty data directory`);
  if (opts.dataDir === null && extras.length > 0) notes.push(`the backup also holds ${extras.join(', ')}: pass --data DIR to restore ${extras.length === 1 ? 'it' : 'them'}`);
  if (!manifest.withKeys) notes.push('the backup holds no mission signing key: put the offline copy in keys/ of the data directory before `serve` signs checkpoints');

  if (loc.kind === 'sqlite') {
    if (existsSync(loc.file)) throw new TrucelineError('VALIDATION', `${loc.file} already exists; restore into an empty data directory`);
    mkdirSync(dirname(loc.file), { recursive: true });
    await extractMember(backup, STORE_MEMBER.sqlite, loc.file, 0o600);
  } else {
    await restorePostgres(backup, loc.url, loc.schema);
  }
  for (const p of placed) {
    mkdirSync(dirname(p.path), { recursive: true, mode: 0o700 });
    await extractMember(backup, p.name, p.path, 0o600);
  }

  const store = await openLocation(loc, { mustExist: true });
  try {
    const log = await checkStoredLog(store, { onProgress: (d, t) => opts.onProgress?.('verify', d, t) });
    if (log.problems.length > 0) throw new TrucelineError('INCONSISTENT', `the restored log does not verify: ${log.problems[0]}`);
    if (log.size !== manifest.ledger.size || log.root !== manifest.ledger.root) {
      throw new TrucelineError('ROOT_MISMATCH', `the restored log has size ${log.size} and root ${log.root}; the backup recorded size ${manifest.ledger.size} and root ${manifest.ledger.root}`);
    }
    const audit = await auditProblems(store, (d, t) => opts.onProgress?.('audit', d, t));
    if (audit.problems.length > 0) throw new TrucelineError('INCONSISTENT', `restored, but the state differs from the log (${audit.problems[0]}): run \`truceline ledger rebuild\``);
    return { manifest, loc, size: log.size, root: log.root, files: placed.map((p) => p.path), notes };
  } finally {
    await store.close();
  }
}

/**
 * pg_restore of the dumped schema, which must be empty or absent in the target database. The dump
 * creates its schema; when an empty one of that name exists (`public` always does), that step is
 * left out of the restore's table of contents instead of dropping the schema.
 */
async function restorePostgres(backup: OpenedBackup, url: string, schema: string): Promise<void> {
  checkIdentifier(schema, 'schema');
  const { manifest, file } = backup;
  if (manifest.schema !== schema) {
    throw new TrucelineError('VALIDATION', `${file} holds schema '${manifest.schema}': restore it with --schema ${manifest.schema} (pg_restore does not rename a schema; \`truceline copy\` can move it afterwards)`);
  }
  const client = new pg.Client({ connectionString: url, application_name: 'truceline' });
  let exists: boolean;
  try {
    await client.connect();
  } catch (err) {
    throw new TrucelineError('UNAVAILABLE', `cannot open ${describeLocation({ kind: 'postgres', url, schema })}: ${(err as Error).message}`);
  }
  try {
    const { rows } = await client.query<{ exists: boolean; relations: number }>(
      `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists,
        (SELECT COUNT(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1) AS relations`,
      [schema],
    );
    if (rows[0]!.relations > 0) throw new TrucelineError('VALIDATION', `schema ${schema} of ${redact(url)} is not empty; restore into an empty database or schema`);
    exists = rows[0]!.exists;
  } finally {
    await client.end().catch(() => undefined);
  }
  const { url: bare, env } = splitPassword(url);
  const args = ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${bare}`];
  if (!exists) {
    await runPgTool('pg_restore', args, env, memberStream(backup, STORE_MEMBER.postgres));
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'truceline-restore-'));
  try {
    const dump = join(work, STORE_MEMBER.postgres);
    await extractMember(backup, STORE_MEMBER.postgres, dump);
    const toc = await runPgTool('pg_restore', ['--list', dump], env);
    const own = new RegExp(`^\\d+; \\d+ \\d+ (SCHEMA - |COMMENT - SCHEMA )${schema} `);
    writeFileSync(join(work, 'toc'), toc.split('\n').filter((line) => !own.test(line)).join('\n'));
    await runPgTool('pg_restore', [...args, `--use-list=${join(work, 'toc')}`, dump], env);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
