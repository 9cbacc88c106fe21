/** De-confliction, stored: notices, windows of silence, and what they make of incidents at read time. */
export { announceNotice, withdrawNotice, noticeSealed, type NoticeAgreement } from './announce.js';
export { proposeSilenceWindow, decideSilenceWindow, silenceLedgerEvent } from './silence.js';
export {
  noticeVerdicts,
  verdictFor,
  subjectFromIncident,
  visibleNotices,
  incidentsMatchedTo,
  type NoticeIncidentMatch,
  NO_NOTICE,
  type NoticeVerdict,
} from './match.js';
export { storedSilenceBreaches } from './breaches.js';
