/** Reports at the application edge: built from the store, published to the ledger, verified. */
export {
  buildReport,
  gatherFrom,
  incidentsBetween,
  type ReportRequest,
  type ReportSource,
} from './build.js';
export { DEMO_GAZETTEER_FILE, missionGazetteer, readGazetteer } from './gazetteer.js';
export { reportJson } from './json.js';
export {
  listPublishedReports,
  modelSha256,
  publishReport,
  readPublishedReport,
  REPORT_PUBLISHED,
  reportPublishedEvent,
  type Approver,
  type PublishingMission,
} from './publish.js';
export {
  verifyReportCopy,
  type CheckLine,
  type LiveLog,
  type VerifyReportOptions,
} from './verify.js';
export {
  renderReport,
  REPORT_FORMATS,
  MEDIA_TYPES,
  type ReportFormat,
  type RenderedReport,
} from './render.js';
