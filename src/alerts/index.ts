/**
 * Alerts out (issue 7, item 6): CAP 1.2 XML, an Atom feed, signed webhooks with retries, email
 * over SMTP, and acknowledgement by signed link. The edge: this is where I/O happens.
 */
export * from './cap.js';
export * from './cap-alert.js';
export { alertsFeed, ATOM_NAMESPACE, type FeedOptions } from './feed.js';
export { alertJson, type AlertJson } from './alert-json.js';
export * from './webhook.js';
export * from './email.js';
export { signAckLink, verifyAckLink, ackLinkUrl, type AckLinkCheck } from './ack-link.js';
export { escapeXml } from './xml.js';
