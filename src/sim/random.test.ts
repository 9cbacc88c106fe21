import { describe, expect, it } from 'vitest';
import { SimRandom } from './random.js';

const draw = (r: SimRandom, n = 5) => Array.from({ length: n }, () => r.float());

describe('SimRandom', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    expect(draw(new SimRandom(42))).toEqual(draw(new SimRandom(42)));
    expect(draw(new SimRandom(42))).not.toEqual(draw(new SimRandom(43)));
  });

  it('gives forks streams that do not shift when the parent is drawn from', () => {
    const a = new SimRandom(7);
    const b = new SimRandom(7);
    const forkA = a.fork();
    draw(a, 100);
    const forkB = b.fork();
    expect(draw(forkA)).toEqual(draw(forkB));
    expect(draw(a.fork())).not.toEqual(draw(new SimRandom(7).fork()));
  });

  it('keeps draws in range', () => {
    const r = new SimRandom(1);
    for (let i = 0; i < 10_000; i++) {
      const f = r.float();
      expect(f >= 0 && f < 1).toBe(true);
      const k = r.int(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
      expect(r.geometric(4)).toBeGreaterThanOrEqual(1);
    }
  });

  it.each([
    ['poisson(0.5)', (r: SimRandom) => r.poisson(0.5), 0.5],
    ['poisson(12)', (r: SimRandom) => r.poisson(12), 12],
    ['poisson(80)', (r: SimRandom) => r.poisson(80), 80],
    ['geometric(6)', (r: SimRandom) => r.geometric(6), 6],
    ['normal(3, 2)', (r: SimRandom) => r.normal(3, 2), 3],
  ] as const)('draws %s with about the right mean', (_, f, mean) => {
    const r = new SimRandom(99);
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += f(r);
    expect(sum / n).toBeCloseTo(mean, mean < 1 ? 1 : 0);
  });

  it('picks by weight', () => {
    const r = new SimRandom(5);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        r.weighted([
          ['a', 1],
          ['b', 3],
        ] as const) === 'b'
      )
        heavy++;
    expect(heavy / 10_000).toBeCloseTo(0.75, 1);
  });
});
