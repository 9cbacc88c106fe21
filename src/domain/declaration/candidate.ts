/**
 * A finding candidate: a discrepancy the checks found, with the figures that show it and a
 * sentence an analyst can paste into a finding. It is not a finding; an analyst proposes one
 * through the verification workflow.
 */
import type { EquipmentCategory } from '../agreement/index.js';

export const CANDIDATE_KINDS = [
  /** A total above the agreement's ceiling. */
  'ceiling_exceeded',
  /** A total that changed by the threshold (10%) or more since the previous declaration. */
  'declared_change',
  /** Heavy equipment seen far from every declared unit that holds its category. */
  'undeclared_equipment',
  /** Troops seen far from every declared unit. */
  'undeclared_unit',
  /** Heavy equipment declared or seen inside its withdrawal distance on the party's own side. */
  'equipment_in_withdrawal_zone',
] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

/** Troops or an equipment category. */
export type Holding = 'troops' | EquipmentCategory;

export interface FindingCandidate {
  readonly kind: CandidateKind;
  /** The declaring party's id. */
  readonly party: string;
  readonly subject: Holding;
  /** Numbers (counts, km, %) and the dates or ids they refer to. */
  readonly figures: Readonly<Record<string, number | string | null>>;
  readonly text: string;
  /** Declared units and observations the candidate rests on. */
  readonly units: readonly string[];
  readonly observations: readonly string[];
}

/** 812400 → "812,400". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 0 });
}

/** A percentage with one decimal: 1.55 → "1.6%"; signed when asked: "-12.0%", "+10.0%". */
export function formatPercent(pct: number, signed = false): string {
  const rounded = (Math.round(pct * 10) / 10).toFixed(1);
  return `${signed && pct > 0 ? '+' : ''}${rounded}%`;
}

/** Kilometres with one decimal: "42.3 km". */
export function formatKm(km: number): string {
  return `${(Math.round(km * 10) / 10).toFixed(1)} km`;
}

/** `battle_tanks` → "battle tanks"; `troops` stays. */
export function holdingLabel(h: Holding): string {
  return h.replace(/_/g, ' ');
}
