/**
 * Who sees a notice, and whether it came in time. The agreement's notification duties are what
 * bind: a notice the agreement requires is owed to the other party, so the filer cannot keep it
 * to the mission; and it must be filed the duty's lead time ahead of its window.
 */
import type { Agreement, NotificationDuty } from '../agreement/index.js';
import type { Role } from '../workflow/roles.js';
import { instantMs, type Notice, type NoticeKind, type NoticeVisibility } from './schema.js';

/** The agreement's name for what each notice kind announces. */
export const DUTY_SUBJECT: Readonly<Record<NoticeKind, NotificationDuty['what']>> = {
  rotation: 'troop_rotation',
  exercise: 'military_exercise',
  demining: 'demining',
  infrastructure_repair: 'infrastructure_repair',
};

/** The duty that requires this notice, or null. A duty's troop or equipment threshold binds when the notice states no figure. */
export function noticeDuty(
  notice: Notice,
  agreement: Pick<Agreement, 'notificationDuties'>,
): NotificationDuty | null {
  return (
    agreement.notificationDuties.find(
      (d) =>
        d.what === DUTY_SUBJECT[notice.kind] &&
        (d.parties === undefined || d.parties.includes(notice.party)) &&
        (d.minTroops === undefined ||
          notice.troops === undefined ||
          notice.troops >= d.minTroops) &&
        (d.minEquipment === undefined ||
          notice.equipment === undefined ||
          notice.equipment >= d.minEquipment),
    ) ?? null
  );
}

const RANK: Readonly<Record<NoticeVisibility, number>> = { mission: 0, parties: 1, public: 2 };

/** The notice's own visibility (default `parties`), raised to `parties` when a duty requires the notice. */
export function effectiveVisibility(
  notice: Notice,
  agreement: Pick<Agreement, 'notificationDuties'>,
): NoticeVisibility {
  const own = notice.visibility ?? 'parties';
  return noticeDuty(notice, agreement) !== null && RANK[own] < RANK.parties ? 'parties' : own;
}

export interface Viewer {
  readonly role: Role | 'public';
  /** A liaison's party. */
  readonly party?: string;
}

/**
 * Whether a viewer sees a notice: the mission (monitor, analyst, chief, admin) and the filing
 * party always; the other party's liaison and the guarantors from `parties`; anyone at `public`.
 */
export function noticeVisibleTo(
  notice: Notice,
  viewer: Viewer,
  agreement: Pick<Agreement, 'notificationDuties'>,
): boolean {
  const level = RANK[effectiveVisibility(notice, agreement)];
  switch (viewer.role) {
    case 'monitor':
    case 'analyst':
    case 'chief':
    case 'admin':
      return true;
    case 'liaison':
      return viewer.party === notice.party || level >= RANK.parties;
    case 'guarantor':
      return level >= RANK.parties;
    case 'public':
      return level >= RANK.public;
  }
}

export interface LateNotice {
  readonly duty: string;
  readonly leadTimeHours: number;
  /** How far ahead of the window it was filed, hours (negative: after the start). */
  readonly filedHoursAhead: number;
  readonly text: string;
}

/** Null when no duty requires the notice or it was filed at least the lead time ahead. */
export function lateNotice(
  notice: Notice,
  agreement: Pick<Agreement, 'notificationDuties'>,
): LateNotice | null {
  const duty = noticeDuty(notice, agreement);
  if (duty === null) return null;
  const aheadH = (instantMs(notice.window.from) - instantMs(notice.filedAt)) / 3_600_000;
  if (aheadH >= duty.leadTimeHours) return null;
  const ahead = Math.round(aheadH * 10) / 10;
  return {
    duty: duty.id,
    leadTimeHours: duty.leadTimeHours,
    filedHoursAhead: ahead,
    text: `notice ${notice.id} was filed ${ahead} h before its window; duty ${duty.id} requires ${duty.leadTimeHours} h`,
  };
}
