/**
 * Raising alerts from the stored incidents (issue 7, items 4 and 5), as one use case run after
 * fusion or verification changed something (the scheduler runs it):
 *
 * - early warning: per agreement sector, the fused incidents' violation counts in hourly bins
 *   against the sector's own baseline (src/domain/warning); a sector beyond its baseline raises
 *   an early-warning alert, once per run of warnings;
 * - thresholds: the agreement's escalation thresholds over the verified incidents
 *   (src/domain/escalation); each crossing not raised before becomes an alert, and level-3
 *   alerts open a guarantor consultation with its evidence.
 *
 * Everything raised is recorded (sealed) in one transaction.
 */
import type { Agreement } from '../../domain/agreement/index.js';
import {
  evaluateEscalation,
  raiseAlerts,
  type Alert,
  type Consultation,
} from '../../domain/escalation/index.js';
import {
  EarlyWarning,
  resolveOptions,
  type EarlyWarningOptions,
  type Warning,
} from '../../domain/warning/index.js';
import type { Store, StoredIncident } from '../../store/port.js';
import { withEvidence } from './consultation.js';
import { sectorLocator } from './incidents.js';
import { listAlerts } from './read.js';
import {
  alertLedgerEvent,
  type AlertRecord,
  type ConsultationRecord,
  type WarningAlert,
} from './records.js';
import { fullSpanRead, type CountedIncident, type SpanRead } from './span.js';

const HOUR_MS = 3_600_000;

/**
 * What the early warning counts per sector. `incidents`: one per fused incident, so a sector
 * warns when fire events become more frequent, which is what an escalation is; `violations`:
 * the incidents' fused counts (rounds, bursts), heavy-tailed within one event (one barrage can
 * count a hundred), so a single barrage can look like an escalation and an escalation of many
 * small events can hide behind the barrages of the baseline.
 */
export type WarningMeasure = 'incidents' | 'violations';

export function measureOf(
  incident: { readonly count: number },
  measure: WarningMeasure = 'incidents',
): number {
  return measure === 'incidents' ? 1 : incident.count;
}

export interface RaisePolicy {
  readonly earlyWarning?: EarlyWarningOptions;
  /** What the early warning counts; default incidents. */
  readonly measure?: WarningMeasure;
  /** Who early warnings go to; default the chief monitor. */
  readonly earlyWarningRecipients?: readonly string[];
  /** Hours before now in which a threshold crossing still raises an alert (default 24). */
  readonly lookbackHours?: number;
  readonly consultationHours?: number;
  /** Verification statuses that count for the thresholds (default verified). */
  readonly countedStatuses?: readonly string[];
}

export interface RaiseResult {
  readonly warnings: readonly WarningAlert[];
  readonly alerts: readonly Alert[];
  readonly consultations: readonly ConsultationRecord[];
}

/** The early warnings at nowMs from the stored incidents (fused, whatever their status). */
export function sectorWarnings(
  incidents: readonly StoredIncident[],
  agreement: Pick<Agreement, 'sectors'>,
  nowMs: number,
  options: EarlyWarningOptions = {},
  measure: WarningMeasure = 'incidents',
): Warning[] {
  const sectorOf = sectorLocator(agreement);
  const counted = incidents.map((s) => ({
    sectorId: sectorOf(s.incident.location),
    toMs: Date.parse(s.incident.window.to),
    count: s.incident.count,
  }));
  return countedWarnings(counted, agreement, nowMs, options, measure);
}

/** The early warnings at nowMs from the incidents as counted (sector, window end, count). */
export function countedWarnings(
  incidents: readonly CountedIncident[],
  agreement: Pick<Agreement, 'sectors'>,
  nowMs: number,
  options: EarlyWarningOptions = {},
  measure: WarningMeasure = 'incidents',
): Warning[] {
  const o = resolveOptions(options);
  // Counts are complete from the first incident on (before it the mission was not counting).
  let firstMs = Infinity;
  for (const s of incidents) firstMs = Math.min(firstMs, s.toMs);
  const sinceMs = Math.max(
    nowMs - o.baselineMs - o.recentMs,
    Number.isFinite(firstMs) ? Math.floor(firstMs / o.binMs) * o.binMs : nowMs,
  );
  const ew = new EarlyWarning({ ...options, sinceMs, sectors: agreement.sectors.map((s) => s.id) });
  for (const s of incidents) {
    const t = s.toMs;
    if (s.sectorId === null || !(t >= sinceMs) || t > nowMs) continue;
    ew.add(s.sectorId, t, measureOf(s, measure));
  }
  // Judge whole bins only: the bin still open at nowMs has not had all its reports yet.
  return ew.evaluate(Math.floor(nowMs / o.binMs) * o.binMs);
}

