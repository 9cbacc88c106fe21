import { describe, expect, it } from 'vitest';
import { TimeHeap } from './heap.js';
import { SimRandom } from './random.js';

describe('TimeHeap', () => {
  it('pops in key order, equal keys in insertion order', () => {
    const heap = new TimeHeap<string>();
    const r = new SimRandom(3);
    const pushed: [number, string][] = [];
    for (let i = 0; i < 500; i++) {
      const key = r.int(0, 50);
      pushed.push([key, `item-${i}`]);
      heap.push(key, `item-${i}`);
    }
    const expected = [...pushed].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    const popped: string[] = [];
    while (heap.size > 0) popped.push(heap.pop()!);
    expect(popped).toEqual(expected);
  });

  it('reports Infinity as the earliest key when empty', () => {
    expect(new TimeHeap().peekKey()).toBe(Infinity);
    expect(new TimeHeap().pop()).toBeUndefined();
  });
});
