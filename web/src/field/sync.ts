/**
 * Moves the outbox to the server: at start, when the network comes back (`online`), when the
 * monitor presses "sync now", and on a timer for reports whose backoff has run out. One pass at
 * a time: the due reports go in one batch (marked `sending`, written first, so a pass cut short
 * by closing the app is resumed at the next start), their answers are written back, then the
 * photos of filed reports are uploaded. The state machine itself is queue.ts.
 */
import { fileObservations, RetryableError, uploadPhoto } from './api.js';
import type { Outbox } from './outbox-db.js';
import {
  answersFor,
  dueReports,
  markFailed,
  markSending,
  photosDue,
  recoverInterrupted,
  requeue,
  setPhoto,
  type QueuedReport,
} from './queue.js';

/** At most this many reports in one request (the server takes 10,000; a tablet sends few). */
const BATCH = 200;
const TICK_MS = 5_000;

export class Syncer {
  private reports: QueuedReport[] = [];
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<(r: readonly QueuedReport[]) => void>();
  private readonly onOnline = () => void this.sync(true);

  /**
   * `onSignedOut`: the server answered 401 (the session ended): the reports stay queued and the
   * page asks the monitor to sign in again.
   */
  constructor(
    private readonly outbox: Outbox,
    private readonly onSignedOut: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  async start(): Promise<void> {
    const stored = await this.outbox.all();
    this.reports = [];
    for (const r of stored) {
      const fixed = recoverInterrupted(r);
      if (fixed !== r) await this.outbox.put(fixed);
      this.reports.push(fixed);
    }
    this.emit();
    window.addEventListener('online', this.onOnline);
    this.timer = setInterval(() => void this.sync(false), TICK_MS);
    void this.sync(true);
  }

  stop(): void {
    window.removeEventListener('online', this.onOnline);
    if (this.timer) clearInterval(this.timer);
  }

  subscribe(fn: (r: readonly QueuedReport[]) => void): () => void {
    this.listeners.add(fn);
    fn(this.reports);
    return () => this.listeners.delete(fn);
  }

  /** Keeps a new report (with its photo Blobs) durably, then tries to send it. */
  async add(report: QueuedReport, photos: ReadonlyMap<string, Blob>): Promise<void> {
    await this.outbox.add(report, photos);
    this.replace(report);
    void this.sync(true);
  }

  /** Sends a filed report again; the server answers `duplicate`. */
  async resend(id: string): Promise<void> {
    const r = this.reports.find((x) => x.id === id);
    if (!r) return;
    await this.save(requeue(r, this.now()));
    void this.sync(true);
  }

  /** Forgets a report the server has answered (its photos too). */
  async forget(id: string): Promise<void> {
    const r = this.reports.find((x) => x.id === id);
    if (!r || r.state === 'queued' || r.state === 'sending') return;
    await this.outbox.remove(r);
    this.reports = this.reports.filter((x) => x.id !== id);
    this.emit();
  }

  /** One pass now; `force` ignores the backoff. A call during a pass runs another after it. */
  sync(force: boolean): Promise<void> {
    if (this.running) {
      if (force) this.again = true;
      return this.running;
    }
    this.running = this.pass(force).finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.sync(true);
      }
    });
    return this.running;
  }

  private async pass(force: boolean): Promise<void> {
    const due = dueReports(this.reports, this.now(), force).slice(0, BATCH);
    if (due.length > 0) {
      const sending = due.map(markSending);
      for (const r of sending) await this.save(r);
      try {
        const answers = await fileObservations(sending.map((r) => r.observation));
        for (const r of answersFor(sending, answers, this.now())) await this.save(r);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        for (const r of sending) await this.save(markFailed(r, this.now(), why));
        if (err instanceof RetryableError && err.status === 401) this.onSignedOut();
        if (err instanceof RetryableError) return;
        throw err;
      }
    }
    for (const r of photosDue(this.reports)) {
      for (const p of r.photos.filter((x) => x.state === 'pending')) {
        const blob = await this.outbox.photo(p.key);
        const current = this.reports.find((x) => x.id === r.id)!;
        if (!blob) {
          await this.save(setPhoto(current, p.key, 'failed', 'photo missing on this device'));
          continue;
        }
        try {
          await uploadPhoto(r.id, p.name, blob);
          await this.save(setPhoto(current, p.key, 'uploaded'));
        } catch (err) {
          if (err instanceof RetryableError && err.status === 401) this.onSignedOut();
          if (err instanceof RetryableError) return;
          const why = err instanceof Error ? err.message : String(err);
          await this.save(setPhoto(current, p.key, 'failed', why));
        }
      }
    }
  }

  private async save(r: QueuedReport): Promise<void> {
    await this.outbox.put(r);
    this.replace(r);
  }

  private replace(r: QueuedReport): void {
    const i = this.reports.findIndex((x) => x.id === r.id);
    this.reports = i < 0 ? [...this.reports, r] : this.reports.with(i, r);
    this.emit();
  }

  private emit(): void {
    for (const fn of this.listeners) fn(this.reports);
  }
}
