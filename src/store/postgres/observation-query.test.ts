import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, observationPageSql } from './observation-query.js';

describe('observationPageSql', () => {
  it('passes every value as a parameter, never in the SQL text', () => {
    const party = "A' OR 1=1 --";
    const q = observationPageSql({
      bbox: [37.9, 47.9, 38.0, 48.3],
      from: '2026-03-01T18:44:00Z',
      to: '2026-03-01T18:50:00Z',
      events: ['explosion'],
      weapons: ['mortar', 'artillery'],
      sourceKinds: ['monitor'],
      visibleTo: { party, mission: false },
      cursor: encodeCursor(42),
      limit: 7,
    });
    expect(q.text).not.toContain(party);
    expect(q.text).not.toContain('37.9');
    expect(q.values).toEqual([37.9, 47.9, 38.0, 48.3, Date.parse('2026-03-01T18:44:00Z'), Date.parse('2026-03-01T18:50:00Z'), ['explosion'], ['mortar', 'artillery'], ['monitor'], party, 42, 8]);
    expect(q.text).toMatch(/ORDER BY o\.rid LIMIT \$12::bigint$/);
  });

  it('filters nothing for empty lists and mission-wide visibility', () => {
    const q = observationPageSql({ events: [], visibleTo: { party: null, mission: true }, limit: 10 });
    expect(q.text).not.toContain('WHERE');
    expect(q.values).toEqual([11]);
  });

  it('shows only public rows to the public', () => {
    expect(observationPageSql({ visibleTo: { party: null, mission: false }, limit: 1 }).text).toContain("WHERE o.visibility = 'public'");
  });

  it('rejects a cursor it did not issue and a time that is not an instant', () => {
    expect(decodeCursor(encodeCursor(123))).toBe(123);
    expect(() => observationPageSql({ cursor: 'bm9wZQ', limit: 1 })).toThrow(/is not one this server issued/);
    expect(() => observationPageSql({ from: 'yesterday', limit: 1 })).toThrow(/from 'yesterday' is not an ISO 8601 instant/);
  });
});
