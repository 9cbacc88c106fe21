import { describe, expect, it } from 'vitest';
import type { ObservationColumnsRow } from '../store/port.js';
import { defaultCell, ObservationColumns, type GridQuery } from './observation-grid.js';

function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const EVENTS = ['explosion', 'aircraft', 'small_arms_burst'];
const VIS = ['public', 'mission', 'party-confidential'];
const PARTIES = [null, 'ua', 'ru'];

function rows(n: number, seed: number): ObservationColumnsRow[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i): ObservationColumnsRow => {
    const t = 1_700_000_000_000 + Math.floor(r() * 30 * 86_400_000);
    return [
      i + 1,
      35 + r() * 4,
      47 + r() * 3,
      t,
      t + Math.floor(r() * 3_600_000),
      pick(EVENTS),
      pick(['artillery', 'mortar']),
      pick(['monitor', 'sensor', 'party']),
      pick(VIS),
      pick(PARTIES),
    ];
  });
}

/** The grid by the definition: every row tested on its own, cells keyed "gx:gy". */
function bruteForce(all: readonly ObservationColumnsRow[], q: GridQuery): Record<string, number> {
  const out: Record<string, number> = {};
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  for (const [, lon, lat, tf, tt, event, weapon, source, vis, party] of all) {
    if (lon < q.bbox[0] || lon > q.bbox[2] || lat < q.bbox[1] || lat > q.bbox[3]) continue;
    if (tt < from || tf > to) continue;
    if (
      !q.visibleTo.mission &&
      vis !== 'public' &&
      (q.visibleTo.party === null || party !== q.visibleTo.party)
    )
      continue;
    if (q.events?.length && !q.events.includes(event)) continue;
    if (q.weapons?.length && !q.weapons.includes(weapon)) continue;
    if (q.sourceKinds?.length && !q.sourceKinds.includes(source)) continue;
    const gx = Math.min(Math.floor((lon + 180) / q.cell), Math.floor((q.bbox[2] + 180) / q.cell));
    const gy = Math.min(Math.floor((lat + 90) / q.cell), Math.floor((q.bbox[3] + 90) / q.cell));
    out[`${gx}:${gy}`] = (out[`${gx}:${gy}`] ?? 0) + 1;
  }
  return out;
}

const source =
  (all: readonly ObservationColumnsRow[], visible: () => number) =>
  async (after: number, limit: number) =>
    all
      .slice(0, visible())
      .filter((row) => row[0] > after)
      .slice(0, limit);

describe('ObservationColumns.grid', () => {
  const all = rows(20_000, 7);
  const queries: GridQuery[] = [
    { bbox: [35, 47, 39, 50], cell: 0.5, visibleTo: { mission: true, party: null } },
    { bbox: [35.3, 47.2, 37.9, 49.1], cell: 0.25, visibleTo: { mission: false, party: 'ua' } },
    {
      bbox: [36, 48, 38, 49],
      cell: 0.125,
      visibleTo: { mission: false, party: null },
      events: ['aircraft', 'explosion'],
    },
    {
      bbox: [35, 47, 39, 50],
      cell: 1,
      visibleTo: { mission: false, party: 'ru' },
      weapons: ['mortar'],
      sourceKinds: ['party'],
    },
    {
      bbox: [35, 47, 39, 50],
      cell: 0.5,
      visibleTo: { mission: true, party: null },
      from: new Date(1_700_000_000_000 + 5 * 86_400_000).toISOString(),
      to: new Date(1_700_000_000_000 + 9 * 86_400_000).toISOString(),
    },
    { bbox: [35, 47, 39, 50], cell: 0.5, visibleTo: { mission: false, party: 'nobody' } },
  ];

  it('counts what a row-by-row reading of the definition counts, for every compartment and filter', async () => {
    const columns = new ObservationColumns(source(all, () => all.length));
    await columns.sync(1);
    expect(columns.size).toBe(all.length);
    for (const q of queries) {
      const cells = columns.grid(q);
      expect(Object.fromEntries(cells.map((c) => [`${c.gx}:${c.gy}`, c.count]))).toEqual(
        bruteForce(all, q),
      );
      for (const c of cells)
        expect(Object.values(c.events).reduce((a, b) => a + b, 0)).toBe(c.count);
    }
  });

  it('follows rows added later, loading only the new ones', async () => {
    let visible = 5_000;
    let reads = 0;
    const read = source(all, () => visible);
    const columns = new ObservationColumns(async (after, limit) => {
      reads++;
      return read(after, limit);
    });
    await columns.sync(1);
    expect(columns.size).toBe(5_000);
    await columns.sync(1);
    const readsBefore = reads;
    await columns.sync(1);
    expect(reads).toBe(readsBefore);
    visible = all.length;
    await columns.sync(2);
    expect(columns.size).toBe(all.length);
    expect(
      Object.fromEntries(columns.grid(queries[0]!).map((c) => [`${c.gx}:${c.gy}`, c.count])),
    ).toEqual(bruteForce(all, queries[0]!));
  });

  it('picks a power-of-two cell giving at most 64 columns', () => {
    expect(defaultCell([26, 44, 45, 52])).toBe(0.5);
    expect(defaultCell([37, 48, 37.5, 48.2])).toBe(1 / 128);
    expect(defaultCell([-180, -90, 180, 90])).toBe(8);
  });
});
