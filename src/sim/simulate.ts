/**
 * The scenario simulator: true events along the line of contact and the observations that
 * patrols, sensors and the parties file about them, hour by hour, as a stream.
 *
 * Pure and seeded: no clock, no I/O, and every random draw comes from the seed, so the same
 * agreement and options give the same items in the same order. Items come out in time order
 * (truth at the event's time, observations at the start of their window); memory holds about
 * an hour of items, so a year of observations can be streamed to disk.
 */
import type { Agreement } from '../domain/agreement/index.js';
import type { Observation } from '../domain/observation/types.js';
import { observedWindow } from '../domain/observation/types.js';
import { falseAllegation } from './allegations.js';
import { fire } from './fire.js';
import { TimeHeap } from './heap.js';
import { ObserverIndex, placePatrols, placeSensors } from './observers.js';
import { checkOptions } from './options.js';
import { LinePlane } from './plane.js';
import { SimRandom } from './random.js';
import { isoTime, type ReportContext } from './report.js';
import { SectorMap } from './sectors.js';
import {
  Burst,
  DAILY_RATES,
  diurnalFactor,
  FIRE_EVENTS_PER_HOUR,
  solarOffsetHours,
  TEMPO_FACTOR,
} from './tempo.js';
import type { EscalationPlan, SimItem, SimOptions, TruthEvent, TruthPlace } from './types.js';
import { aircraftInNoFly, vesselOffCorridor } from './air-sea-violations.js';
import { restriction } from './restriction.js';
import {
  armourCrossing,
  heavyWeaponsInZone,
  troopsInDisengagementArea,
} from './zone-violations.js';
import type { Happening, World } from './world.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/**
 * How far before its event an item's time may lie (a party's window opens up to 25 minutes
 * early; a sensor clock runs a few seconds fast). Items are held until no later event can
 * produce anything earlier.
 */
const REORDER_WINDOW_MS = 30 * 60_000;

/**
 * Simulates `options.days` days from `options.start` under `agreement` (a valid agreement, see
 * parseAgreement). Yields `{ truth }` and `{ observation }` items in time order.
 *
 * @throws TrucelineError VALIDATION naming each bad option.
 */
