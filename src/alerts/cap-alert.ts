/**
 * Truceline's alerts and early warnings as CAP 1.2 messages (see cap.ts for CAP itself): the
 * level decides severity and urgency, verification decides certainty, the sector or the incident
 * decides the area.
 */
import type { Sector } from '../domain/agreement/schema.js';
import type { Alert } from '../domain/escalation/types.js';
import type { Warning } from '../domain/warning/early-warning.js';
import {
  capIdentifier,
  capTime,
  renderCap,
  type CapArea,
  type CapMessage,
  type CapScope,
  type CapSeverity,
  type CapStatus,
  type CapUrgency,
} from './cap.js';

/** A sector as a CAP area: its outer rings (CAP has no holes, so the area may only grow). */
export function capAreaForSector(sector: Pick<Sector, 'name' | 'polygon'>): CapArea {
  const outer = sector.polygon[0];
  return { areaDesc: sector.name, polygons: outer ? [outer] : [] };
}

const SEVERITY: Record<number, CapSeverity> = { 1: 'Moderate', 2: 'Severe', 3: 'Extreme' };
const URGENCY: Record<number, CapUrgency> = { 1: 'Expected', 2: 'Immediate', 3: 'Immediate' };

export interface AlertCapOptions {
  /** CAP sender: the mission's alerting address, e.g. `alerts@truceline.example`. */
  readonly sender: string;
  readonly status?: CapStatus;
  /** Private (default): addressed to the alert's recipients. */
  readonly scope?: CapScope;
  readonly restriction?: string;
  /** Sectors by id, for the alert's area. */
  readonly sectors?: readonly Pick<Sector, 'id' | 'name' | 'polygon'>[];
  readonly senderName?: string;
  /** Where to read and acknowledge the alert. */
  readonly web?: string;
  readonly language?: string;
}

/**
 * An escalation alert as a CAP message: severity from the level (1 Moderate, 2 Severe,
 * 3 Extreme), certainty Observed (verified incidents), category Security; the area is the
 * alert's sector when known, else a circle around the crossing incident, else the line of contact.
 */
export function capMessageFromAlert(alert: Alert, o: AlertCapOptions): CapMessage {
  const sector = alert.sectorId ? o.sectors?.find((s) => s.id === alert.sectorId) : undefined;
  const area: CapArea = sector
    ? capAreaForSector(sector)
    : alert.location
      ? {
          areaDesc: `Within ${((alert.radiusM ?? 0) / 1000).toFixed(1)} km of the reported location`,
          circles: [
            { center: alert.location, radiusKm: Math.max(0.1, (alert.radiusM ?? 0) / 1000) },
          ],
        }
      : { areaDesc: 'Line of contact' };
  const scope = o.scope ?? 'Private';
  return {
    identifier: capIdentifier(alert.id),
    sender: o.sender,
    sentMs: alert.raisedAtMs,
    status: o.status ?? 'Actual',
    msgType: 'Alert',
    scope,
    ...(scope === 'Restricted'
      ? { restriction: o.restriction ?? 'Guarantors and mission staff named in the agreement' }
      : {}),
    ...(scope === 'Private' ? { addresses: alert.recipients } : {}),
    ...(alert.escalatedFrom
      ? { note: `Escalation of alert ${alert.escalatedFrom}: not acknowledged by its deadline` }
      : {}),
    incidents: alert.incidentIds,
    info: [
      {
        ...(o.language ? { language: o.language } : { language: 'en' }),
        category: ['Security'],
        event: `Ceasefire escalation, level ${alert.level}`,
        urgency: URGENCY[alert.level] ?? 'Unknown',
        severity: SEVERITY[alert.level] ?? 'Unknown',
        certainty: 'Observed',
        eventCodes: [{ valueName: 'truceline:threshold', value: alert.thresholdId }],
        ...(o.senderName ? { senderName: o.senderName } : {}),
        headline: alert.summary.slice(0, 160),
        description: [
          alert.summary,
          `Incidents: ${alert.incidentIds.join(', ')}.`,
          ...(alert.findingIds.length
            ? [`Verified findings: ${alert.findingIds.join(', ')}.`]
            : []),
        ].join('\n'),
        instruction: `Acknowledge by ${capTime(alert.ackDeadlineMs)}; unacknowledged, the alert escalates to the next tier.`,
        ...(o.web ? { web: o.web } : {}),
        parameters: [
          { valueName: 'level', value: String(alert.level) },
          { valueName: 'ackDeadline', value: capTime(alert.ackDeadlineMs) },
          { valueName: 'triggerKind', value: alert.trigger.kind },
        ],
        areas: [area],
      },
    ],
  };
}

/**
 * An early warning as a CAP message: not yet a breach of a threshold, so severity Minor,
 * urgency Expected and certainty Possible, sent to whoever the caller addresses.
 */
export function capMessageFromWarning(
  warning: Warning,
  o: AlertCapOptions & {
    readonly identifier: string;
    readonly sentMs: number;
    readonly addresses: readonly string[];
  },
): CapMessage {
  const sector = o.sectors?.find((s) => s.id === warning.sectorId);
  return {
    identifier: capIdentifier(o.identifier),
    sender: o.sender,
    sentMs: o.sentMs,
    status: o.status ?? 'Actual',
    msgType: 'Alert',
    scope: 'Private',
    addresses: o.addresses,
    info: [
      {
        language: o.language ?? 'en',
        category: ['Security'],
        event: 'Ceasefire early warning',
        urgency: 'Expected',
        severity: 'Minor',
        certainty: 'Possible',
        headline: `Violations in ${sector?.name ?? warning.sectorId} above baseline: ${warning.observed} against ${warning.expected.toFixed(1)} expected`,
        description: `From ${capTime(warning.fromMs)} to ${capTime(warning.toMs)}: ${warning.observed} violations; the baseline expects ${warning.expected.toFixed(1)} (p = ${warning.pValue.toExponential(1)}).`,
        parameters: [
          { valueName: 'pValue', value: warning.pValue.toExponential(3) },
          { valueName: 'observed', value: String(warning.observed) },
          { valueName: 'expected', value: warning.expected.toFixed(2) },
        ],
        areas: [sector ? capAreaForSector(sector) : { areaDesc: `Sector ${warning.sectorId}` }],
      },
    ],
  };
}

/** Shorthand: `renderCap(capMessageFromAlert(alert, options))`. */
export function renderAlertCap(alert: Alert, options: AlertCapOptions): string {
  return renderCap(capMessageFromAlert(alert, options));
}
