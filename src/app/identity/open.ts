import { openMission, type Mission } from '../mission.js';
import { PostgresStore } from '../../store/postgres/store.js';
import { SqliteStore } from '../../store/sqlite/store.js';
import { SqliteIdentityReader } from '../../store/sqlite/areas/identity.js';
import type { IdentityDeps } from './context.js';

/**
 * The identity use cases' dependencies for an open mission. The SQLite adapter reads identity
 * state over a second read-only connection to the same file; the PostgreSQL adapter reads through
 * its pool.
 */
export function openIdentity(mission: Pick<Mission, 'store' | 'agreement'>): IdentityDeps {
  const { store } = mission;
  const parties = mission.agreement.parties.map((p) => p.id);
  if (store instanceof PostgresStore) return { store, reader: store.identityReader(), parties };
  if (!(store instanceof SqliteStore) || store.file === ':memory:') {
    throw new Error(`identity needs a file-backed SQLite store or PostgreSQL; got a ${store.kind} store`);
  }
  return { store, reader: new SqliteIdentityReader(store.file), parties };
}

/** Opens the mission at `dataDir`, runs fn with its identity, and closes everything after. */
export async function withIdentity<T>(dataDir: string, fn: (deps: IdentityDeps, mission: Mission) => Promise<T>): Promise<T> {
  const mission = await openMission(dataDir);
  const deps = openIdentity(mission);
  try {
    return await fn(deps, mission);
  } finally {
    deps.reader.close();
    await mission.close();
  }
}
