import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TrucelineError } from '../../domain/errors.js';
import { detectEvidenceType } from './detect.js';
import { exe, jpegWithExif, pdf, png, wav } from './test-support/files.js';

const dir = mkdtempSync(join(tmpdir(), 'truceline-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes bytes under a misleading name: detection must not look at it. */
function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('detectEvidenceType reads the bytes, never the name', () => {
  it.each([
    [
      'a JPEG named .txt',
      async () => file('photo.txt', await jpegWithExif({ takenAt: '2026:03:01 18:42:05' })),
      'image/jpeg',
      'photo',
    ],
    ['a PNG named .pdf', async () => file('image.pdf', await png()), 'image/png', 'photo'],
    ['a PDF named .jpg', async () => file('report.jpg', pdf()), 'application/pdf', 'document'],
    ['a WAV named .mp4', async () => file('clip.mp4', wav()), 'audio/wav', 'audio'],
    [
      'UTF-8 text',
      async () => file('notes.bin', 'Ночью слышны взрывы, 12 шт.\n'),
      'text/plain',
      'document',
    ],
    ['JSON', async () => file('data.jpg', '{"shots": 12}'), 'application/json', 'document'],
  ])('accepts %s', async (_what, make, mediaType, kind) => {
    expect(await detectEvidenceType(await make())).toEqual({ mediaType, kind });
  });

  it('refuses an executable renamed .jpg with a VALIDATION error naming the field', async () => {
    const err = await detectEvidenceType(file('holiday.jpg', exe()), 'file').catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TrucelineError);
    expect((err as TrucelineError).code).toBe('VALIDATION');
    expect((err as TrucelineError).issues[0]?.path).toBe('file');
    expect((err as TrucelineError).message).toMatch(/application\/x-msdownload.*not accepted/);
  });

  it('refuses bytes that are neither a known format nor UTF-8 text', async () => {
    await expect(
      detectEvidenceType(file('x.txt', Buffer.from([0x13, 0x37, 0x00, 0x41, 0xc3, 0x28, 0x9a]))),
    ).rejects.toThrow(/no accepted type/);
  });
});
