/**
 * Incidents against the notices, at read time: an incident inside an announced notice's area and
 * window is reported as matched to it, excused or not with the reason (src/domain/notice/match.ts:
 * fire across the line of contact is never excused, nor what the notice's kind does not cover).
 * Computed when read, from the notices stored then, so a notice filed after the incident was
 * fused, or withdrawn since, is reflected at once; only notices the reader may see take part,
 * so a verdict never reveals a notice the reader may not read.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import { CLAIMED_AT } from '../../domain/assessment/index.js';
import { pointInPolygon } from '../../domain/geo/index.js';
import {
  FIRE_EVENTS,
  matchNotice,
  noticeVisibleTo,
  windowsOverlap,
  type Notice,
  type NoticeSubject,
  type Viewer,
} from '../../domain/notice/index.js';
import type { BBox, IncidentQuery, Store, StoredIncident } from '../../store/port.js';

/** What an incident's `notices` property says. */
export interface NoticeVerdict {
  /** `excused`: the announced activity; `not_excused`: inside a notice that does not cover it; `none`: no notice covers its place and time. */
  readonly verdict: 'excused' | 'not_excused' | 'none';
  /** Every visible notice whose area holds the incident and whose window overlaps its own. */
  readonly matched: readonly string[];
  /** The notice the verdict rests on, and why. */
  readonly noticeId: string | null;
  readonly reason: string | null;
}

export const NO_NOTICE: NoticeVerdict = {
  verdict: 'none',
  matched: [],
  noticeId: null,
  reason: null,
};

/**
 * An incident as a notice subject: its location and window, its origin when assessment located
 * one, the attributed party unless undetermined, the provisions it matched; its event is the
 * first kind of fire among its members' events, else the first event.
 */
export function subjectFromIncident(s: StoredIncident): NoticeSubject {
  const events = s.incident.events;
  const event = events.find((e) => FIRE_EVENTS.includes(e)) ?? events[0] ?? 'explosion';
  const party = s.assessment.attribution.party;
  return {
    id: s.incident.id,
    kind: 'incident',
    window: s.incident.window,
    location: s.incident.location,
    event,
    weapon: s.incident.weapon,
    direction: s.incident.direction,
    origin: s.assessment.origin?.location ?? null,
    party: party === 'undetermined' ? null : party,
    provisions: s.assessment.provisions
      .filter((p) => p.confidence >= CLAIMED_AT)
      .map((p) => p.provisionId),
  };
}

/** The verdict for one subject against the (already visible, announced) notices. */
export function verdictFor(
  subject: NoticeSubject,
  notices: readonly Notice[],
  agreement: Pick<Agreement, 'lineOfContact'>,
): NoticeVerdict {
  const matched = notices
    .filter(
      (n) => windowsOverlap(subject.window, n.window) && pointInPolygon(subject.location, n.area),
    )
    .map((n) => n.id);
  if (matched.length === 0) return NO_NOTICE;
  const m = matchNotice(subject, notices, agreement);
  return m === null
    ? NO_NOTICE
    : { verdict: m.status, matched, noticeId: m.notice.id, reason: m.reason };
}

/** The announced notices a viewer may see, whose window overlaps [from, to] when given. */
export async function visibleNotices(
  store: Store,
  agreement: Pick<Agreement, 'notificationDuties'>,
  viewer: Viewer,
  period: { from?: string; to?: string } = {},
): Promise<Notice[]> {
  const stored = (await store.listNotices?.({ status: 'announced', ...period })) ?? [];
  return stored.map((s) => s.notice).filter((n) => noticeVisibleTo(n, viewer, agreement));
}

/** The verdict for each incident, by id, as the viewer may know it. */
export async function noticeVerdicts(
  store: Store,
  agreement: Pick<Agreement, 'notificationDuties' | 'lineOfContact'>,
  viewer: Viewer,
  incidents: readonly StoredIncident[],
): Promise<Map<string, NoticeVerdict>> {
  const out = new Map<string, NoticeVerdict>();
  if (incidents.length === 0) return out;
  // Only notices whose window meets the incidents' span can match any of them.
  const froms = incidents.map((s) => Date.parse(s.incident.window.from));
  const tos = incidents.map((s) => Date.parse(s.incident.window.to));
  const period = {
    from: new Date(Math.min(...froms)).toISOString(),
    to: new Date(Math.max(...tos)).toISOString(),
  };
  const notices = await visibleNotices(store, agreement, viewer, period);
  for (const s of incidents) {
    out.set(
      s.incident.id,
      notices.length === 0 ? NO_NOTICE : verdictFor(subjectFromIncident(s), notices, agreement),
    );
  }
  return out;
}

/** An incident inside a notice's area and window, and what the notice makes of it. */
export interface NoticeIncidentMatch {
  readonly incidentId: string;
  readonly verdict: 'excused' | 'not_excused';
  readonly reason: string;
}

/**
 * The incidents a notice's area and window hold, among those the caller may see
 * (`visibleTo`, the store's filter), each with this notice's verdict on it.
 */
export async function incidentsMatchedTo(
  store: Store,
  agreement: Pick<Agreement, 'lineOfContact'>,
  notice: Notice,
  visibleTo: NonNullable<IncidentQuery['visibleTo']>,
): Promise<NoticeIncidentMatch[]> {
  if (!store.queryIncidents) return [];
  const ring = notice.area[0] ?? [];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  const bbox: BBox = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
  const out: NoticeIncidentMatch[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryIncidents({
      bbox,
      from: notice.window.from,
      to: notice.window.to,
      visibleTo,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    for (const s of page.items) {
      const v = verdictFor(subjectFromIncident(s), [notice], agreement);
      if (v.verdict !== 'none' && v.reason !== null)
        out.push({ incidentId: s.incident.id, verdict: v.verdict, reason: v.reason });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
