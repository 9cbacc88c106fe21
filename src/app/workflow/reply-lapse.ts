/**
 * Reply deadlines kept by the clock: a finding that attributes a violation to a party opens a
 * reply window of the agreement's replyDeadlineHours; when it passes unanswered, the system
 * records `finding.reply_lapsed` (src/domain/workflow expireReplies), so the absence of a reply
 * is part of the record as a reply would be. `truceline serve` runs the scheduler; tests pass
 * their own clock.
 */
import { expireReplies, type WorkflowEvent } from '../../domain/workflow/index.js';
import type { RecordInput, Store } from '../../store/port.js';
import { workflowLedgerEvent } from './apply.js';
import { readWorkflow } from './stored.js';

export interface LapsedReplies {
  readonly incidentId: string;
  readonly events: readonly WorkflowEvent[];
  readonly firstIndex: number;
}

/**
 * Records `finding.reply_lapsed` for every open reply window whose deadline is before `nowMs`,
 * one transaction per incident. Events of an incident that is not public are sealed, as every
 * other workflow step of it is.
 */
export async function recordLapsedReplies(store: Store, nowMs: number): Promise<LapsedReplies[]> {
  const ids = (await store.listOpenReplyIncidents?.()) ?? [];
  const at = new Date(nowMs).toISOString();
  const out: LapsedReplies[] = [];
  for (const incidentId of ids) {
    const done = await store.write(async (tx) => {
      const stored = await readWorkflow(store, incidentId);
      // A clock behind the workflow's last step cannot see a deadline pass that the step did not.
      if (!stored || Date.parse(stored.state.lastAt) > nowMs) return null;
      const { events } = expireReplies(stored.state, at);
      if (events.length === 0) return null;
      const incident = (await store.getIncident?.(incidentId)) ?? null;
      const confidential = incident?.visibility !== 'public';
      const inputs: RecordInput[] = events.map((e) => ({
        event: workflowLedgerEvent(e),
        ...(confidential ? { confidential } : {}),
      }));
      const { firstIndex } = await tx.record(inputs);
      return { incidentId, events, firstIndex };
    });
    if (done) out.push(done);
  }
  return out;
}

export interface ReplyLapseScheduler {
  /** One pass now (also what each tick runs); resolves with what it recorded. */
  runNow(): Promise<LapsedReplies[]>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Checks reply deadlines every `intervalMs` (default one minute) against `now()`. A failing pass
 * is logged and the next one tries again; passes never overlap.
 */
export function startReplyLapseScheduler(opts: {
  store: Store;
  now?: () => number;
  intervalMs?: number;
  log?: (line: string) => void;
}): ReplyLapseScheduler {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  let running: Promise<LapsedReplies[]> = Promise.resolve([]);
  const runNow = (): Promise<LapsedReplies[]> => {
    running = running
      .catch(() => [])
      .then(() => recordLapsedReplies(opts.store, now()))
      .then((done) => {
        for (const d of done)
          log(
            `reply deadline passed: ${d.events.map((e) => (e.type === 'finding.reply_lapsed' ? e.findingId : e.type)).join(', ')}`,
          );
        return done;
      });
    return running;
  };
  const timer = setInterval(() => {
    runNow().catch((err: unknown) =>
      log(`reply deadlines: ${err instanceof Error ? err.message : String(err)}`),
    );
  }, opts.intervalMs ?? 60_000);
  timer.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
    },
  };
}