function warningAlert(
  w: Warning,
  nowMs: number,
  recipients: readonly string[],
  sectorName: string,
  measure: WarningMeasure,
): WarningAlert {
  return {
    id: `ew:${w.sectorId}:${new Date(w.toMs).toISOString().slice(0, 13)}`,
    sectorId: w.sectorId,
    summary: `Early warning: ${w.observed} ${measure} in ${sectorName} in ${Math.round((w.toMs - w.fromMs) / HOUR_MS)} h against ${w.expected.toFixed(1)} expected (p = ${w.pValue.toExponential(1)})`,
    warning: w,
    recipients: [...recipients],
    raisedAtMs: nowMs,
    state: 'raised',
    acknowledgedBy: null,
    history: [{ state: 'raised', atMs: nowMs }],
  };
}

/**
 * Evaluates the early warning and the thresholds at nowMs and records what is new. Idempotent:
 * run again with nothing changed, it raises nothing. `span` reads the incidents (span.ts): by
 * default the whole span from the store; the scheduler passes the span it follows.
 */
export async function raiseDueAlerts(
  store: Store,
  agreement: Pick<Agreement, 'sectors' | 'escalationThresholds'>,
  nowMs: number,
  policy: RaisePolicy = {},
  span: SpanRead = fullSpanRead(store),
): Promise<RaiseResult> {
  const existing = await listAlerts(store);
  const known = new Set(existing.map((a) => a.record.alert.id));
  const ewOptions = resolveOptions(policy.earlyWarning ?? {});
  const lookbackHours = policy.lookbackHours ?? 24;
  const maxWindowHours = Math.max(
    0,
    ...agreement.escalationThresholds.map((t) =>
      'windowHours' in t.trigger ? t.trigger.windowHours : 0,
    ),
  );
  const spanMs = Math.max(
    ewOptions.baselineMs + ewOptions.recentMs,
    (maxWindowHours + lookbackHours) * HOUR_MS,
  );
  // Thresholds: on the incidents of the longest window plus the lookback.
  const thresholdFrom = nowMs - (maxWindowHours + lookbackHours) * HOUR_MS;
  const { counted, incidents, findingLedgerIndex } = await span.read(
    agreement,
    nowMs - spanMs,
    thresholdFrom,
  );

  // Early warning: one alert per sector per run of warnings (a warning whose window overlaps the
  // last early warning's window of that sector continues it).
  const lastWarning = new Map<string, Warning>();
  for (const a of existing)
    if (a.record.kind === 'early_warning')
      lastWarning.set(a.record.alert.sectorId, a.record.alert.warning);
  const names = new Map(agreement.sectors.map((s) => [s.id, s.name]));
  const warnings: WarningAlert[] = [];
  for (const w of countedWarnings(counted, agreement, nowMs, policy.earlyWarning, policy.measure)) {
    const last = lastWarning.get(w.sectorId);
    if (last && last.toMs > w.fromMs - ewOptions.binMs) continue;
    const alert = warningAlert(
      w,
      nowMs,
      policy.earlyWarningRecipients ?? ['chief_monitor'],
      names.get(w.sectorId) ?? w.sectorId,
      policy.measure ?? 'incidents',
    );
    if (!known.has(alert.id)) warnings.push(alert);
  }

  const candidates = evaluateEscalation(incidents, agreement, nowMs, {
    lookbackHours,
    ...(policy.countedStatuses ? { countedStatuses: policy.countedStatuses } : {}),
  }).filter((c) => !known.has(c.id));
  const raised = raiseAlerts(
    candidates,
    nowMs,
    policy.consultationHours !== undefined ? { consultationHours: policy.consultationHours } : {},
  );
  const consultations: ConsultationRecord[] = [];
  for (const c of raised.consultations)
    consultations.push(await withEvidence(store, c, findingLedgerIndex));

  await recordRaised(
    store,
    nowMs,
    [
      ...warnings.map((alert): AlertRecord => ({ kind: 'early_warning', alert })),
      ...raised.alerts.map((alert): AlertRecord => ({ kind: 'escalation', alert })),
    ],
    consultations,
  );
  return { warnings, alerts: raised.alerts, consultations };
}

/** Records alerts raised and consultations opened, in one transaction. */
export async function recordRaised(
  store: Store,
  nowMs: number,
  records: readonly AlertRecord[],
  consultations: readonly ConsultationRecord[],
  extra: readonly ReturnType<typeof alertLedgerEvent>[] = [],
): Promise<void> {
  const inputs = [
    ...extra,
    ...records.map((record) => alertLedgerEvent('alert.raised', nowMs, 'system', { record })),
    ...consultations.map((consultation) =>
      alertLedgerEvent('consultation.opened', nowMs, 'system', { consultation }),
    ),
  ];
  if (inputs.length > 0) await store.write((tx) => tx.record(inputs));
}

export type { Consultation };
