/**
 * EXIF metadata of a photo (capture time, GPS position, camera), read with exifr from the file in
 * chunks. Unreadable or absent metadata is an empty summary, never an error: many files (and
 * every file a messaging app has passed on) carry none.
 */
import { parseExifDateTime, type ExifSummary } from '../../domain/evidence/index.js';

const EMPTY: ExifSummary = { takenAt: null, gps: null, make: null, model: null };

interface RawExif {
  DateTimeOriginal?: unknown;
  CreateDate?: unknown;
  OffsetTimeOriginal?: unknown;
  latitude?: unknown;
  longitude?: unknown;
  Make?: unknown;
  Model?: unknown;
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim().replace(/\0+$/, '').slice(0, 200) : null;

/** The EXIF summary of the image at `path`; EMPTY for kinds exifr cannot read. */
export async function readExif(path: string): Promise<ExifSummary> {
  let raw: RawExif | undefined;
  try {
    // reviveValues off: dates stay as the file wrote them, so no local time zone creeps in.
    const { default: exifr } = await import('exifr');
    raw = (await exifr.parse(path, {
      tiff: true,
      exif: true,
      gps: true,
      reviveValues: false,
      translateValues: false,
    })) as RawExif | undefined;
  } catch {
    return EMPTY;
  }
  if (!raw) return EMPTY;
  const when = text(raw.DateTimeOriginal) ?? text(raw.CreateDate);
  const lat = raw.latitude;
  const lon = raw.longitude;
  const gps =
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180
      ? { lat, lon }
      : null;
  return {
    takenAt: when ? parseExifDateTime(when, text(raw.OffsetTimeOriginal)) : null,
    gps,
    make: text(raw.Make),
    model: text(raw.Model),
  };
}
