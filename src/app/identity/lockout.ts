/**
 * Login lockout with exponential backoff, per account name and per client address. After
 * `freeFailures` failures in a row, each further failure locks the key for
 * base·2^(failures − freeFailures) ms, capped at `maxLockMs`; a success clears the key.
 *
 * Operational state, not mission state: it lives in memory, is lost on restart, and is never a
 * ledger event (the login attempts themselves are: auth.login, auth.login_failed). Bounded: when
 * more than `maxKeys` keys are tracked the oldest are forgotten, so a flood of random user names
 * cannot exhaust memory.
 */
export interface LockoutOptions {
  readonly freeFailures?: number;
  readonly baseLockMs?: number;
  readonly maxLockMs?: number;
  readonly maxKeys?: number;
}

interface Entry {
  failures: number;
  lockedUntilMs: number;
}

export class LoginLockout {
  private readonly entries = new Map<string, Entry>();
  private readonly free: number;
  private readonly base: number;
  private readonly max: number;
  private readonly maxKeys: number;

  constructor(o: LockoutOptions = {}) {
    this.free = o.freeFailures ?? 5;
    this.base = o.baseLockMs ?? 1000;
    this.max = o.maxLockMs ?? 15 * 60 * 1000;
    this.maxKeys = o.maxKeys ?? 100_000;
  }

  /** Milliseconds until any of `keys` may try again; 0 when none is locked. */
  retryAfterMs(keys: readonly string[], nowMs: number): number {
    let wait = 0;
    for (const k of keys) wait = Math.max(wait, (this.entries.get(k)?.lockedUntilMs ?? 0) - nowMs);
    return Math.max(0, wait);
  }

  recordFailure(keys: readonly string[], nowMs: number): void {
    for (const k of keys) {
      const e = this.entries.get(k) ?? { failures: 0, lockedUntilMs: 0 };
      this.entries.delete(k);
      e.failures++;
      if (e.failures >= this.free) {
        e.lockedUntilMs = nowMs + Math.min(this.max, this.base * 2 ** Math.min(30, e.failures - this.free));
      }
      this.entries.set(k, e);
    }
    while (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }

  recordSuccess(keys: readonly string[]): void {
    for (const k of keys) this.entries.delete(k);
  }
}
