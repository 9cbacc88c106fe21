import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, fromUtf8, toBase64, toHex } from './encoding.js';
import { isLedgerError } from './errors.js';

describe('encoding', () => {
  it('round-trips hex and base64 for lengths 0..70 and agrees with node:buffer', () => {
    for (let n = 0; n <= 70; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      const b64 = Buffer.from(bytes).toString('base64');
      expect(toBase64(bytes)).toBe(b64);
      expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
      expect(fromBase64(b64)).toEqual(bytes);
      expect(fromHex(toHex(bytes))).toEqual(bytes);
    }
  });

  it.each([
    ['missing padding', 'AAE'],
    ['url-safe alphabet', 'AA-_'],
    ['whitespace', 'AAEC AAEC'],
    ['non-zero unused bits', 'AAF='],
    ['padding in the middle', 'AA==AAAA'],
  ])('rejects base64 with %s', (_why, text) => {
    expect(() => fromBase64(text)).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it.each([['upper case', 'ABCD'], ['odd length', 'abc'], ['non-hex', 'zz']])('rejects hex with %s', (_why, text) => {
    let err: unknown;
    try {
      fromHex(text);
    } catch (e) {
      err = e;
    }
    expect(isLedgerError(err, 'MALFORMED')).toBe(true);
  });

  it('rejects invalid UTF-8', () => {
    expect(() => fromUtf8(new Uint8Array([0xc3, 0x28]))).toThrow(/UTF-8/);
  });
});
