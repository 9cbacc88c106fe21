/**
 * De-confliction: parties' notices of legitimate activity, who sees them, matching observations
 * and incidents to them, and windows of silence for repairs.
 */
export * from './schema.js';
export {
  DUTY_SUBJECT,
  noticeDuty,
  effectiveVisibility,
  noticeVisibleTo,
  lateNotice,
  type Viewer,
  type LateNotice,
} from './visibility.js';
export {
  matchNotice,
  subjectFromObservation,
  windowsOverlap,
  COVERS,
  FIRE_EVENTS,
  UNCOVERABLE_PROVISIONS,
  type NoticeSubject,
  type NoticeMatch,
} from './match.js';
export * from './silence.js';
export { silenceBreaches, type SilenceBreach } from './silence-breaches.js';
