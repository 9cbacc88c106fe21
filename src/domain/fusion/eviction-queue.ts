/**
 * A binary min-heap of (time, order, item): the incidents in the order they fall out of the
 * recent window. Entries go stale when an incident grows or is merged; the caller checks each
 * popped entry against the incident's current state (lazy deletion).
 */
export interface Due<T> {
  readonly atMs: number;
  readonly order: number;
  readonly item: T;
}

export class EvictionQueue<T> {
  private readonly heap: Due<T>[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(entry: Due<T>): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      swap(h, i, parent);
      i = parent;
    }
  }

  /** The earliest entry due strictly before `cutoffMs`, removed; undefined when none is. */
  popBefore(cutoffMs: number): Due<T> | undefined {
    const h = this.heap;
    const top = h[0];
    if (!top || top.atMs >= cutoffMs) return undefined;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        swap(h, i, m);
        i = m;
      }
    }
    return top;
  }
}

/** Exchanges two entries (a destructuring swap would make an array each time). */
function swap<T>(h: T[], i: number, j: number): void {
  const t = h[i]!;
  h[i] = h[j]!;
  h[j] = t;
}

function before<T>(a: Due<T>, b: Due<T>): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.order < b.order);
}
