import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { countDeliveryBacklog, countUnacknowledged, type GaugeSource, readStore, registerStoreGauges, ScrapeRead, type StoreReading } from './store-gauges.js';

const alert = (kind: string | undefined, state: string) => ({ record: { kind, alert: { state } } });

/** A sample's value from an exposition, or null when the series is absent. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : null;
}

/** A gauge source whose answers the test sets, counting how often the ledger is read. */
function source(initial: { size: number; alerts?: unknown[]; deliveries?: unknown[] }) {
  const state = { ...initial, reads: 0, fail: null as Error | null };
  const src: GaugeSource = {
    ledger: {
      size: async () => {
        state.reads++;
        if (state.fail) throw state.fail;
        return state.size;
      },
    },
    listAlerts: async () => state.alerts ?? [],
    listAlertDeliveries: async () => state.deliveries ?? [],
  };
  return { state, src };
}

function scrapeSetup(src: GaugeSource) {
  const registry = new Registry();
  const errors: unknown[] = [];
  registerStoreGauges(registry, new ScrapeRead<StoreReading>(() => readStore(src), (err) => errors.push(err)));
  return { registry, errors };
}

describe('alert backlog counts', () => {
  it.each([
    ['no alerts: both kinds at zero', [], { escalation: 0, early_warning: 0 }],
    ['raised, delivered and overdue count; acknowledged and resolved do not', [alert('escalation', 'raised'), alert('escalation', 'delivered'), alert('early_warning', 'overdue'), alert('escalation', 'acknowledged'), alert('early_warning', 'resolved')], { escalation: 2, early_warning: 1 }],
    ['an alert without a kind counts as unknown', [alert(undefined, 'raised')], { escalation: 0, early_warning: 0, unknown: 1 }],
    ['records without an alert state are skipped', [{}, { record: {} }, null], { escalation: 0, early_warning: 0 }],
  ])('%s', (_what, alerts, expected) => {
    expect(Object.fromEntries(countUnacknowledged(alerts))).toEqual(expected);
  });

  it('counts deliveries retrying or parked and ignores delivered ones', () => {
    const deliveries = [{ status: 'retrying' }, { status: 'parked' }, { status: 'parked' }, { status: 'delivered' }, {}];
    expect(Object.fromEntries(countDeliveryBacklog(deliveries))).toEqual({ retrying: 1, parked: 2 });
    expect(Object.fromEntries(countDeliveryBacklog([]))).toEqual({ retrying: 0, parked: 0 });
  });
});

describe('store gauges read at scrape time', () => {
  it('reads the store once per scrape, however many gauges use the reading', async () => {
    const { state, src } = source({ size: 7, alerts: [alert('escalation', 'raised')], deliveries: [{ status: 'parked' }] });
    const { registry } = scrapeSetup(src);
    const text = await registry.metrics();
    expect(state.reads).toBe(1);
    expect(sample(text, 'truceline_ledger_size')).toBe(7);
    expect(sample(text, 'truceline_alerts_unacknowledged{kind="escalation"}')).toBe(1);
    expect(sample(text, 'truceline_alerts_unacknowledged{kind="early_warning"}')).toBe(0);
    expect(sample(text, 'truceline_alert_deliveries{status="parked"}')).toBe(1);
    expect(sample(text, 'truceline_alert_deliveries{status="retrying"}')).toBe(0);
    state.size = 9;
    expect(sample(await registry.metrics(), 'truceline_ledger_size')).toBe(9);
    expect(state.reads).toBe(2);
  });

  it('two scrapes at once share one read', async () => {
    const { state, src } = source({ size: 3 });
    const { registry } = scrapeSetup(src);
    const [a, b] = await Promise.all([registry.metrics(), registry.metrics()]);
    expect(state.reads).toBe(1);
    expect(sample(a, 'truceline_ledger_size')).toBe(3);
    expect(sample(b, 'truceline_ledger_size')).toBe(3);
  });

  it('a failed read reaches onError once, does not fail the scrape, and leaves the last values', async () => {
    const { state, src } = source({ size: 5, alerts: [alert('early_warning', 'raised')] });
    const { registry, errors } = scrapeSetup(src);
    await registry.metrics();
    state.fail = Object.assign(new Error('terminating connection'), { code: '57P01' });
    state.size = 6;
    const text = await registry.metrics();
    expect(errors).toEqual([state.fail]);
    expect(sample(text, 'truceline_ledger_size')).toBe(5);
    expect(sample(text, 'truceline_alerts_unacknowledged{kind="early_warning"}')).toBe(1);
  });

  it('writes no ledger size before the first successful read, rather than a false 0', async () => {
    const { state, src } = source({ size: 4 });
    state.fail = new Error('database is closed');
    const { registry, errors } = scrapeSetup(src);
    const text = await registry.metrics();
    expect(errors).toHaveLength(1);
    expect(text).toContain('# TYPE truceline_ledger_size gauge');
    expect(sample(text, 'truceline_ledger_size')).toBeNull();
    state.fail = null;
    expect(sample(await registry.metrics(), 'truceline_ledger_size')).toBe(4);
  });

  it('drops a kind of alert that is no longer present instead of keeping its stale count', async () => {
    const { state, src } = source({ size: 1, alerts: [alert('curfew', 'raised')] });
    const { registry } = scrapeSetup(src);
    expect(sample(await registry.metrics(), 'truceline_alerts_unacknowledged{kind="curfew"}')).toBe(1);
    state.alerts = [];
    const text = await registry.metrics();
    expect(sample(text, 'truceline_alerts_unacknowledged{kind="curfew"}')).toBeNull();
    expect(sample(text, 'truceline_alerts_unacknowledged{kind="escalation"}')).toBe(0);
  });
});
