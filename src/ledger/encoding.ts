/**
 * Byte and text encodings used by the log formats. Base64 is the standard alphabet with padding
 * (RFC 4648 §4), as C2SP signed-note and tlog-checkpoint require; decoders are strict, so a
 * string that re-encodes differently (missing padding, stray characters) is rejected rather than
 * silently repaired.
 */
import { LedgerError } from './errors.js';

const HEX = /^(?:[0-9a-f]{2})*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Written out rather than taken from node:buffer so the verifier needs nothing beyond node:crypto.
const HEX_DIGITS = '0123456789abcdef';
const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Map([...B64_ALPHABET].map((c, i) => [c, i]));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!;
  return out;
}

/** Lower-case hex only, even length; `what` names the field in the error. */
export function fromHex(hex: string, what = 'hex'): Uint8Array {
  if (!HEX.test(hex)) throw new LedgerError('MALFORMED', `${what}: not lower-case hex of even length: ${JSON.stringify(hex.slice(0, 80))}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
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

/** Standard padded base64 (RFC 4648 §4) only. */
export function fromBase64(text: string, what = 'base64'): Uint8Array {
  if (!BASE64.test(text)) throw new LedgerError('MALFORMED', `${what}: not standard padded base64: ${JSON.stringify(text.slice(0, 80))}`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - pad);
  let at = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) n = (n << 6) | (B64_VALUE.get(text[i + j]!) ?? 0);
    for (let j = 0; j < 3 && at < bytes.length; j++) bytes[at++] = (n >> (16 - 8 * j)) & 255;
  }
  // Unused low bits of the last character must be zero, else two strings decode alike.
  if (toBase64(bytes) !== text) throw new LedgerError('MALFORMED', `${what}: non-canonical base64: ${JSON.stringify(text.slice(0, 80))}`);
  return bytes;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8, rejecting invalid sequences (signed notes MUST be valid UTF-8). */
export function fromUtf8(bytes: Uint8Array, what = 'text'): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    throw new LedgerError('MALFORMED', `${what}: not valid UTF-8`);
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
