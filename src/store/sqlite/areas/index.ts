import type { StateArea } from './area.js';
import { coreArea } from './core.js';
import { identityArea } from './identity.js';
import { incidentArea } from './incidents.js';
import { workflowArea } from './workflow.js';

/** Every state area, in dependency order (a table's parents first). */
export const STATE_AREAS: readonly StateArea[] = [coreArea, identityArea, incidentArea, workflowArea];
