import type { PostgresStateArea } from './area.js';
import { coreArea } from './core.js';
import { identityArea } from './identity.js';
import { incidentArea } from './incidents.js';
import { workflowArea } from './workflow.js';
import { declarationArea } from './declarations.js';
import { noticeArea } from './notices.js';
import { alertsArea } from './alerts.js';
import { evidenceArea } from './evidence.js';
import { reportsArea } from './reports.js';

/** Every state area, in dependency order (a table's parents first); the same list as SQLite's. */
export const POSTGRES_STATE_AREAS: readonly PostgresStateArea[] = [coreArea, identityArea, incidentArea, workflowArea, declarationArea, noticeArea, evidenceArea, alertsArea, reportsArea];
