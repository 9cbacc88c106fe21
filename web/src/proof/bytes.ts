/**
 * Byte helpers for the in-browser ledger checks: hex, strict base64 (RFC 4648 §4, as C2SP
 * signed notes and checkpoints write it), UTF-8 and comparison. Written out so the module needs
 * nothing but the platform (no Buffer, no DOM).
 */

const HEX_DIGITS = '0123456789abcdef';
const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64_ALPHABET].map((c, i) => [c, i]));
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Raised for input that is not what a format says; `message` says which field and why. */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!;
  return out;
}

/** Strict standard base64 with padding; anything that would re-encode differently is refused. */
export function fromBase64(text: string, what: string): Uint8Array<ArrayBuffer> {
  if (!BASE64.test(text)) throw new FormatError(`${what} is not padded standard base64`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    const v = (k: number) => B64_VALUE.get(text[i + k]!) ?? 0;
    const n = (v(0) << 18) | (v(1) << 12) | (v(2) << 6) | v(3);
    if (at < out.length) out[at++] = (n >> 16) & 255;
    if (at < out.length) out[at++] = (n >> 8) & 255;
    if (at < out.length) out[at++] = n & 255;
  }
  // Non-zero bits in the padding would decode the same from two texts: refuse them.
  if (toBase64(out) !== text) throw new FormatError(`${what} is not canonical base64`);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64_ALPHABET[(n >> 18) & 63]! + B64_ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64_ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64_ALPHABET[n & 63]! : '=';
  }
  return out;
}

const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
