/**
 * Duties that exactly one process of a mission performs however many run (fusion, the alert
 * scheduler, reply deadlines): each is taken through the store (Store.tryDuty: a PostgreSQL
 * advisory lock on a session of its own; on SQLite a lease row naming the live holding process),
 * started while held, stopped when the lease is lost, and tried again every `retryMs` by the
 * processes that do not hold it, so another takes over within seconds when the holder dies.
 */
import type { DutyLease, Store } from '../store/port.js';

export interface Duty {
  readonly name: string;
  /** Starts doing the duty; the answer stops it. */
  start(): Promise<{ stop(): Promise<void> }>;
}

export interface HeldDuties {
  /** Whether this process holds the duty now. */
  holds(name: string): boolean;
  /** Resolves once the first attempt at every duty has finished (held or not). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/** Asks the store for a duty: a lease, or null while another process holds it. A store without duties (one process) grants it. */
export async function tryDuty(store: Store, name: string): Promise<DutyLease | null> {
  return store.tryDuty ? store.tryDuty(name) : { lost: new Promise<void>(() => undefined), release: async () => undefined };
}

export function holdDuties(store: Store, duties: readonly Duty[], opts: { retryMs?: number; log?: (line: string) => void } = {}): HeldDuties {
  const retryMs = opts.retryMs ?? 5000;
  const log = opts.log ?? (() => undefined);
  const held = new Set<string>();
  let stopping = false;
  let wake: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (wake = r));
  const sleep = (ms: number) => Promise.race([new Promise<void>((r) => setTimeout(r, ms).unref()), stopped]);
  const firstTries: Promise<void>[] = [];

  const loops = duties.map((duty) => {
    let tried!: () => void;
    firstTries.push(new Promise<void>((r) => (tried = r)));
    return (async () => {
      while (!stopping) {
        let lease: DutyLease | null = null;
        try {
          lease = await tryDuty(store, duty.name);
        } catch (err) {
          log(`${duty.name}: could not ask for the duty: ${(err as Error).message}`);
        }
        if (!lease) {
          tried();
          await sleep(retryMs);
          continue;
        }
        let running: { stop(): Promise<void> } | null = null;
        try {
          running = await duty.start();
          held.add(duty.name);
          log(`${duty.name}: this process holds the duty`);
        } catch (err) {
          log(`${duty.name}: could not start: ${(err as Error).message}`);
        }
        tried();
        if (running) await Promise.race([lease.lost, stopped]);
        held.delete(duty.name);
        if (running) {
          if (!stopping) log(`${duty.name}: the duty was lost (its database connection broke, or another process took it); stopping it and trying again`);
          await running.stop().catch((err: unknown) => log(`${duty.name}: stopping: ${(err as Error).message}`));
        }
        await lease.release();
        if (!running && !stopping) await sleep(retryMs);
      }
    })();
  });

  return {
    holds: (name) => held.has(name),
    ready: Promise.all(firstTries).then(() => undefined),
    async stop() {
      stopping = true;
      wake();
      await Promise.all(loops);
    },
  };
}
