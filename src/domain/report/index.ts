/**
 * The daily and weekly report: its model (types.ts, the contract the renderers in src/reports
 * consume), reporting periods, place references and the builder.
 */
export * from './types.js';
export { violationCategory, zeroBreakdown, addTo, partsSumToTotal } from './categories.js';
export {
  DEFAULT_CLOSING_TIME,
  DEFAULT_TIME_ZONE,
  addDays,
  dailyBounds,
  reportPeriod,
  zonedInstant,
  type PeriodOptions,
} from './period.js';
export {
  distanceRangeKm,
  nearestSettlement,
  placeRef,
  regionId,
  type Gazetteer,
  type NearestSettlement,
  type Settlement,
} from './place.js';
export {
  buildReportModel,
  type ReportIncident,
  type ReportInputs,
  type ReportOptions,
} from './build.js';
export { reportModelDigestInput, withoutPublication } from './digest.js';