export function* simulate(
  agreement: Agreement,
  options: SimOptions,
): Generator<SimItem, void, undefined> {
  const opts = checkOptions(agreement, options);
  const root = new SimRandom(opts.seed);
  const placing = root.fork();
  const patrolling = root.fork();
  const bursting = root.fork();
  const rng = root.fork();

  const plane = new LinePlane(agreement.lineOfContact);
  const sectors = new SectorMap(agreement, plane);
  const lons = agreement.lineOfContact.map((p) => p[0]);
  const utcOffsetH = solarOffsetHours(lons.reduce((a, b) => a + b, 0) / lons.length);
  const sensors = placeSensors(plane, placing, opts.noise, options.water);
  const heat = new Map(
    sectors.sectors.map(
      (s) => [s, Math.exp(placing.normal(0, 0.35)) * sectors.lengthM(s)] as const,
    ),
  );
  const heatTotal = [...heat.values()].reduce((a, b) => a + b, 0);
  const bursts = new Map(sectors.sectors.map((s) => [s, new Burst(bursting)] as const));

  let observationCount = 0;
  let eventCount = 0;
  const ctx: ReportContext = {
    rng,
    noise: opts.noise,
    startMs: opts.startMs,
    endMs: opts.endMs,
    nextObservationId: () => `sim-${opts.seed}-${++observationCount}`,
  };
  const world: World = {
    agreement,
    plane,
    sectors,
    water: options.water,
    rng,
    ctx,
    observers: new ObserverIndex(sensors),
    utcOffsetH,
    tempoFactor: TEMPO_FACTOR[opts.tempo],
    partyOn: {
      left: agreement.parties.filter((p) => p.side === 'left'),
      right: agreement.parties.filter((p) => p.side === 'right'),
    },
    nextEventId: () => `evt-${opts.seed}-${++eventCount}`,
  };

  const hours = Math.ceil((opts.endMs - opts.startMs) / HOUR_MS);
  const plan = resolvePlan(opts.escalation, root, sectors.sectors, hours);
  const episodeFrom = plan ? opts.startMs + plan.startHour * HOUR_MS : Infinity;
  const episodeTo = plan ? episodeFrom + plan.hours * HOUR_MS : -Infinity;
  const armourAt =
    plan && root.chance(0.5) ? Math.floor(episodeFrom + (plan.hours / 2) * HOUR_MS) : null;

  const heap = new TimeHeap<SimItem>();
  const put = (h: Happening): void => {
    const truth = tidyTruth(h.truth, opts.endMs);
    heap.push(Date.parse(truth.time), { truth });
    for (const observation of h.observations)
      heap.push(observationKey(observation), { observation });
  };
  const tf = world.tempoFactor;
  let day = Number.NaN;

  for (let h = 0; h < hours; h++) {
    const hStart = opts.startMs + h * HOUR_MS;
    const hEnd = Math.min(opts.endMs, hStart + HOUR_MS);
    const span = hEnd - hStart;
    const frac = span / HOUR_MS;
    const utcDay = Math.floor(hStart / DAY_MS);
    if (utcDay !== day) {
      day = utcDay;
      const patrols = placePatrols(
        plane,
        sectors,
        patrolling,
        utcDay * DAY_MS,
        utcOffsetH,
        options.water,
      );
      world.observers = new ObserverIndex([...sensors, ...patrols]);
    }
    const drawTimes = (mean: number): number[] =>
      Array.from(
        { length: rng.poisson(mean) },
        () => Math.round((hStart + rng.float() * span) / 1000) * 1000,
      ).sort((a, b) => a - b);
    const inEpisode = hStart >= episodeFrom && hStart < episodeTo;
    if (
      plan &&
      hStart <= episodeFrom &&
      episodeFrom < hStart + HOUR_MS &&
      episodeFrom < opts.endMs
    ) {
      put(episodeRecord(world, plan, episodeFrom, Math.min(episodeTo, opts.endMs)));
    }
    const diurnal = diurnalFactor(hStart / HOUR_MS + utcOffsetH);
    for (const sector of sectors.sectors) {
      const burst = bursts.get(sector)!.step();
      const escalated = inEpisode && plan!.sector === sector;
      const mean =
        FIRE_EVENTS_PER_HOUR *
        tf *
        ((heat.get(sector) ?? 0) / heatTotal) *
        diurnal *
        burst *
        (escalated ? plan!.factor : 1) *
        frac;
      for (const tMs of drawTimes(mean))
        fire(world, { tMs, sector, escalation: escalated }).forEach(put);
    }
    const perHour = (daily: number): number => (daily / 24) * tf * frac;
    const others: [number, (tMs: number) => Happening | null][] = [
      [
        perHour(DAILY_RATES.heavyWeaponInZone) * (inEpisode ? 3 : 1),
        (t) => heavyWeaponsInZone(world, t, inEpisode),
      ],
      [perHour(DAILY_RATES.troopsInDisengagementArea), (t) => troopsInDisengagementArea(world, t)],
      [perHour(DAILY_RATES.aircraftInNoFly), (t) => aircraftInNoFly(world, t)],
      [perHour(DAILY_RATES.vesselOffCorridor), (t) => vesselOffCorridor(world, t)],
      [perHour(DAILY_RATES.restriction), (t) => restriction(world, t)],
      ...agreement.parties.map(
        (party) =>
          [
            perHour(DAILY_RATES.falseAllegationsPerParty),
            (t: number) => falseAllegation(world, party, t),
          ] as [number, (tMs: number) => Happening | null],
      ),
    ];
    for (const [mean, make] of others) {
      for (const tMs of drawTimes(mean)) {
        const happening = make(tMs);
        if (happening) put(happening);
      }
    }
    if (armourAt !== null && armourAt >= hStart && armourAt < hEnd) {
      const happening = armourCrossing(world, armourAt, plan!.sector);
      if (happening) put(happening);
    }
    while (heap.peekKey() < hEnd - REORDER_WINDOW_MS) yield heap.pop()!;
  }
  while (heap.size > 0) yield heap.pop()!;
}

/** Truth places to 6 decimals (0.1 m) and lasting events cut at the scenario end. */
function tidyTruth(t: TruthEvent, endMs: number): TruthEvent {
  const place = (p: TruthPlace): TruthPlace => ({
    ...p,
    lon: Math.round(p.lon * 1e6) / 1e6,
    lat: Math.round(p.lat * 1e6) / 1e6,
  });
  const cut = t.endTime !== undefined && Date.parse(t.endTime) > endMs;
  return {
    ...t,
    ...(t.origin ? { origin: place(t.origin) } : {}),
    ...(t.impact ? { impact: place(t.impact) } : {}),
    ...(cut ? { endTime: isoTime(endMs) } : {}),
  };
}

function observationKey(o: Observation): number {
  return Date.parse(observedWindow(o).from);
}

function resolvePlan(
  escalation: boolean | EscalationPlan,
  rng: SimRandom,
  sectors: readonly (string | null)[],
  hours: number,
): EscalationPlan | null {
  if (escalation === false) return null;
  if (escalation !== true) return escalation;
  const named = sectors.filter((s): s is string => s !== null);
  return {
    sector: rng.pick(named),
    startHour: Math.floor(rng.between(0.25, 0.6) * hours),
    hours: Math.max(1, Math.min(rng.int(6, 12), Math.floor(hours / 4))),
    factor: 5,
  };
}

function episodeRecord(
  world: World,
  plan: EscalationPlan,
  fromMs: number,
  toMs: number,
): Happening {
  return {
    truth: {
      eventId: world.nextEventId(),
      kind: 'escalation_episode',
      genuine: true,
      weapon: 'undetermined',
      time: isoTime(fromMs),
      endTime: isoTime(toMs),
      sector: plan.sector,
      count: 1,
      provisionsViolated: [],
      observationIds: [],
      escalation: true,
      factor: plan.factor,
    },
    observations: [],
  };
}
