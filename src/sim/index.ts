/**
 * The scenario simulator: ground truth and the observations it gives rise to, seeded and
 * streamed. See simulate.ts.
 */
export { simulate } from './simulate.js';
export { demoObservationStream, type DemoOptions, type PacedObservation } from './demo.js';
export { checkOptions, MAX_DAYS } from './options.js';
export { SimRandom } from './random.js';
export { TEMPO_FACTOR, FIRE_EVENTS_PER_HOUR, DAILY_RATES } from './tempo.js';
export {
  TEMPOS,
  TRUTH_KINDS,
  type EscalationPlan,
  type SimItem,
  type SimOptions,
  type Tempo,
  type TruthEvent,
  type TruthKind,
  type TruthPlace,
} from './types.js';
