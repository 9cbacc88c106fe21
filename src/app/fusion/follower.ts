/**
 * Fusion as a duty of one process among many. Any number of processes store observations (HTTP
 * servers, NATS ingest workers); the one holding the fusion duty (Store.tryDuty) fuses every
 * stored observation exactly once, in commit order, by following the observations table by row
 * id. Its own stored batches are fused at once (`catchUp`, awaited by the intake hook, so an
 * answer to a filing comes after its fusion); other processes' are picked up by polling.
 *
 * Start and take-over: the fuser recovers (IncidentFuser.recover) from the store up to the last
 * row committed when it starts (observations stored but never fused are fused then) and follows
 * from that row on. The engine keeps only the recent window, so memory is bounded as before.
 * While it holds the duty, the fuser also settles party claims on the wall clock every minute
 * (IncidentFuser.settleEvery), so a claim filed in a quiet hour does not wait for the next report.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import type { Store } from '../../store/port.js';
import type { Duty } from '../duties.js';
import type { FuseHook } from './file-and-fuse.js';
import { IncidentFuser, type IncidentFuserOptions } from './fuser.js';

const PAGE = 1000;

/**
 * The fusion duty of a process (run it with holdDuties): while this process holds it, a
 * FusionFollower fuses everything stored; `hook` is the intake's hook, which fuses at once what
 * this process just stored when it holds the duty and does nothing when another process does.
 */
export function fusionDuty(mission: { store: Store; agreement: Agreement }, options: FusionFollowerOptions = {}): Duty & { readonly hook: FuseHook; follower(): FusionFollower | null } {
  let follower: FusionFollower | null = null;
  return {
    name: 'fusion',
    follower: () => follower,
    hook: { afterStored: async () => follower?.catchUp() },
    async start() {
      const started = await FusionFollower.start(mission, options);
      follower = started;
      return {
        stop: async () => {
          follower = null;
          await started.stop();
        },
      };
    },
  };
}

export interface FusionFollowerOptions extends IncidentFuserOptions {
  /** How often to look for rows other processes stored (default 500 ms; 0: only on catchUp). */
  readonly pollMs?: number;
  readonly nowMs?: () => number;
}

export class FusionFollower {
  private cursor: number;
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  private constructor(
    private readonly store: Store & Required<Pick<Store, 'observationsAfter' | 'lastObservationRid'>>,
    readonly fuser: IncidentFuser,
    throughRid: number,
    private readonly now: () => number,
  ) {
    this.cursor = throughRid;
  }

  static async start(mission: { store: Store; agreement: Agreement }, options: FusionFollowerOptions = {}): Promise<FusionFollower> {
    const { store } = mission;
    if (!store.observationsAfter || !store.lastObservationRid) throw new Error(`the ${store.kind} store cannot be followed (no observationsAfter)`);
    const now = options.nowMs ?? Date.now;
    const fuser = new IncidentFuser(store, mission.agreement, options);
    const through = await store.lastObservationRid();
    const r = await fuser.recover(now(), through);
    if (r.recovered > 0) options.log?.(`fused ${r.recovered} stored observation(s) left unfused before this start (${r.events} incident event(s))`);
    const follower = new FusionFollower(store as FusionFollower['store'], fuser, through, now);
    fuser.settleEvery(options.claimSettleEveryMs, now);
    const pollMs = options.pollMs ?? 500;
    if (pollMs > 0) {
      follower.timer = setInterval(() => void follower.catchUp(), pollMs);
      follower.timer.unref();
    }
    return follower;
  }

  /** Fuses every row committed so far and not yet fused; resolves when done. Never rejects. */
  catchUp(): Promise<void> {
    const run = this.running.then(() => this.drain());
    this.running = run.catch(() => undefined);
    return this.running;
  }

  private async drain(): Promise<void> {
    while (!this.stopped) {
      const rows = await this.store.observationsAfter(this.cursor, PAGE);
      if (rows.length === 0) return;
      // Fused as of the latest receipt in the batch (never later than now): the intake time.
      const received = Math.max(...rows.map((r) => Date.parse(r.receivedAt)));
      await this.fuser.afterStored(
        rows.map((r) => r.observation),
        Math.min(this.now(), Number.isFinite(received) ? received : this.now()),
      );
      this.cursor = rows[rows.length - 1]!.rid ?? this.cursor;
      if (rows.length < PAGE) return;
    }
  }

  /** Stops polling and settling, and waits for the fusion in hand. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.fuser.close();
  }
}
