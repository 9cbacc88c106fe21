/**
 * `truceline migrate`: brings a store's schema up to date (both adapters migrate when opened;
 * this does only that) or, with `--status`, says what is applied and what is pending without
 * changing anything. Migrations are numbered per area in `schema_migrations(area, version)`.
 */
import { POSTGRES_MIGRATIONS } from '../store/postgres/store.js';
import { readPostgresMigrations } from '../store/postgres/migration-status.js';
import { readSqliteMigrations, SQLITE_MIGRATIONS, type AppliedMigration } from '../store/sqlite/migration-status.js';
import { TrucelineError } from '../domain/errors.js';
import { describeLocation, openLocation, type StoreLocation } from './store-location.js';

export interface KnownMigration {
  readonly area: string;
  readonly version: number;
  readonly name: string;
}

export interface MigrationStatus {
  /** Whether the store exists at all (a SQLite file that is not there does not). */
  readonly exists: boolean;
  readonly applied: readonly AppliedMigration[];
  /** Known to this program, not yet applied, in the order they would run. */
  readonly pending: readonly KnownMigration[];
  /** Applied, but unknown to this program: the store was migrated by a newer version. */
  readonly unknown: readonly AppliedMigration[];
}

const key = (m: { area: string; version: number }) => `${m.area}:${m.version}`;

export async function migrationStatus(loc: StoreLocation): Promise<MigrationStatus> {
  const known: readonly KnownMigration[] = loc.kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
  let rows: AppliedMigration[] | null;
  try {
    rows = loc.kind === 'sqlite' ? readSqliteMigrations(loc.file) : await readPostgresMigrations(loc.url, loc.schema);
  } catch (err) {
    throw new TrucelineError('UNAVAILABLE', `cannot read the migrations of ${describeLocation(loc)}: ${(err as Error).message}`);
  }
  const applied = rows ?? [];
  const done = new Set(applied.map(key));
  const order = new Map(known.map((m, i) => [key(m), i]));
  const sorted = [...applied].sort((a, b) => (order.get(key(a)) ?? Infinity) - (order.get(key(b)) ?? Infinity) || a.appliedAt.localeCompare(b.appliedAt));
  return {
    exists: rows !== null,
    applied: sorted,
    pending: known.filter((m) => !done.has(key(m))),
    unknown: sorted.filter((m) => !order.has(key(m))),
  };
}

/** Opens (and so migrates) the store, then returns what this run applied and the status after. */
export async function migrateStore(loc: StoreLocation): Promise<{ applied: readonly AppliedMigration[]; status: MigrationStatus }> {
  const before = await migrationStatus(loc);
  const store = await openLocation(loc);
  await store.close();
  const status = await migrationStatus(loc);
  const had = new Set(before.applied.map(key));
  return { applied: status.applied.filter((m) => !had.has(key(m))), status };
}
