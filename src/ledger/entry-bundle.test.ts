import { describe, expect, it } from 'vitest';
import { decodeEntryBundle, encodeEntryBundle, MAX_ENTRY_BYTES } from './entry-bundle.js';

describe('tlog-tiles entry bundles', () => {
  it('round-trips entries of 0, 1, 255, 256 and 65,535 bytes', () => {
    const entries = [0, 1, 255, 256, MAX_ENTRY_BYTES].map((n) => new Uint8Array(n).fill(n & 255));
    const decoded = decodeEntryBundle(encodeEntryBundle(entries));
    expect(decoded.map((e) => e.length)).toEqual(entries.map((e) => e.length));
    decoded.forEach((e, i) => expect(Buffer.compare(e, entries[i]!)).toBe(0));
  });

  it('writes big-endian uint16 lengths', () => {
    expect([...encodeEntryBundle([new Uint8Array([9]), new Uint8Array(258)]).subarray(0, 5)]).toEqual([0, 1, 9, 1, 2]);
  });

  it('refuses an entry longer than 65,535 bytes', () => {
    expect(() => encodeEntryBundle([new Uint8Array(MAX_ENTRY_BYTES + 1)])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it.each([
    ['truncated-length-prefix', [0, 1, 9, 0]],
    ['truncated-entry', [0, 3, 1, 2]],
  ])('refuses %s, naming the entry', (_name, bytes) => {
    expect(() => decodeEntryBundle(new Uint8Array(bytes))).toThrow(/entry (0|1)/);
  });
});
