/**
 * What the mission accepts as evidence: the media types detected from a file's bytes (never from
 * its name), the kind each belongs to, and the size limit per kind. Plain text and JSON have no
 * magic bytes; they are accepted as documents when the bytes are valid UTF-8.
 */
export const EVIDENCE_KINDS = ['photo', 'video', 'audio', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Detected media type → kind. Anything else is refused. */
export const ACCEPTED_MEDIA_TYPES: Readonly<Record<string, EvidenceKind>> = {
  'image/jpeg': 'photo',
  'image/png': 'photo',
  'image/webp': 'photo',
  'image/heic': 'photo',
  'image/heif': 'photo',
  'video/mp4': 'video',
  'video/webm': 'video',
  'video/quicktime': 'video',
  'audio/mpeg': 'audio',
  'audio/wav': 'audio',
  'audio/x-wav': 'audio',
  'audio/ogg': 'audio',
  'audio/opus': 'audio',
  'audio/x-m4a': 'audio',
  'audio/mp4': 'audio',
  'application/pdf': 'document',
  'text/plain': 'document',
  'application/json': 'document',
};

/** Bytes per kind; a mission may configure its own. */
export type SizeLimits = Readonly<Record<EvidenceKind, number>>;

const MiB = 1024 * 1024;

/** Defaults: 25 MiB photos, 500 MiB video, 100 MiB audio, 50 MiB documents. */
export const DEFAULT_SIZE_LIMITS: SizeLimits = {
  photo: 25 * MiB,
  video: 500 * MiB,
  audio: 100 * MiB,
  document: 50 * MiB,
};

/** The largest limit of any kind: what an upload may stream before its type is known. */
export function largestLimit(limits: SizeLimits): number {
  return Math.max(...EVIDENCE_KINDS.map((k) => limits[k]));
}

/** The kind of an accepted media type, or null when the mission does not accept it. */
export function kindOf(mediaType: string): EvidenceKind | null {
  return ACCEPTED_MEDIA_TYPES[mediaType] ?? null;
}

/** Describes bytes for a person: 26214400 → "25 MiB". */
export function formatBytes(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/** SHA-256 hex as evidence is addressed: 64 lower-case hex digits. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
