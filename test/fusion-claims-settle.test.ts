/**
 * Party claims settled on the wall clock: a claim filed in a quiet period, with no report after
 * it, joins its mission incident once the allowance has passed, on the fuser's timer, and the
 * change is recorded on the ledger like any other. An import of old data is not settled early.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeLeaf } from '../src/app/events/event.js';
import { fileAndFuse, FusionFollower, IncidentFuser } from '../src/app/fusion/index.js';
import { onLine, testAgreement } from '../src/domain/assessment/test-support/agreement.js';
import { at, obs, offset, pointAt, T0 } from '../src/domain/fusion/test-support/scenario.js';
import type { Store } from '../src/store/port.js';
import { SqliteStore } from '../src/store/sqlite/store.js';

const agreement = testAgreement();
const MIN = 60_000;
const barrage = offset(onLine(), 90, 5);
// A party's claim of a half hour, then two shots within it: the first 1.2 km off the claimed
// place, the second on it. Nothing is filed after them.
const claim = obs('claim', {
  ...pointAt(barrage, 1500),
  source: { kind: 'party', id: 'hq-east', party: 'east' },
  observedAt: { from: at(-10), to: at(20) },
});
const first = obs('first', { ...pointAt(offset(barrage, 90, 1.2), 300), observedAt: at(0) });
const second = obs('second', { ...pointAt(barrage, 300), observedAt: at(8) });

function open(): SqliteStore {
  return SqliteStore.open(join(mkdtempSync(join(tmpdir(), 'truceline-claims-')), 'test.db'), { synchronous: 'NORMAL' });
}

async function ledgerTypes(store: Store, from = 0): Promise<string[]> {
  const out: string[] = [];
  for (let i = from; i < (await store.ledger.size()); i++) out.push(decodeLeaf((await store.ledger.entry(i))!).type);
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('claims settled on the wall clock', () => {
  it('joins a claim filed in a quiet period to its mission incident after the timer, recorded on the ledger', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = open();
    const fuser = new IncidentFuser(store, agreement, { log: () => undefined });
    // Filed live an hour after the claimed half hour began, then quiet.
    const filedAt = T0 + 60 * MIN;
    let wall = filedAt;
    await fileAndFuse(store, fuser, [claim, first, second], { actor: 'test', nowMs: filedAt });
    fuser.settleEvery(MIN, () => wall);
    const before = await store.ledger.size();
    expect((await store.getIncident!('inc-claim'))!.incident.observationIds).toEqual(['claim']);

    // Within the allowance (10 min): the timer finds nothing due.
    for (let k = 0; k < 9; k++) {
      wall += MIN;
      await vi.advanceTimersByTimeAsync(MIN);
    }
    await fuser.close();
    expect(await store.ledger.size()).toBe(before);

    fuser.settleEvery(MIN, () => wall);
    wall = filedAt + 11 * MIN;
    await vi.advanceTimersByTimeAsync(MIN);
    await fuser.close();
    expect(await ledgerTypes(store, before)).toEqual(['incident.merged']);
    const merge = decodeLeaf((await store.ledger.entry(before))!) as unknown as { at: string; data: { absorbedId: string; reason: string } };
    expect(merge.at).toBe(new Date(wall).toISOString());
    expect(merge.data).toMatchObject({ absorbedId: 'inc-claim', reason: "claim fits inc-second best among the mission's incidents of its window" });
    const got = (await store.getIncident!('inc-claim'))!;
    expect(got.incident).toMatchObject({ id: 'inc-second', aliases: ['inc-claim'], observationIds: ['claim', 'second'] });
    expect(fuser.size.incidents).toBe(2);
    // Closed: no timer left behind.
    expect(vi.getTimerCount()).toBe(0);
    await store.close();
  });

  it('does not settle the claims of an import of old data early', async () => {
    const store = open();
    const fuser = new IncidentFuser(store, agreement, { log: () => undefined });
    // The same reports read in three days later, then the wall clock a few minutes on.
    const importedAt = T0 + 3 * 24 * 60 * MIN;
    await fileAndFuse(store, fuser, [claim, first, second], { actor: 'test', nowMs: importedAt });
    const before = await store.ledger.size();
    expect(await fuser.settle(importedAt + 5 * MIN)).toMatchObject({ events: 0, failed: false });
    expect(await store.ledger.size()).toBe(before);
    // Once the allowance has passed since they were read, with nothing after them, they settle.
    expect(await fuser.settle(importedAt + 11 * MIN)).toMatchObject({ events: 1, failed: false });
    expect((await store.getIncident!('inc-claim'))!.incident.id).toBe('inc-second');
    await store.close();
  });

  it('after a restart, records a settle the stopped process left undone, and not one it recorded', async () => {
    const filedAt = T0 + 60 * MIN;
    const due = filedAt + 11 * MIN;
    // Stopped before its timer settled the claim: the new process settles and records it.
    const store = open();
    await fileAndFuse(store, new IncidentFuser(store, agreement, { log: () => undefined }), [claim, first, second], { actor: 'test', nowMs: filedAt });
    const before = await store.ledger.size();
    const restarted = new IncidentFuser(store, agreement, { log: () => undefined });
    expect(await restarted.recover(due, Number.MAX_SAFE_INTEGER)).toEqual({ replayed: 3, recovered: 0, events: 1 });
    expect(await ledgerTypes(store, before)).toEqual(['incident.merged']);
    expect((await store.getIncident!('inc-claim'))!.incident).toMatchObject({ id: 'inc-second', observationIds: ['claim', 'second'] });
    // Stopped after: nothing is recorded twice.
    const again = new IncidentFuser(store, agreement, { log: () => undefined });
    expect(await again.recover(due + MIN, Number.MAX_SAFE_INTEGER)).toEqual({ replayed: 3, recovered: 0, events: 0 });
    expect(await again.settle(due + 2 * MIN)).toMatchObject({ events: 0 });
    expect(await ledgerTypes(store, before)).toEqual(['incident.merged']);
    expect((await store.auditState()).differences).toEqual([]);
    await store.close();
  });

  it('settles claims on the timer of the fusion duty (serve), and stops with it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = open();
    const filedAt = T0 + 60 * MIN;
    let wall = filedAt;
    const follower = await FusionFollower.start({ store, agreement }, { log: () => undefined, pollMs: 0, nowMs: () => wall });
    await fileAndFuse(store, { afterStored: () => follower.catchUp() }, [claim, first, second], { actor: 'test', nowMs: filedAt });
    expect((await store.getIncident!('inc-claim'))!.incident.observationIds).toEqual(['claim']);
    wall = filedAt + 11 * MIN;
    await vi.advanceTimersByTimeAsync(MIN);
    // Stopping the duty waits for the settle in hand and stops the timer.
    await follower.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect((await store.getIncident!('inc-claim'))!.incident).toMatchObject({ id: 'inc-second', observationIds: ['claim', 'second'] });
    await store.close();
  });
});
