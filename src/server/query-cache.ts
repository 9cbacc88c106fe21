/**
 * A cache of query answers, valid for one ledger size. State changes only through ledger events,
 * so an answer computed at tree size n is exactly right while the size is still n; the first
 * append makes every entry stale. Many dashboards looking at the same map view then cost one
 * query per change instead of one per refresh.
 *
 * Keys must include everything the answer depends on: the URL (path and query string) and the
 * caller's visibility (mission, party, public) — never the caller's identity beyond that, so
 * callers of the same compartment share entries and callers of different ones never do.
 * Bounded by entry count and total bytes; least recently used entries go first.
 */
export class QueryCache {
  private readonly entries = new Map<string, { size: number; body: string }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 512,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get(key: string, ledgerSize: number): string | null {
    const e = this.entries.get(key);
    if (!e) return null;
    this.entries.delete(key);
    if (e.size !== ledgerSize) {
      this.bytes -= e.body.length;
      return null;
    }
    this.entries.set(key, e);
    return e.body;
  }

  set(key: string, ledgerSize: number, body: string): void {
    if (body.length > this.maxBytes / 8) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, { size: ledgerSize, body });
    this.bytes += body.length;
    for (const [k, v] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }
}
