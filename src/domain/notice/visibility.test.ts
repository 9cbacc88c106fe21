import { describe, expect, it } from 'vitest';
import { effectiveVisibility, lateNotice, noticeVisibleTo, type Viewer } from './visibility.js';
import { agreement, notice } from './test-support/fixtures.js';

const viewers: Record<string, Viewer> = {
  analyst: { role: 'analyst' },
  'own liaison': { role: 'liaison', party: 'ua' },
  'other liaison': { role: 'liaison', party: 'ru' },
  guarantor: { role: 'guarantor' },
  public: { role: 'public' },
};

describe('noticeVisibleTo', () => {
  // A repair notice: no duty in the fixture agreement, so its own visibility stands.
  it.each([
    { visibility: 'mission', sees: ['analyst', 'own liaison'] },
    { visibility: 'parties', sees: ['analyst', 'own liaison', 'other liaison', 'guarantor'] },
    {
      visibility: 'public',
      sees: ['analyst', 'own liaison', 'other liaison', 'guarantor', 'public'],
    },
  ] as const)('a $visibility repair notice is seen by $sees', ({ visibility, sees }) => {
    const n = notice({ kind: 'infrastructure_repair', visibility });
    expect(Object.keys(viewers).filter((v) => noticeVisibleTo(n, viewers[v]!, agreement))).toEqual(
      sees,
    );
  });

  it('defaults to parties', () => {
    expect(effectiveVisibility(notice({ kind: 'infrastructure_repair' }), agreement)).toBe(
      'parties',
    );
  });

  it('shows a notice the agreement requires to the other party even when filed for the mission only', () => {
    const n = notice({ kind: 'demining', visibility: 'mission' });
    expect(effectiveVisibility(n, agreement)).toBe('parties');
    expect(noticeVisibleTo(n, viewers['other liaison']!, agreement)).toBe(true);
  });

  it('applies a duty with a troop threshold only from that threshold', () => {
    expect(
      effectiveVisibility(
        notice({ kind: 'rotation', visibility: 'mission', troops: 200 }),
        agreement,
      ),
    ).toBe('mission');
    expect(
      effectiveVisibility(
        notice({ kind: 'rotation', visibility: 'mission', troops: 800 }),
        agreement,
      ),
    ).toBe('parties');
    expect(
      effectiveVisibility(notice({ kind: 'rotation', visibility: 'mission' }), agreement),
    ).toBe('parties');
  });
});

describe('lateNotice', () => {
  it.each([
    {
      name: 'a notice filed the lead time ahead is in time',
      filedAt: '2026-03-01T06:00:00Z',
      late: null,
    },
    {
      name: 'one filed 10 h ahead of a 24 h duty is late',
      filedAt: '2026-03-01T20:00:00Z',
      late: 'notice ntc-1 was filed 10 h before its window; duty nd-demining requires 24 h',
    },
  ])('$name', ({ filedAt, late }) => {
    expect(lateNotice(notice({ filedAt }), agreement)?.text ?? null).toBe(late);
  });

  it('says nothing when no duty requires the notice', () => {
    expect(
      lateNotice(
        notice({ kind: 'infrastructure_repair', filedAt: '2026-03-02T05:00:00Z' }),
        agreement,
      ),
    ).toBeNull();
  });
});
