/**
 * A mission backup is one POSIX tar file (src/app/evidence/tar.ts): `manifest.json` first, then
 * the store (`store.sqlite`, an SQLite database, or `store.pgdump`, a pg_dump custom-format
 * archive of the store's schema), then, when present, `checkpoints.jsonl` and, only when asked
 * for, the mission key files under `keys/`. The manifest names each member with its size and
 * SHA-256 and the ledger's size and root at the moment of the backup, so a restore checks the
 * archive before it writes anything and checks the restored log against the root afterwards.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { TrucelineError } from '../../domain/errors.js';
import { readTar, tarChunks, type TarMember } from '../evidence/tar.js';

export const BACKUP_FORMAT = 'truceline-backup';

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: 1;
  readonly store: 'sqlite' | 'postgres';
  /** PostgreSQL: the schema the dump holds. */
  readonly schema?: string;
  readonly createdAt: string;
  readonly ledger: { readonly size: number; readonly root: string };
  readonly members: readonly { readonly name: string; readonly size: number; readonly sha256: string }[];
  readonly withKeys: boolean;
}

export const STORE_MEMBER = { sqlite: 'store.sqlite', postgres: 'store.pgdump' } as const;

/** A file on disk to put in the archive under `name`. */
export interface StagedFile {
  readonly name: string;
  readonly path: string;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes the archive to `file` (through `file.partial`, renamed when complete, so a failed backup
 * never leaves something that looks like one). Refuses to replace an existing file.
 */
export async function writeBackupArchive(file: string, manifest: Omit<BackupManifest, 'members'>, files: readonly StagedFile[]): Promise<BackupManifest> {
  if (existsSync(file)) throw new TrucelineError('VALIDATION', `${file} already exists; choose a new file for the backup`);
  const members: BackupManifest['members'][number][] = [];
  for (const f of files) members.push({ name: f.name, size: statSync(f.path).size, sha256: await sha256File(f.path) });
  const full: BackupManifest = { ...manifest, members };
  const head = Buffer.from(JSON.stringify(full, null, 2) + '\n');
  const partial = `${file}.partial`;
  try {
    await pipeline(
      Readable.from(
        tarChunks(
          [{ name: 'manifest.json', size: head.length, body: head }, ...files.map((f, i) => ({ name: f.name, size: members[i]!.size, body: async () => createReadStream(f.path) }))],
          Math.floor(Date.parse(manifest.createdAt) / 1000),
        ),
      ),
      createWriteStream(partial, { mode: 0o600 }),
    );
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return full;
}

export interface OpenedBackup {
  readonly file: string;
  readonly manifest: BackupManifest;
  /** Each member by name, its bytes checked against the manifest. */
  readonly members: ReadonlyMap<string, TarMember>;
}

/** Reads and checks an archive: the manifest, and every member's size and SHA-256 against it. */
export async function openBackupArchive(file: string): Promise<OpenedBackup> {
  let members: TarMember[];
  try {
    members = await readTar(file, (name, size) => name === 'manifest.json' && size < 1 << 20);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code) throw err;
    throw new TrucelineError('VALIDATION', `${file} is not a truceline backup: ${(err as Error).message}`);
  }
  const head = members.find((m) => m.name === 'manifest.json');
  let manifest: BackupManifest | null = null;
  try {
    manifest = head?.bytes ? (JSON.parse(Buffer.from(head.bytes).toString('utf8')) as BackupManifest) : null;
  } catch {
    manifest = null;
  }
  if (!manifest || manifest.format !== BACKUP_FORMAT) throw new TrucelineError('VALIDATION', `${file} is not a truceline backup (it has no truceline manifest)`);
  if (manifest.version !== 1) throw new TrucelineError('VALIDATION', `${file} is a truceline backup of format version ${manifest.version}, which this version cannot read`);
  const byName = new Map(members.map((m) => [m.name, m]));
  for (const m of manifest.members) {
    const found = byName.get(m.name);
    if (!found) throw new TrucelineError('INCONSISTENT', `${file}: the backup lacks ${m.name}, which its manifest lists`);
    if (found.size !== m.size || found.sha256 !== m.sha256) throw new TrucelineError('INCONSISTENT', `${file}: ${m.name} is damaged (its SHA-256 differs from the manifest's)`);
  }
  if (!byName.has(STORE_MEMBER[manifest.store])) throw new TrucelineError('INCONSISTENT', `${file}: the backup holds no ${STORE_MEMBER[manifest.store]}`);
  return { file, manifest, members: byName };
}

/** A member's bytes as a stream read from the archive. */
export function memberStream(backup: OpenedBackup, name: string): Readable {
  const m = backup.members.get(name);
  if (!m) throw new Error(`the backup has no member ${name}`);
  if (m.size === 0) return Readable.from([]);
  return createReadStream(backup.file, { start: m.offset, end: m.offset + m.size - 1 });
}

/** Copies a member to `path` (through `path.partial`), with `mode`. */
export async function extractMember(backup: OpenedBackup, name: string, path: string, mode = 0o600): Promise<void> {
  const partial = `${path}.partial`;
  try {
    await pipeline(memberStream(backup, name), createWriteStream(partial, { mode, flags: 'wx' }));
    renameSync(partial, path);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}
