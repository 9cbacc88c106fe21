/**
 * The type of an evidence file, from its bytes alone (file-type's magic numbers); the name a
 * client sends is never consulted. Text has no magic number: a file file-type cannot place is
 * accepted as a document only when it is valid UTF-8 (JSON when it also parses as JSON).
 */
import { createReadStream } from 'node:fs';
import { fileTypeFromFile } from 'file-type';
import { TrucelineError } from '../../domain/errors.js';
import { ACCEPTED_MEDIA_TYPES, kindOf, type EvidenceKind } from '../../domain/evidence/index.js';

export interface DetectedType {
  readonly mediaType: string;
  readonly kind: EvidenceKind;
}

/** file-type's names for the types whose registered media type differs. */
const NORMALISE: Readonly<Record<string, string>> = {
  'audio/vnd.wave': 'audio/wav',
  'audio/x-wav': 'audio/wav',
  'image/heif': 'image/heic',
  'audio/x-m4a': 'audio/mp4',
};

/** Detects the type of the file at `path`; VALIDATION naming `field` when it is not accepted. */
export async function detectEvidenceType(path: string, field = 'file'): Promise<DetectedType> {
  const found = await fileTypeFromFile(path);
  if (found) {
    const mediaType = NORMALISE[found.mime] ?? found.mime;
    const kind = kindOf(mediaType);
    if (!kind)
      throw refused(
        field,
        `its bytes are ${found.mime} (.${found.ext}), which is not accepted as evidence`,
      );
    return { mediaType, kind };
  }
  const text = await textKind(path);
  if (!text)
    throw refused(
      field,
      'its bytes are of no accepted type (not a known photo, video, audio or PDF format, and not UTF-8 text)',
    );
  return { mediaType: text, kind: 'document' };
}

function refused(field: string, reason: string): TrucelineError {
  const accepted = [...new Set(Object.keys(ACCEPTED_MEDIA_TYPES))].join(', ');
  return new TrucelineError('VALIDATION', `${field}: ${reason}; accepted: ${accepted}`, [
    { path: field, reason },
  ]);
}

/**
 * `text/plain` or `application/json` when the whole file is valid UTF-8 without NUL bytes, else
 * null. Decoded in a stream, so a large file does not sit in memory; JSON is tried only for
 * files small enough to parse whole (1 MiB).
 */
async function textKind(path: string): Promise<string | null> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let head = '';
  let size = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (bytes.includes(0)) return null;
      const s = decoder.decode(bytes, { stream: true });
      if (size <= 1 << 20) head += s;
    }
    head += decoder.decode();
  } catch {
    return null;
  }
  if (size === 0) return null;
  if (size <= 1 << 20) {
    try {
      JSON.parse(head);
      return 'application/json';
    } catch {
      // plain text
    }
  }
  return 'text/plain';
}
