/**
 * The alert scheduler: on a timer (and soon after fusion or verification changed something), it
 * raises due alerts (early warning and thresholds), escalates overdue ones, and runs the due
 * deliveries with their backoff. Runs never overlap; `stop()` waits for the one in progress.
 * The clock and timers are injectable, so tests drive escalation deadlines without waiting.
 * It keeps the incidents its runs read (span.ts FollowedSpan): loaded at the first run, then
 * only the incidents changed since the previous run are read again.
 */
import type { KeyObject } from 'node:crypto';
import { createMailer, type Mailer } from '../../alerts/email.js';
import type { Agreement } from '../../domain/agreement/index.js';
import type { Store } from '../../store/port.js';
import {
  ackLinkSecret,
  earlyWarningOptions,
  smtpSettingsFromUrl,
  type AlertsConfig,
} from './config.js';
import { runDeliveries, type DeliveryRun } from './deliver.js';
import { escalateDueAlerts, type EscalationRun } from './escalate.js';
import { raiseDueAlerts, type RaiseResult } from './raise.js';
import { FollowedSpan, fullSpanRead, type SpanRead } from './span.js';

export interface SchedulerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export interface AlertSchedulerDeps {
  readonly mission: {
    readonly store: Store;
    readonly agreement: Agreement;
    readonly signingKey: KeyObject;
  };
  readonly config: AlertsConfig;
  readonly clock?: SchedulerClock;
  /** Default: a nodemailer transport for config.smtpUrl, or none. */
  readonly mailer?: Mailer | null;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
  readonly log?: (line: string) => void;
}

export interface TickResult {
  readonly raised: RaiseResult;
  readonly escalation: EscalationRun;
  readonly deliveries: DeliveryRun;
}

/** Delay after a poke before the run, so a burst of batches is evaluated once. */
const POKE_DELAY_MS = 2_000;

export class AlertScheduler {
  private readonly clock: SchedulerClock;
  private readonly mailer: Mailer | null;
  private readonly ownsMailer: boolean;
  private readonly log: (line: string) => void;
  private readonly ackSecret: string;
  private timer: unknown = null;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  /** The incidents the runs read: followed where the store names its changed incidents. */
  private readonly span: SpanRead;

  constructor(private readonly deps: AlertSchedulerDeps) {
    this.span = FollowedSpan.of(deps.mission.store) ?? fullSpanRead(deps.mission.store);
    this.clock = deps.clock ?? SYSTEM_CLOCK;
    this.ownsMailer = deps.mailer === undefined && !!deps.config.smtpUrl;
    this.mailer =
      deps.mailer !== undefined
        ? deps.mailer
        : deps.config.smtpUrl
          ? createMailer(smtpSettingsFromUrl(deps.config.smtpUrl), deps.config.sender)
          : null;
    this.log = deps.log ?? ((line) => process.stderr.write(`truceline: alerts: ${line}\n`));
    this.ackSecret = ackLinkSecret(deps.mission.signingKey);
  }

  /** Starts the timer (first run after one interval, or a poke). */
  start(): this {
    this.stopped = false;
    this.schedule(this.deps.config.intervalSeconds * 1000);
    return this;
  }

  /** Asks for a run soon (fusion stored incidents, a step of verification). */
  poke(): void {
    if (!this.stopped) this.schedule(POKE_DELAY_MS);
  }

  /** One run now: raise, escalate, deliver. Runs queue; they never overlap. */
  tick(): Promise<TickResult> {
    const run = this.running.then(() => this.runOnce());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Stops the timer and waits for a run in progress; closes the mailer it made. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    if (this.ownsMailer) this.mailer?.close();
  }

  private schedule(ms: number): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.tick()
        .catch((err: unknown) => this.log(`run failed: ${(err as Error).message ?? String(err)}`))
        .finally(() => {
          if (!this.stopped && this.timer === null)
            this.schedule(this.deps.config.intervalSeconds * 1000);
        });
    }, ms);
  }

  private async runOnce(): Promise<TickResult> {
    const { store, agreement } = this.deps.mission;
    const { config } = this.deps;
    const nowMs = this.clock.now();
    const raised = await raiseDueAlerts(
      store,
      agreement,
      nowMs,
      {
        earlyWarning: earlyWarningOptions(config.earlyWarning),
        earlyWarningRecipients: config.earlyWarning.recipients,
        consultationHours: config.consultationHours,
      },
      this.span,
    );
    const escalation = await escalateDueAlerts(store, agreement, nowMs, {
      consultationHours: config.consultationHours,
    });
    const deliveries = await runDeliveries(
      {
        store,
        agreement,
        config,
        ackSecret: this.ackSecret,
        mailer: this.mailer,
        ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
        ...(this.deps.random ? { random: this.deps.random } : {}),
      },
      nowMs,
    );
    const n = raised.warnings.length + raised.alerts.length + escalation.raised.length;
    if (n > 0 || deliveries.parked > 0)
      this.log(
        `${raised.warnings.length} early warnings, ${raised.alerts.length} alerts, ${escalation.raised.length} escalations raised; ${deliveries.delivered}/${deliveries.attempted} deliveries ok, ${deliveries.parked} parked`,
      );
    return { raised, escalation, deliveries };
  }
}
