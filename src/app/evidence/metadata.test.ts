import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readExif } from './metadata.js';
import { jpegWithExif, png } from './test-support/files.js';
import { makeThumbnail, THUMBNAIL_PX } from './thumbnail.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-exif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readExif', () => {
  it('reads capture time with its stated offset, GPS and camera from a JPEG', async () => {
    const p = join(dir, 'a.jpg');
    writeFileSync(
      p,
      await jpegWithExif({
        takenAt: '2026:03:01 18:42:05',
        offset: '+02:00',
        lat: 48.0123,
        lon: 37.8021,
      }),
    );
    const exif = await readExif(p);
    expect(exif.takenAt).toEqual({ at: '2026-03-01T16:42:05.000Z', zone: 'stated' });
    expect(exif.gps!.lat).toBeCloseTo(48.0123, 5);
    expect(exif.gps!.lon).toBeCloseTo(37.8021, 5);
    expect(exif.make).toBe('TestCam');
  });

  it('gives an empty summary for a file without EXIF', async () => {
    const p = join(dir, 'b.png');
    writeFileSync(p, await png());
    expect(await readExif(p)).toEqual({ takenAt: null, gps: null, make: null, model: null });
  });
});

describe('makeThumbnail', () => {
  it('makes an upright JPEG of at most 320 px without metadata', async () => {
    const p = join(dir, 'c.jpg');
    // Orientation 6: stored 640x480, shown rotated 90° as 480x640.
    writeFileSync(
      p,
      await jpegWithExif({ takenAt: '2026:03:01 18:42:05', lat: 48, lon: 37, orientation: 6 }),
    );
    const thumb = (await makeThumbnail(p))!;
    const meta = await sharp(thumb).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([240, THUMBNAIL_PX]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });
});
