import type { FastifyInstance } from 'fastify';
import { fileAndFuse, type FuseHook } from '../app/fusion/index.js';
import type { Mission } from '../app/mission.js';
import { observedWindow, type Observation } from '../domain/observation/types.js';
import { demoObservationStream } from '../sim/index.js';

const observedFrom = (o: Observation): number => Date.parse(observedWindow(o).from);

export interface DemoStream {
  stop(): Promise<void>;
}

export interface DemoOptions {
  /** Scenario days to play; the scenario ends at the moment the server started. Default 7. */
  readonly days?: number;
  /** Scenario seconds per wall-clock second (default 60: an hour of scenario a minute). */
  readonly speed?: number;
  readonly seed?: number;
  /** Scenario days filed at once at start-up, before the pacing begins (default: all but the last). */
  readonly backfillDays?: number;
}

/**
 * The demo mission publishes what its own monitors and sensors report, so the public map has
 * something to show; the parties' filings keep their confidentiality.
 */
function published(o: Observation): Observation {
  return o.source.kind === 'party' ? o : { ...o, visibility: 'public' };
}

/**
 * `serve --demo`: plays the simulator's scenario (src/sim) in through the same intake as HTTP
 * (fileObservations, actor `sim:demo`) at a realistic pace, so the map is alive. The scenario is
 * placed in the past, ending at start-up, so no observation is "in the future" when filed.
 * Observations due within the same 250 ms are filed together, in one transaction.
 */
export function startDemoStream(
  app: FastifyInstance,
  mission: Pick<Mission, 'store' | 'agreement'>,
  say: (line: string) => void,
  o: DemoOptions = {},
  fuser: FuseHook | null = null,
): DemoStream {
  const days = o.days ?? 7;
  const speed = o.speed ?? 60;
  const startMs = Date.now() - days * 86_400_000;
  const start = new Date(startMs).toISOString();
  const backfillUntil = startMs + Math.max(0, Math.min(days, o.backfillDays ?? days - 1)) * 86_400_000;
  let stopped = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, ms).unref();
    });

  const done = (async () => {
    say(`filing ${days} simulated days from ${start}: the first ${((backfillUntil - startMs) / 86_400_000).toFixed(0)} at once, the rest at ${speed}× (seed ${o.seed ?? 1})`);
    let batch: unknown[] = [];
    let due = 0;
    let stored = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const results = await fileAndFuse(mission.store, fuser, batch, { actor: 'sim:demo', nowMs: Date.now() });
      stored += results.filter((r) => r.status === 'stored').length;
      batch = [];
    };
    for (const { observation, delayMs } of demoObservationStream(mission.agreement, { seed: o.seed ?? 1, days, start, speed })) {
      if (stopped) break;
      if (observedFrom(observation) < backfillUntil) {
        batch.push(published(observation));
        if (batch.length >= 2000) await flush();
        continue;
      }
      due += delayMs;
      if (due >= 250) {
        await flush();
        await sleep(due);
        due = 0;
        if (stopped) break;
      }
      batch.push(published(observation));
    }
    if (!stopped) await flush();
    say(`demo stream ${stopped ? 'stopped' : 'ended'} after ${stored} stored observations`);
  })().catch((err: unknown) => app.log.error({ err }, 'demo stream failed'));

  return {
    async stop() {
      stopped = true;
      (wake as (() => void) | null)?.();
      await done;
    },
  };
}
