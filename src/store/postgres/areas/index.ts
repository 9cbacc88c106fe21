import type { PostgresStateArea } from './area.js';
import { coreArea } from './core.js';
import { identityArea } from './identity.js';

/** Every state area, in dependency order (a table's parents first); the same list as SQLite's. */
export const POSTGRES_STATE_AREAS: readonly PostgresStateArea[] = [coreArea, identityArea];
