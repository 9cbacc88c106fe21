import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

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
    private readonly maxBytes = 16 * 1024 * 1024,
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

/** The part of a query cache key that names whose view it is: the mission, one party, or the public. */
export function compartmentKey(visibleTo: { readonly mission: boolean; readonly party: string | null }): string {
  return visibleTo.mission ? 'mission' : `party:${visibleTo.party ?? '-'}`;
}

/**
 * The entity tag of a query answer (RFC 9110 §8.8.3): the ledger size it was computed at and a
 * digest of its cache key (compartment and URL). A dashboard polling an unchanged map gets 304
 * Not Modified and no body; callers of different compartments never share a tag, so a client
 * that changes who it is (log in as another user) cannot revalidate the other's answer.
 */
export function answerTag(ledgerSize: number, key: string): string {
  return `"${ledgerSize}-${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;
}

/**
 * Sets the tag and the caching headers on `reply`, and answers 304 when the request's
 * If-None-Match holds the tag (or `*`). Returns true when it answered.
 */
export function answerNotModified(request: FastifyRequest, reply: FastifyReply, tag: string): boolean {
  // Private: answers depend on who asks. no-cache: reuse only after revalidating with the tag.
  reply.header('etag', tag).header('cache-control', 'private, no-cache');
  const vary = reply.getHeader('vary');
  reply.header('vary', vary ? `${String(vary)}, authorization, cookie` : 'authorization, cookie');
  const asked = request.headers['if-none-match'];
  if (!asked) return false;
  const tags = asked.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(tag) && !tags.includes('*')) return false;
  void reply.code(304).send();
  return true;
}
