/**
 * How often things happen. The shape follows what the OSCE Special Monitoring Mission reported
 * from Donbas in 2015-2021: most ceasefire violations in the evening and at night, quiet
 * mornings, and activity that clusters — a sector flares for hours, then calms; fire draws
 * return fire.
 *
 * Rates are for the whole line at tempo 'normal' and are multiplied by TEMPO_FACTOR; the
 * numbers of observations they yield are in the README of src/sim (measured by the tests).
 */
import type { SimRandom } from './random.js';
import type { Tempo } from './types.js';

export const TEMPO_FACTOR: Readonly<Record<Tempo, number>> = { low: 0.3, normal: 1, high: 3 };

/** Mean fire events (any weapon) per hour along the whole line at tempo 'normal'. */
export const FIRE_EVENTS_PER_HOUR = 25;

/** Other violations per day along the whole line at tempo 'normal'. */
export const DAILY_RATES = {
  heavyWeaponInZone: 10,
  troopsInDisengagementArea: 1.5,
  aircraftInNoFly: 2,
  vesselOffCorridor: 0.7,
  restriction: 1.5,
  /** Per party: allegations about events that never happened. */
  falseAllegationsPerParty: 1.5,
} as const;

/** Chance that a fire event draws return fire from the other side within 2-40 minutes. */
export const RETURN_FIRE_CHANCE = 0.3;

/**
 * Relative fire rate by local solar hour (index 0 = midnight-01:00), mean 1: low from dawn to
 * noon, rising through the evening to a peak around 20:00-22:00.
 */
// prettier-ignore
const DIURNAL_RAW = [
  1.6, 1.4, 1.1, 0.8, 0.6, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.8,
  0.8, 0.8, 0.8, 0.9, 1.0, 1.2, 1.5, 1.8, 1.9, 1.9, 1.8, 1.7,
];
const DIURNAL_MEAN = DIURNAL_RAW.reduce((a, b) => a + b, 0) / DIURNAL_RAW.length;
export const DIURNAL: readonly number[] = DIURNAL_RAW.map((v) => v / DIURNAL_MEAN);

/** The relative rate at a local solar hour in [0, 24). */
export function diurnalFactor(localHour: number): number {
  const h = ((Math.floor(localHour) % 24) + 24) % 24;
  return DIURNAL[h] as number;
}

/** Whether it is dark at a local solar hour (19:00-06:00), when cameras see flashes best. */
export function isNight(localHour: number): boolean {
  const h = ((localHour % 24) + 24) % 24;
  return h >= 19 || h < 6;
}

/**
 * A sector's burstiness: its log-rate follows an AR(1) process hour by hour (persistence 0.85,
 * innovation sd 0.45), so quiet and busy spells last hours. `factor()` has mean about 1.
 */
export class Burst {
  private x = 0;
  private static readonly PHI = 0.85;
  private static readonly SD = 0.45;
  /** Variance of the stationary process, to centre exp(x) on 1. */
  private static readonly VAR = Burst.SD ** 2 / (1 - Burst.PHI ** 2);

  constructor(private readonly rng: SimRandom) {
    this.x = rng.normal(0, Math.sqrt(Burst.VAR));
  }

  /** Advance one hour and return the rate multiplier for it. */
  step(): number {
    this.x = Burst.PHI * this.x + this.rng.normal(0, Burst.SD);
    return Math.exp(this.x - Burst.VAR / 2);
  }
}

/** Local solar time offset from UTC for a longitude, hours (15° an hour). */
export function solarOffsetHours(lon: number): number {
  return lon / 15;
}
