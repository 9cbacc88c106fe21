import type { Command } from 'commander';
import { resolveDataDir } from '../../app/mission.js';
import { migrateStore, migrationStatus, type KnownMigration } from '../../app/migrate-store.js';
import { describeLocation, locationFromFlags } from '../../app/store-location.js';
import type { AppliedMigration } from '../../store/sqlite/migration-status.js';

/** `  core      v1  name  (applied at)`, grouped by area in the order given. */
function lines(migrations: readonly (KnownMigration | AppliedMigration)[]): string {
  const width = Math.max(0, ...migrations.map((m) => m.area.length));
  return migrations.map((m) => `  ${m.area.padEnd(width)}  v${m.version}  ${m.name}${'appliedAt' in m ? `  (${m.appliedAt})` : ''}\n`).join('');
}

function perArea(migrations: readonly AppliedMigration[]): string {
  const areas = new Map<string, number[]>();
  for (const m of migrations) areas.set(m.area, [...(areas.get(m.area) ?? []), m.version]);
  return [...areas].map(([area, versions]) => `${area} v${Math.max(...versions)}`).join(', ');
}

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description("bring the mission store's schema up to date (numbered migrations per area), or with --status list applied and pending ones")
    .option('--data <dir>', 'mission data directory (default: $TRUCELINE_DATA or ./data)')
    .option('--database-url <url>', 'PostgreSQL store (default: $DATABASE_URL; without either, the data directory\'s SQLite file)')
    .option('--schema <name>', 'PostgreSQL schema (default public)')
    .option('--status', 'list applied and pending migrations without applying any')
    .action(async (opts: { data?: string; databaseUrl?: string; schema?: string; status?: boolean }) => {
      const loc = locationFromFlags({ dataDir: resolveDataDir(opts.data), databaseUrl: opts.databaseUrl, schema: opts.schema });
      const out = process.stdout;
      if (opts.status) {
        const s = await migrationStatus(loc);
        out.write(`${describeLocation(loc)}${s.exists ? '' : ': no store yet, every migration is pending'}\n`);
        out.write(`applied: ${s.applied.length}\n${lines(s.applied)}`);
        out.write(`pending: ${s.pending.length}\n${lines(s.pending)}`);
        if (s.unknown.length > 0) out.write(`applied by a newer version of truceline: ${s.unknown.length}\n${lines(s.unknown)}`);
        return;
      }
      const { applied, status } = await migrateStore(loc);
      out.write(`${describeLocation(loc)}: ${applied.length === 0 ? 'already up to date' : `applied ${applied.length} migration${applied.length === 1 ? '' : 's'}`}\n`);
      out.write(lines(applied));
      out.write(`schema: ${perArea(status.applied)}\n`);
      if (status.unknown.length > 0) out.write(`note: ${status.unknown.length} applied migrations are unknown to this version of truceline (the store was migrated by a newer one)\n`);
    });
}
