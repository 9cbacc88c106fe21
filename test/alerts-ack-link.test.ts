/** Acknowledgement by signed link: HMAC over alert, recipient and expiry; constant-time check. */
import { describe, expect, it } from 'vitest';
import { ackLinkUrl, signAckLink, verifyAckLink } from '../src/alerts/ack-link.js';

const SECRET = 'ack-secret-0123456789abcdef';
const NOW = Date.UTC(2026, 2, 1, 12);
const EXP = NOW + 2 * 3_600_000;

describe('signed acknowledgement links', () => {
  it('round-trips alert, recipient and expiry, whatever characters they hold', () => {
    const token = signAckLink('esc-1:s1:inc <7>', 'гарант@example.org', EXP, SECRET);
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyAckLink(token, SECRET, NOW)).toEqual({
      ok: true,
      alertId: 'esc-1:s1:inc <7>',
      recipient: 'гарант@example.org',
      expiresAtMs: EXP,
    });
  });

  it('puts the token in a link that survives URL parsing', () => {
    const token = signAckLink('a1', 'guarantors', EXP, SECRET);
    const url = ackLinkUrl('https://truceline.example/ack?lang=uk', token);
    expect(new URL(url).searchParams.get('token')).toBe(token);
    expect(new URL(url).searchParams.get('lang')).toBe('uk');
  });

  it.each([
    [
      'another alert id',
      (t: string) => t.replace(/^v1\.[^.]+/, `v1.${Buffer.from('a2').toString('base64url')}`),
    ],
    [
      'another recipient',
      (t: string) =>
        t
          .split('.')
          .map((p, i) => (i === 2 ? Buffer.from('chief_monitor').toString('base64url') : p))
          .join('.'),
    ],
    [
      'a later expiry',
      (t: string) =>
        t
          .split('.')
          .map((p, i) => (i === 3 ? String(EXP + 86_400_000) : p))
          .join('.'),
    ],
    ['a flipped MAC character', (t: string) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A')],
  ])('rejects a token with %s as bad_signature', (_what, tamper) => {
    const token = signAckLink('a1', 'guarantors', EXP, SECRET);
    expect(verifyAckLink(tamper(token), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('accepts only the spelling it issued: the three other last characters that decode alike fail', () => {
    const token = signAckLink('a1', 'guarantors', EXP, SECRET);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(token.slice(-1));
    expect(last % 4).toBe(0);
    for (const low of [1, 2, 3]) {
      const other = token.slice(0, -1) + alphabet[last + low]!;
      expect(Buffer.from(other.split('.')[4]!, 'base64url')).toEqual(
        Buffer.from(token.split('.')[4]!, 'base64url'),
      );
      expect(verifyAckLink(other, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  it('rejects a token signed with another secret', () => {
    expect(
      verifyAckLink(signAckLink('a1', 'g', EXP, 'another-secret-0123456789'), SECRET, NOW),
    ).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('rejects an expired token, at and after the expiry', () => {
    const token = signAckLink('a1', 'g', EXP, SECRET);
    expect(verifyAckLink(token, SECRET, EXP - 1).ok).toBe(true);
    expect(verifyAckLink(token, SECRET, EXP)).toEqual({ ok: false, reason: 'expired' });
  });

  it('reports a forged expired token as a bad signature, not as expired', () => {
    const forged = signAckLink('a1', 'g', NOW - 1, SECRET).slice(0, -2) + 'AA';
    expect(verifyAckLink(forged, SECRET, NOW)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it.each([
    '',
    'v1',
    'v2.YQ.Zw.1.' + 'A'.repeat(43),
    'v1.YQ.Zw.soon.' + 'A'.repeat(43),
    'v1.YQ.Zw.1.short',
    'v1.YQ.Zw.1.' + 'A'.repeat(43) + '.extra',
  ])('rejects the malformed token %j', (token) => {
    expect(verifyAckLink(token, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to sign with a short secret or a non-integer expiry', () => {
    expect(() => signAckLink('a1', 'g', EXP, 'short')).toThrow(/16 characters/);
    expect(() => signAckLink('a1', 'g', 1.5, SECRET)).toThrow(/expiresAtMs/);
  });
});
