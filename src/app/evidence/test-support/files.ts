/**
 * Small real files for the evidence tests, made on the spot: a JPEG with EXIF capture time and
 * GPS written by sharp, a PNG, a minimal PDF, a Windows executable header, a WAV. Not used in
 * production.
 */
import sharp from 'sharp';

export interface PhotoExif {
  /** EXIF form: "2026:03:01 18:42:05". */
  readonly takenAt?: string;
  readonly offset?: string;
  readonly lat?: number;
  readonly lon?: number;
  /** EXIF orientation 1..8. */
  readonly orientation?: number;
}

/** Degrees as an EXIF rational triple string: "48/1 0/1 4428/100". */
function dms(deg: number): string {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 10000);
  return `${d}/1 ${m}/1 ${s}/10000`;
}

export async function jpegWithExif(
  exif: PhotoExif,
  size: { width: number; height: number } = { width: 640, height: 480 },
): Promise<Buffer> {
  const ifd2: Record<string, string> = {};
  if (exif.takenAt) ifd2.DateTimeOriginal = exif.takenAt;
  if (exif.offset) ifd2.OffsetTimeOriginal = exif.offset;
  const ifd3: Record<string, string> = {};
  if (exif.lat !== undefined && exif.lon !== undefined) {
    Object.assign(ifd3, {
      GPSLatitudeRef: exif.lat >= 0 ? 'N' : 'S',
      GPSLatitude: dms(exif.lat),
      GPSLongitudeRef: exif.lon >= 0 ? 'E' : 'W',
      GPSLongitude: dms(exif.lon),
    });
  }
  let img = sharp({ create: { ...size, channels: 3, background: { r: 180, g: 90, b: 40 } } }).jpeg({
    quality: 90,
  });
  img = img.withExif({ IFD0: { Make: 'TestCam', Model: 'T1' }, IFD2: ifd2, IFD3: ifd3 });
  if (exif.orientation) img = img.withMetadata({ orientation: exif.orientation });
  return img.toBuffer();
}

export async function png(): Promise<Buffer> {
  return sharp({
    create: { width: 32, height: 16, channels: 4, background: { r: 10, g: 200, b: 10, alpha: 1 } },
  })
    .png()
    .toBuffer();
}

export function pdf(): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
    '',
  ].join('\n');
  return Buffer.from(body, 'latin1');
}

/** The start of a PE executable (DOS "MZ" header pointing at a "PE\0\0" signature). */
export function exe(): Buffer {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x14c, 0x84);
  return b;
}

/** A 0.1 s silent 8 kHz mono 16-bit WAV. */
export function wav(): Buffer {
  const samples = 800;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(samples * 2, 40);
  return b;
}
