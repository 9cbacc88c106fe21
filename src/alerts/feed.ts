/**
 * The alerts as an Atom feed (RFC 4287): newest first, one entry per alert, each linking to its
 * CAP message when a URL for it is given. Atom dates are RFC 3339, so `Z` is right here (unlike
 * CAP).
 */
import type { Alert } from '../domain/escalation/types.js';
import { validationError } from '../domain/errors.js';
import { element, escapeXml, indent } from './xml.js';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/**
 * What an entry needs: an escalation alert, or an early warning (level 0, no deadline: it does
 * not escalate).
 */
export type FeedAlert = Pick<
  Alert,
  'id' | 'level' | 'summary' | 'state' | 'raisedAtMs' | 'incidentIds' | 'history'
> & {
  readonly ackDeadlineMs?: number;
};

export interface FeedOptions {
  /** The feed's own URL: its atom:id and rel="self" link (RFC 4287 §4.2.6, §4.2.7.2). */
  readonly selfUrl: string;
  readonly title?: string;
  /** Feed author; default "Truceline". */
  readonly author?: string;
  /** URL of an alert's CAP message (rel="alternate", type application/cap+xml). */
  readonly capUrl?: (alert: FeedAlert) => string;
  /** URL of an alert's page (rel="related", text/html). */
  readonly alertUrl?: (alert: FeedAlert) => string;
  /** atom:updated of the feed when there are no alerts; default the epoch. */
  readonly updatedMs?: number;
}

const rfc3339 = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const lastChange = (a: FeedAlert) => Math.max(a.raisedAtMs, ...a.history.map((e) => e.atMs));

/** The Atom XML of `alerts`. Entry ids are `selfUrl#<alert id>`, stable for the alert's life. */
export function alertsFeed(alerts: readonly FeedAlert[], options: FeedOptions): string {
  let self: URL;
  try {
    self = new URL(options.selfUrl);
  } catch {
    throw validationError(
      [{ path: 'selfUrl', reason: `is not an absolute URL: ${JSON.stringify(options.selfUrl)}` }],
      'feed options',
    );
  }
  const sorted = [...alerts].sort(
    (a, b) => lastChange(b) - lastChange(a) || (a.id < b.id ? -1 : 1),
  );
  const updated = sorted.length > 0 ? lastChange(sorted[0]!) : (options.updatedMs ?? 0);
  const link = (rel: string, type: string, href: string) =>
    `<link rel="${rel}" type="${type}" href="${escapeXml(href)}"/>`;
  const entries = sorted.flatMap((a) => {
    const lines = [
      element('id', `${self.href.replace(/#.*$/, '')}#${encodeURIComponent(a.id)}`),
      element('title', a.level === 0 ? a.summary : `Level ${a.level}: ${a.summary}`),
      element('updated', rfc3339(lastChange(a))),
      element('published', rfc3339(a.raisedAtMs)),
      ...(options.capUrl ? [link('alternate', 'application/cap+xml', options.capUrl(a))] : []),
      ...(options.alertUrl ? [link('related', 'text/html', options.alertUrl(a))] : []),
      a.level === 0
        ? '<category term="early-warning" label="Early warning"/>'
        : `<category term="level-${a.level}" label="Level ${a.level}"/>`,
      `<category term="${escapeXml(a.state)}" scheme="urn:truceline:alert-state"/>`,
      element(
        'summary',
        `${a.summary}. State: ${a.state}.${a.ackDeadlineMs === undefined ? '' : ` Acknowledge by ${new Date(a.ackDeadlineMs).toISOString()}.`}${a.incidentIds.length ? ` Incidents: ${a.incidentIds.join(', ')}.` : ''}`,
      ),
    ];
    return ['<entry>', ...indent(lines), '</entry>'];
  });
  const head = [
    element('id', self.href),
    element('title', options.title ?? 'Truceline alerts'),
    element('updated', rfc3339(updated)),
    link('self', 'application/atom+xml', self.href),
    `<author>${element('name', options.author ?? 'Truceline')}</author>`,
  ];
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="${ATOM_NAMESPACE}">\n${indent([...head, ...entries]).join('\n')}\n</feed>\n`;
}
