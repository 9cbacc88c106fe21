import { Gauge, type Registry } from 'prom-client';

/** What the scrape-time gauges read; a `Store` (src/store/port.ts) has all of it. */
export interface GaugeSource {
  readonly ledger: { size(): number | Promise<number> };
  listAlerts?(): Promise<unknown[]>;
  listAlertDeliveries?(): Promise<unknown[]>;
}

/** One reading of the store, taken once per scrape. */
export interface StoreReading {
  readonly ledgerSize: number;
  /** Alerts raised, delivered or overdue (not yet acknowledged) by kind; `escalation` and `early_warning` always present. */
  readonly alertsOpen: ReadonlyMap<string, number>;
  /** Deliveries by status: `retrying` (pending) and `parked` (given up), both always present. */
  readonly deliveries: ReadonlyMap<string, number>;
}

const UNACKNOWLEDGED = new Set(['raised', 'delivered', 'overdue']);

interface AlertLike {
  record?: { kind?: string; alert?: { state?: string } };
}

/** Unacknowledged alerts by kind; an alert without a kind counts as `unknown`. */
export function countUnacknowledged(alerts: readonly unknown[]): Map<string, number> {
  const open = new Map<string, number>([
    ['escalation', 0],
    ['early_warning', 0],
  ]);
  for (const a of alerts as AlertLike[]) {
    if (!UNACKNOWLEDGED.has(a?.record?.alert?.state ?? '')) continue;
    const kind = a.record!.kind ?? 'unknown';
    open.set(kind, (open.get(kind) ?? 0) + 1);
  }
  return open;
}

/** Deliveries retrying or parked; other statuses (delivered) are not a backlog. */
export function countDeliveryBacklog(deliveries: readonly unknown[]): Map<string, number> {
  const byStatus = new Map<string, number>([
    ['retrying', 0],
    ['parked', 0],
  ]);
  for (const d of deliveries as { status?: string }[]) {
    const status = d?.status;
    if (status && byStatus.has(status)) byStatus.set(status, byStatus.get(status)! + 1);
  }
  return byStatus;
}

export async function readStore(source: GaugeSource): Promise<StoreReading> {
  const ledgerSize = await source.ledger.size();
  const alertsOpen = countUnacknowledged((await source.listAlerts?.()) ?? []);
  const deliveries = countDeliveryBacklog((await source.listAlertDeliveries?.()) ?? []);
  return { ledgerSize, alertsOpen, deliveries };
}

/**
 * One read shared by every `collect()` of a scrape. prom-client's `Registry.metrics()` gets all
 * metrics at once (Promise.all), so every collect starts in the same tick: the first starts the
 * read, the others join it, and once it settles the next scrape starts a new one. A failed read
 * is handed to `onError` and resolves to null, so the store never fails a scrape; the gauges then
 * keep their last values.
 */
export class ScrapeRead<T> {
  private pending: Promise<T | null> | null = null;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly onError: (err: unknown) => void,
  ) {}

  current(): Promise<T | null> {
    if (this.pending) return this.pending;
    const settled = this.read().then(
      (value) => value,
      (err: unknown) => {
        this.onError(err);
        return null;
      },
    );
    this.pending = settled;
    void settled.finally(() => {
      if (this.pending === settled) this.pending = null;
    });
    return settled;
  }
}

/**
 * The gauges read from the store at scrape time: `truceline_ledger_size`,
 * `truceline_alerts_unacknowledged{kind}` and `truceline_alert_deliveries{status}`.
 * The ledger size has no sample until the first successful read (never a false 0).
 */
export function registerStoreGauges(registry: Registry, reading: ScrapeRead<StoreReading>): void {
  const ledgerSize = new Gauge({
    name: 'truceline_ledger_size',
    help: 'Entries in the ledger (the Merkle log).',
    registers: [registry],
    async collect() {
      const r = await reading.current();
      if (r) this.set(r.ledgerSize);
    },
  });
  ledgerSize.remove();
  new Gauge({
    name: 'truceline_alerts_unacknowledged',
    help: 'Alerts raised or delivered and not yet acknowledged, by kind.',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const r = await reading.current();
      if (!r) return;
      this.reset();
      for (const [kind, n] of r.alertsOpen) this.set({ kind }, n);
    },
  });
  new Gauge({
    name: 'truceline_alert_deliveries',
    help: 'Alert deliveries by state: retrying (pending) or parked (given up).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const r = await reading.current();
      if (!r) return;
      this.reset();
      for (const [status, n] of r.deliveries) this.set({ status }, n);
    },
  });
}
