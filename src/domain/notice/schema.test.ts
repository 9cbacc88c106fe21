import { describe, expect, it } from 'vitest';
import { TrucelineError } from '../errors.js';
import { parseNotice } from './schema.js';
import { square } from './test-support/fixtures.js';

const valid = {
  id: 'ntc-1',
  party: 'ua',
  kind: 'demining',
  purpose: 'clear the verge',
  area: square(37.7, 48.4),
  window: { from: '2026-03-02T06:00:00Z', to: '2026-03-02T16:00:00Z' },
  filedAt: '2026-02-27T10:00:00Z',
};

function issuesOf(json: unknown) {
  try {
    parseNotice(json);
  } catch (e) {
    if (e instanceof TrucelineError && e.code === 'VALIDATION') return e.issues;
    throw e;
  }
  throw new Error('expected VALIDATION');
}

describe('parseNotice', () => {
  it('reads a valid notice', () => {
    expect(parseNotice(valid)).toEqual(valid);
  });

  it.each([
    {
      name: 'names an unknown kind',
      input: { ...valid, kind: 'patrol' },
      path: 'kind',
      reason: /must be one of "rotation"/,
    },
    {
      name: 'names a window that ends before it starts',
      input: { ...valid, window: { from: valid.window.to, to: valid.window.from } },
      path: 'window.to',
      reason: /is not after from/,
    },
    {
      name: 'names an instant without a timezone',
      input: { ...valid, window: { ...valid.window, from: '2026-03-02T06:00:00' } },
      path: 'window.from',
      reason: /has no timezone/,
    },
    {
      name: 'names a ring that is not closed',
      input: {
        ...valid,
        area: [
          [
            [37.7, 48.4],
            [37.8, 48.4],
            [37.8, 48.5],
            [37.7, 48.5],
          ],
        ],
      },
      path: 'area[0]',
      reason: /not closed/,
    },
    {
      name: 'names a notice filed after its window',
      input: { ...valid, filedAt: '2026-03-02T17:00:00Z' },
      path: 'filedAt',
      reason: /does not excuse after the fact/,
    },
    {
      name: 'names an empty purpose',
      input: { ...valid, purpose: ' ' },
      path: 'purpose',
      reason: /must not be empty/,
    },
  ])('$name', ({ input, path, reason }) => {
    expect(issuesOf(input)).toContainEqual({ path, reason: expect.stringMatching(reason) });
  });
});
