/**
 * The agreement summary as plain text for a terminal or a report annex: lengths in km, areas in
 * km², thousands grouped with commas.
 */
import type { AgreementSummary } from './summary.js';

/** 1234.56 → "1,235"; 12.34 → "12.3"; below 10 keeps two decimals. */
export function formatQuantity(n: number): string {
  const digits = Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2;
  return n.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0))) ?? [];
  return rows.map((r) =>
    `  ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')}`.trimEnd(),
  );
}

function section(title: string, rows: readonly (readonly string[])[]): string[] {
  return rows.length === 0 ? [`${title}: none`] : [`${title}:`, ...table(rows)];
}

/** A multi-line text rendering of `summariseAgreement`'s result, ending without a newline. */
export function formatAgreementSummary(s: AgreementSummary): string {
  const q = formatQuantity;
  const lines: string[] = [
    `${s.title} (${s.id}, version ${s.version}, effective ${s.effectiveFrom})`,
    ...(s.note ? [`Note: ${s.note}`] : []),
    '',
    ...section(
      'Parties',
      s.parties.map((p) => [
        p.id,
        p.name,
        `${p.side} of the line`,
        p.areaKm2 === null ? '' : `${q(p.areaKm2)} km²`,
      ]),
    ),
    `Line of contact: ${q(s.lineOfContact.lengthKm)} km, ${s.lineOfContact.vertices} vertices`,
    `Security zone: ${q(s.securityZone.widthKmEachSide)} km each side (${q(s.securityZone.totalWidthKm)} km wide), ` +
      `≈ ${q(s.securityZone.areaKm2)} km²`,
    ...section(
      'Withdrawal zones (each side)',
      s.withdrawalZones.map((w) => [
        w.id,
        w.weaponClass,
        w.calibre ?? 'any calibre',
        `${q(w.distanceKm)} km`,
        `≈ ${q(w.areaKm2EachSide)} km²`,
      ]),
    ),
    ...section(
      'Disengagement areas',
      s.disengagementAreas.map((d) => [d.id, d.name, `${q(d.areaKm2)} km²`]),
    ),
    ...section(
      'No-fly areas',
      s.noFlyAreas.map((n) => [
        n.id,
        n.name,
        `${q(n.areaKm2)} km²`,
        `${n.floorM}–${n.ceilingM === null ? 'unlimited' : `${n.ceilingM} m`}`,
      ]),
    ),
    ...section(
      'Maritime corridors',
      s.maritimeCorridors.map((c) => [
        c.id,
        c.name,
        c.lengthKm === null ? 'length n/a' : `${q(c.lengthKm)} km long`,
        c.widthKm === null ? '' : `${q(c.widthKm)} km wide`,
        `${q(c.areaKm2)} km²`,
        c.keepOutKm === null ? '' : `warships ${q(c.keepOutKm)} km off`,
      ]),
    ),
    ...section(
      'Reporting sectors',
      s.sectors.map((r) => [r.id, r.name, `${q(r.areaKm2)} km²`]),
    ),
    ...section(
      'Troop ceilings',
      s.ceilings.troops.map((t) => [t.party, t.count.toLocaleString('en-GB')]),
    ),
    ...section(
      'Equipment ceilings',
      s.ceilings.equipment.map((e) => [e.category, e.party, e.count.toLocaleString('en-GB')]),
    ),
    ...section(
      'Notification duties',
      s.notificationDuties.map((d) => [d.id, d.what, `${d.leadTimeHours} h ahead`]),
    ),
    ...section(
      'Escalation thresholds',
      s.escalationThresholds.map((e) => [
        e.id,
        `level ${e.level}`,
        e.trigger,
        `→ ${e.recipients.join(', ')}`,
        `ack ${e.ackDeadlineMinutes} min`,
      ]),
    ),
    `Right of reply: ${s.replyDeadlineHours} h`,
  ];
  return lines.join('\n');
}
