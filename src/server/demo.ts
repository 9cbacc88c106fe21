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
 * How long one backlog batch (filing and fusion) should take. A batch in hand is finished before
 * the stream stops, so this bounds how long a stop waits; batches are sized from the last one's
 * pace, between BACKLOG_MIN and BACKLOG_MAX observations.
 */
const BACKLOG_BATCH_MS = 300;
const BACKLOG_MIN = 10;
const BACKLOG_MAX = 2000;

/**
 * Lets the event loop run (signals, timers, requests): filing and fusion with the embedded store
 * resolve without ever leaving the microtask queue, so a loop of batches would hold it throughout.
 */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * `serve --demo`: plays the simulator's scenario (src/sim) in through the same intake as HTTP
 * (fileObservations, actor `sim:demo`) at a realistic pace, so the map is alive. The scenario is
 * placed in the past, ending at start-up, so no observation is "in the future" when filed.
 * Observations due within the same 250 ms are filed together, in one transaction. The backlog
 * (the days before the paced part) is filed at once, in batches sized to take about
 * BACKLOG_BATCH_MS each, the event loop let run between them: `stop()` (on SIGINT or SIGTERM)
 * finishes the batch in hand and returns within about that long.
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
    // Returns to the caller before any work, so its signal handlers are in place first.
    await yieldToEvents();
    if (stopped) return;
    say(`filing ${days} simulated days from ${start}: the first ${((backfillUntil - startMs) / 86_400_000).toFixed(0)} at once, the rest at ${speed}× (seed ${o.seed ?? 1})`);
    let batch: unknown[] = [];
    let due = 0;
    let stored = 0;
    let backlogBatch = BACKLOG_MIN;
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
        if (batch.length >= backlogBatch) {
          const n = batch.length;
          const t0 = performance.now();
          await flush();
          const msEach = Math.max(performance.now() - t0, 1) / n;
          backlogBatch = Math.max(BACKLOG_MIN, Math.min(BACKLOG_MAX, Math.round(BACKLOG_BATCH_MS / msEach)));
          await yieldToEvents();
        }
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
