/**
 * The report's sentences built from the model's numbers and codes, in one language:
 * "18:40–18:45: the mission heard 15 undetermined explosions 3–5 km south-east of Svitlodarsk."
 * No sentence is stored in the model; everything here is a function of the model and the
 * catalogue, so the three languages say the same thing.
 */
import type {
  NotableIncident,
  PlaceRef,
  ReportModel,
  ViolationBreakdown,
  ViolationCategory,
  WithdrawalBreach,
} from '../domain/report/types.js';
import { VIOLATION_CATEGORIES } from '../domain/report/types.js';
import type { WeaponKind } from '../domain/observation/types.js';
import type { ReportText } from './i18n.js';
import type { MessageKey } from './messages/index.js';
import { genitiveName } from './place-names.js';

const COUNT_KEY: { readonly [K in ViolationCategory]: MessageKey } = {
  explosions: 'count.explosions',
  projectilesInFlight: 'count.projectilesInFlight',
  muzzleFlashes: 'count.muzzleFlashes',
  smallArmsBursts: 'count.smallArmsBursts',
  illuminationFlares: 'count.illuminationFlares',
};

/** "15 explosions" / "15 вибухів" (accusative where the language distinguishes it). */
export function countPhrase(text: ReportText, category: ViolationCategory, count: number): string {
  return text.t(COUNT_KEY[category], { count });
}

/** The settlement as the place phrase needs it: nominative in English, genitive in uk and ru. */
export function settlementForPhrase(
  text: ReportText,
  model: Pick<ReportModel, 'settlements'>,
  settlementId: string,
): string {
  const settlement = model.settlements.find((s) => s.id === settlementId);
  const nominative = settlement?.names[text.lang] ?? settlementId;
  if (text.lang === 'en') return nominative;
  const genitive = genitiveName(settlementId, text.lang);
  return genitive ?? text.t('place.settlementFallback', { name: nominative });
}

/** "3–5 km south-east of Svitlodarsk"; "in the area of X" for {min: 0, max: 1}. */
export function placePhrase(
  text: ReportText,
  model: Pick<ReportModel, 'settlements' | 'sectors'>,
  place: PlaceRef | null,
  sectorId: string | null = null,
): string {
  if (!place) {
    const sector = sectorId ? model.sectors.find((s) => s.id === sectorId) : undefined;
    return sector ? text.t('place.inSector', { sector: sector.name }) : text.t('place.unknown');
  }
  const settlement = settlementForPhrase(text, model, place.settlementId);
  if (place.distanceKm.min === 0 && place.distanceKm.max <= 1)
    return text.t('place.near', { settlement });
  return text.t('place.direction', {
    distance: text.kmRange(place.distanceKm.min, place.distanceKm.max),
    compass: place.compass,
    settlement,
  });
}

/** "artillery" / "artillery, 122 mm". */
export function weaponLabel(
  text: ReportText,
  weapon: WeaponKind,
  calibreMm: number | null,
): string {
  const name = text.t(`weapon.${weapon}`);
  return calibreMm === null
    ? name
    : text.t('weapon.withCalibre', { weapon: name, calibre: calibreMm });
}

/** Party name for a side id ('undetermined' and unknown ids are named as such). */
export function sideName(
  text: ReportText,
  model: Pick<ReportModel, 'parties'>,
  side: string | null,
): string {
  if (side === null || side === 'undetermined') return text.t('side.undetermined');
  return model.parties.find((p) => p.id === side)?.name ?? side;
}

/** A workflow status in the report's language; an unknown code is shown as it is. */
export function statusLabel(text: ReportText, status: string): string {
  return text.label('status', status);
}

/** The notable-incident sentence, time first. */
export function notableSentence(
  text: ReportText,
  model: Pick<ReportModel, 'settlements' | 'sectors'>,
  incident: NotableIncident,
): string {
  const undeterminedBlast = incident.kind === 'explosions' && incident.weapon === 'undetermined';
  const events = undeterminedBlast
    ? text.t('count.undeterminedExplosions', { count: incident.count })
    : countPhrase(text, incident.kind, incident.count);
  const weapon =
    incident.weapon === 'undetermined'
      ? ''
      : text.t('notable.weapon', {
          weapon: weaponLabel(text, incident.weapon, incident.calibreMm),
        });
  return text.t('notable.sentence', {
    time: text.timeWindow(incident.window.from, incident.window.to),
    kind: incident.kind,
    events,
    weapon,
    place: placePhrase(text, model, incident.place, incident.sectorId),
  });
}

/** "3 weapons (artillery, 152 mm) 12 km from the line of contact, where ... 50 km; <place>." */
export function withdrawalSentence(
  text: ReportText,
  model: Pick<ReportModel, 'settlements' | 'sectors'>,
  breach: WithdrawalBreach,
): string {
  return text.t('withdrawal.sentence', {
    weapons: text.t('count.weapons', { count: breach.count }),
    weapon: weaponLabel(text, breach.weaponClass, breach.calibreMm),
    distance: text.km(breach.distanceToLineKm),
    limit: text.km(breach.limitKm),
    place: placePhrase(text, model, breach.place),
  });
}

/** "up from 12 in the previous period" and its kin. */
export function comparison(text: ReportText, current: number, previous: number): string {
  if (current > previous) return text.t('compare.up', { previous });
  if (current < previous) return text.t('compare.down', { previous });
  return text.t('compare.same');
}

/** The summary's two sentences: the total with its comparison, and its split. */
export function summarySentences(
  text: ReportText,
  totals: { readonly current: ViolationBreakdown; readonly previous: ViolationBreakdown },
): [string, string] {
  const withComparison = text.t('summary.violations', {
    count: totals.current.total,
    comparison: comparison(text, totals.current.total, totals.previous.total),
  });
  const parts: Record<string, string> = {};
  for (const c of VIOLATION_CATEGORIES) parts[c] = countPhrase(text, c, totals.current[c]);
  return [withComparison, text.t('summary.split', parts)];
}
