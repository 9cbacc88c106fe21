/**
 * EXIF date-times ("2026:03:01 18:42:05", EXIF 2.3 §4.6.5) carry no time zone; EXIF 2.31 adds
 * OffsetTimeOriginal ("+02:00"). A time read without an offset is taken as UTC and says so, since
 * a camera's clock zone cannot be known from the file.
 */
export interface ExifInstant {
  /** ISO 8601 UTC. */
  readonly at: string;
  /** Whether the file stated its offset, or UTC was assumed. */
  readonly zone: 'stated' | 'assumed-utc';
}

const DATE_TIME = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;
const OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Parses an EXIF DateTimeOriginal with an optional OffsetTimeOriginal; null when unreadable. */
export function parseExifDateTime(raw: string, offset?: string | null): ExifInstant | null {
  const m = DATE_TIME.exec(raw.trim().replace(/\0+$/, ''));
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || y < 1900) return null;
  let t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const o = offset ? OFFSET.exec(offset.trim()) : null;
  if (o) {
    const minutes = (Number(o[2]) * 60 + Number(o[3])) * (o[1] === '-' ? -1 : 1);
    t -= minutes * 60_000;
  }
  if (!Number.isFinite(t)) return null;
  return { at: new Date(t).toISOString(), zone: o ? 'stated' : 'assumed-utc' };
}
