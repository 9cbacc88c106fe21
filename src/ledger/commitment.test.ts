import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { confidentialCommitment, verifyReveal } from './commitment.js';
import { utf8 } from './encoding.js';

const salt = new Uint8Array(32).fill(7);
const content = utf8('{"type":"complaint.filed","v":1}');

describe('confidential commitments', () => {
  it('is SHA-256(salt || content), lower-case hex', () => {
    const want = createHash('sha256').update(salt).update(content).digest('hex');
    expect(confidentialCommitment(content, salt)).toEqual({ commitment: want });
  });

  it('opens with the right content and salt only', () => {
    const { commitment } = confidentialCommitment(content, salt);
    expect(verifyReveal(content, salt, commitment)).toBe(true);
    expect(verifyReveal(utf8('{"type":"complaint.filed","v":2}'), salt, commitment)).toBe(false);
    expect(verifyReveal(content, new Uint8Array(32).fill(8), commitment)).toBe(false);
    expect(verifyReveal(content, salt, commitment.toUpperCase())).toBe(false);
    expect(verifyReveal(content, salt.slice(1), commitment)).toBe(false);
  });

  it('hides equal contents under different salts', () => {
    expect(confidentialCommitment(content, salt).commitment).not.toBe(confidentialCommitment(content, new Uint8Array(32)).commitment);
  });

  it('refuses a salt that is not 32 bytes', () => {
    expect(() => confidentialCommitment(content, new Uint8Array(16))).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
