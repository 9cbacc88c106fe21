/**
 * The notices area on PostgreSQL against its SQLite twin: the app's own use cases
 * (src/app/notices: notices announced in time, late, kept to the mission or forced to the parties
 * by a duty, withdrawn; windows of silence proposed, agreed, declined and withdrawn; and the
 * refusals) run on both stores, and every read, with every NoticeQuery option and as every viewer
 * may see it, answers the same; the logs hold the same events; a rebuild and the audit agree; a
 * tampered row is reported. Skips only when no PostgreSQL server answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../../app/events/event.js';
import {
  announceNotice,
  decideSilenceWindow,
  proposeSilenceWindow,
  visibleNotices,
  withdrawNotice,
} from '../../../app/notices/index.js';
import type { Agreement } from '../../../domain/agreement/index.js';
import { offset } from '../../../domain/fusion/test-support/scenario.js';
import { noticeVisibleTo, type SilenceCommand, type Viewer } from '../../../domain/notice/index.js';
import type { LonLat } from '../../../domain/units.js';
import type { Actor } from '../../../domain/workflow/index.js';
import type { NoticeQuery } from '../../deconfliction-records.js';
import type { Store } from '../../port.js';
import {
  demoAgreement,
  differingLogEntries,
  inlandOf,
  onBoth,
  openStorePair,
  postgresSkipReason,
  type StorePair,
} from './test-support/differential.js';

const skipReason = await postgresSkipReason();
if (skipReason) {
  console.warn(`notices.test.ts: skipped, ${skipReason}`);
  it.skip(`PostgreSQL notices: ${skipReason}`, () => undefined);
}

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const LIAISON_UA: Actor = { id: 'liaison-a', role: 'liaison', party: 'ua' };
const LIAISON_RU: Actor = { id: 'liaison-b', role: 'liaison', party: 'ru' };
const CHIEF: Actor = { id: 'chief', role: 'chief' };

let pair: StorePair;
let agreement: Agreement;
let site: LonLat;

const square = (c: LonLat, d: number): LonLat[][] => [
  [
    [c[0] - d, c[1] - d],
    [c[0] + d, c[1] - d],
    [c[0] + d, c[1] + d],
    [c[0] - d, c[1] + d],
    [c[0] - d, c[1] - d],
  ],
];
const REPAIR_WINDOW = { from: '2026-03-02T06:00:00Z', to: '2026-03-02T16:00:00Z' };

/** Runs a use case on both stores and requires the same answer (value, or error code and message). */
async function same<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const [a, b] = await onBoth(pair, run);
  expect(b).toEqual(a);
  if (!a.ok) throw new Error(`expected success, got ${a.code}: ${a.message}`);
  return a.value;
}

/** Runs a use case on both stores and requires both to refuse it alike; returns the code. */
async function refusedAlike(run: (store: Store) => Promise<unknown>): Promise<string | undefined> {
  const [a, b] = await onBoth(pair, run);
  expect(b).toEqual(a);
  if (a.ok) throw new Error('expected a refusal, both stores accepted');
  return a.code;
}

const VIEWERS: readonly (Viewer & { label: string })[] = [
  { label: 'monitor', role: 'monitor' },
  { label: 'analyst', role: 'analyst' },
  { label: 'chief', role: 'chief' },
  { label: 'admin', role: 'admin' },
  { label: 'liaison ua', role: 'liaison', party: 'ua' },
  { label: 'liaison ru', role: 'liaison', party: 'ru' },
  { label: 'guarantor', role: 'guarantor' },
  { label: 'public', role: 'public' },
];

/** Every NoticeQuery the tests ask: each option alone and together, window edges, odd instants. */
const QUERIES: readonly NoticeQuery[] = [
  {},
  { status: 'announced' },
  { status: 'withdrawn' },
  // A window that ends exactly at `from`, or starts exactly at `to`, overlaps.
  { from: REPAIR_WINDOW.to },
  { from: '2026-03-02T16:00:00.001Z' },
  { to: REPAIR_WINDOW.from },
  { to: '2026-03-02T05:59:59.999Z' },
  { from: '2026-03-02T18:00:00+02:00' },
  { from: '2026-03-01T00:00:00Z', to: '2026-03-01T23:59:59Z' },
  { from: '2026-03-01T09:00:00Z', to: '2026-03-01T09:30:00Z', status: 'announced' },
  { from: '2026-03-01T09:00:00Z', to: '2026-03-01T09:30:00Z', status: 'withdrawn' },
  { from: '2026-03-11T00:00:00Z', to: '2026-03-10T00:00:00Z' },
  { from: '2027-01-01T00:00:00Z' },
  { to: '2025-01-01T00:00:00Z' },
  { from: '', to: '', status: undefined },
  { from: 'yesterday' },
  { to: 'not an instant', status: 'announced' },
];

/** Every read the port offers on this area, and what each viewer may see of the notices. */
async function everyRead(store: Store) {
  const all = await store.listNotices!({});
  const silences = await store.listSilences!();
  const seen: Record<string, unknown> = {};
  for (const v of VIEWERS) {
    seen[v.label] = {
      listed: all.filter((n) => noticeVisibleTo(n.notice, v, agreement)).map((n) => n.notice.id),
      announced: (await visibleNotices(store, agreement, v)).map((n) => n.id),
      during: (await visibleNotices(store, agreement, v, REPAIR_WINDOW)).map((n) => n.id),
    };
  }
  return {
    queries: await Promise.all(QUERIES.map((q) => store.listNotices!(q))),
    notices: await Promise.all(
      [...all.map((n) => n.notice.id), 'ntc-none', ''].map((id) => store.getNotice!(id)),
    ),
    silences,
    silence: await Promise.all(
      [...silences.map((s) => s.silence.id), 'sil-none', ''].map((id) => store.getSilence!(id)),
    ),
    seen,
  };
}

describe.skipIf(skipReason !== null)(
  'notices and windows of silence on PostgreSQL, against SQLite',
  () => {
    beforeAll(async () => {
      agreement = demoAgreement();
      site = inlandOf(agreement, 'ua')(30);
      pair = await openStorePair();
      let now = T0;
      const at = (ms: number) => (now = ms);
      const announce = (body: Record<string, unknown>, actor: Actor) => {
        const when = now;
        return same((s) => announceNotice(s, agreement, body, actor, when));
      };
      const withdraw = (id: string, reason: string, actor: Actor) => {
        const when = now;
        return same((s) => withdrawNotice(s, agreement, id, reason, actor, when));
      };
      const propose = (id: string, actor: Actor, over: Record<string, unknown> = {}) => {
        const when = now;
        const proposal = {
          id,
          site: offset(site, 90, 20),
          radiusKm: 2,
          window: REPAIR_WINDOW,
          purpose: 'repair the water main',
          ...over,
        };
        return same((s) =>
          proposeSilenceWindow(s, agreement, proposal, 'pumping station down', actor, when),
        );
      };
      const decide = (id: string, command: SilenceCommand, actor: Actor) => {
        const when = now;
        return same((s) => decideSilenceWindow(s, id, command, actor, when));
      };

      // Filed 30 h ahead: in time under the 24 h demining duty; owed to the other party.
      expect(
        (
          await announce(
            {
              id: 'ntc-ua-1',
              party: 'ua',
              kind: 'demining',
              purpose: 'clear the N-20 verge',
              area: square(site, 0.06),
              window: REPAIR_WINDOW,
            },
            LIAISON_UA,
          )
        ).late,
      ).toBeNull();
      // A rotation below every duty's threshold, kept to the mission (sealed).
      await announce(
        {
          id: 'ntc-ua-2',
          party: 'ua',
          kind: 'rotation',
          purpose: 'relief of a company',
          area: square(site, 0.02),
          window: { from: '2026-03-01T10:00:00Z', to: '2026-03-01T20:00:00Z' },
          visibility: 'mission',
          troops: 120,
        },
        LIAISON_UA,
      );
      // 2 h ahead: late.
      const late = await announce(
        {
          id: 'ntc-ua-3',
          party: 'ua',
          kind: 'demining',
          purpose: 'verge',
          area: square(offset(site, 180, 50), 0.01),
          window: { from: '2026-03-01T02:00:00Z', to: '2026-03-01T08:00:00Z' },
        },
        LIAISON_UA,
      );
      expect(late.late).toMatchObject({
        duty: 'nd-demining',
        leadTimeHours: 24,
        filedHoursAhead: 2,
      });
      at(T0 + HOUR);
      // A public exercise nine days ahead; a rotation the duty forces to the parties, and late.
      await announce(
        {
          id: 'ntc-ru-1',
          party: 'ru',
          kind: 'exercise',
          purpose: 'brigade exercise',
          area: square(offset(site, 270, 60), 0.1),
          window: { from: '2026-03-10T00:00:00Z', to: '2026-03-12T00:00:00Z' },
          visibility: 'public',
          troops: 5000,
        },
        LIAISON_RU,
      );
      expect(
        (
          await announce(
            {
              id: 'ntc-ru-2',
              party: 'ru',
              kind: 'rotation',
              purpose: 'battalion relief',
              area: square(offset(site, 270, 40), 0.05),
              window: { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' },
              visibility: 'mission',
              troops: 800,
            },
            LIAISON_RU,
          )
        ).late,
      ).toMatchObject({ duty: 'nd-rotation' });
      await announce(
        {
          id: 'ntc-ru-3',
          party: 'ru',
          kind: 'infrastructure_repair',
          purpose: 'power line',
          area: square(offset(site, 270, 30), 0.02),
          window: { from: '2026-03-01T12:00:00Z', to: '2026-03-01T14:00:00Z' },
          visibility: 'parties',
        },
        LIAISON_RU,
      );
      at(T0 + 2 * HOUR);
      expect((await withdraw('ntc-ua-3', 'postponed', LIAISON_UA)).status).toBe('withdrawn');
      expect(
        await refusedAlike((s) =>
          withdrawNotice(s, agreement, 'ntc-ua-3', 'again', LIAISON_UA, now),
        ),
      ).toBe('ILLEGAL_TRANSITION');
      expect(
        await refusedAlike((s) =>
          withdrawNotice(s, agreement, 'ntc-ua-1', 'not yours', LIAISON_RU, now),
        ),
      ).toBe('FORBIDDEN');
      expect(
        await refusedAlike((s) =>
          withdrawNotice(s, agreement, 'ntc-none', 'gone', LIAISON_UA, now),
        ),
      ).toBe('NOT_FOUND');
      expect(
        await refusedAlike((s) =>
          announceNotice(
            s,
            agreement,
            {
              id: 'ntc-ua-1',
              party: 'ua',
              kind: 'demining',
              purpose: 'again',
              area: square(site, 0.01),
              window: REPAIR_WINDOW,
            },
            LIAISON_UA,
            now,
          ),
        ),
      ).toBe('ID_CONFLICT');
      expect(
        await refusedAlike((s) =>
          announceNotice(
            s,
            agreement,
            {
              id: 'ntc-ua-9',
              party: 'ua',
              kind: 'demining',
              purpose: 'forged',
              area: square(site, 0.01),
              window: REPAIR_WINDOW,
            },
            LIAISON_RU,
            now,
          ),
        ),
      ).toBe('FORBIDDEN');

      // Windows of silence: agreed, declined, brokered by the chief, withdrawn.
      await propose('sil-1', LIAISON_UA, { noticeId: 'ntc-ua-1' });
      expect(
        await refusedAlike((s) =>
          decideSilenceWindow(s, 'sil-1', { type: 'consent', reason: 'yes' }, LIAISON_UA, now),
        ),
      ).toBe('ILLEGAL_TRANSITION');
      expect(
        await refusedAlike((s) =>
          decideSilenceWindow(s, 'sil-1', { type: 'consent', reason: 'yes' }, CHIEF, now),
        ),
      ).toBe('FORBIDDEN');
      at(T0 + 3 * HOUR);
      expect(
        (await decide('sil-1', { type: 'consent', reason: 'crews may work' }, LIAISON_RU)).event.to,
      ).toBe('agreed');
      await propose('sil-2', LIAISON_UA);
      expect(
        (await decide('sil-2', { type: 'decline', reason: 'active shelling' }, LIAISON_RU)).event
          .to,
      ).toBe('declined');
      await propose('sil-3', CHIEF, {
        radiusKm: 5,
        window: { from: '2026-03-03T06:00:00Z', to: '2026-03-03T12:00:00Z' },
      });
      at(T0 + 4 * HOUR);
      expect(
        (await decide('sil-3', { type: 'consent', reason: 'agreed' }, LIAISON_UA)).event.to,
      ).toBe('proposed');
      expect(
        (await decide('sil-3', { type: 'consent', reason: 'agreed' }, LIAISON_RU)).event.to,
      ).toBe('agreed');
      await propose('sil-4', LIAISON_RU);
      expect(
        (await decide('sil-4', { type: 'withdraw', reason: 'not needed' }, LIAISON_RU)).event.to,
      ).toBe('withdrawn');
      expect(
        await refusedAlike((s) =>
          proposeSilenceWindow(
            s,
            agreement,
            { id: 'sil-1', site, radiusKm: 1, window: REPAIR_WINDOW, purpose: 'again' },
            'again',
            LIAISON_UA,
            now,
          ),
        ),
      ).toBe('ID_CONFLICT');
      expect(
        await refusedAlike((s) =>
          decideSilenceWindow(s, 'sil-none', { type: 'consent', reason: 'yes' }, LIAISON_RU, now),
        ),
      ).toBe('NOT_FOUND');
      // Over: a notice whose window ended is not withdrawn, a window that began is not withdrawn.
      at(Date.parse('2026-03-02T07:00:00Z'));
      expect(
        await refusedAlike((s) =>
          withdrawNotice(s, agreement, 'ntc-ru-3', 'late', LIAISON_RU, now),
        ),
      ).toBe('ILLEGAL_TRANSITION');
      expect(
        await refusedAlike((s) =>
          decideSilenceWindow(s, 'sil-1', { type: 'withdraw', reason: 'late' }, LIAISON_UA, now),
        ),
      ).toBe('ILLEGAL_TRANSITION');
    });
    afterAll(async () => {
      await pair?.close();
    });

    it('records the same events in both logs', async () => {
      expect(await pair.pg.ledger.size()).toBe(await pair.sqlite.ledger.size());
      expect(await differingLogEntries(pair)).toEqual([]);
    });

    it('answers every read and every NoticeQuery option as SQLite does', async () => {
      const want = await everyRead(pair.sqlite);
      const got = await everyRead(pair.pg);
      expect(got).toEqual(want);
      const ids = (i: number) => got.queries[i]!.map((n) => n.notice.id);
      expect(ids(0)).toEqual([
        'ntc-ua-1',
        'ntc-ua-2',
        'ntc-ua-3',
        'ntc-ru-1',
        'ntc-ru-2',
        'ntc-ru-3',
      ]);
      expect(ids(2)).toEqual(['ntc-ua-3']);
      expect(ids(3)).toContain('ntc-ua-1');
      expect(ids(4)).not.toContain('ntc-ua-1');
      expect(ids(5)).toContain('ntc-ua-1');
      expect(ids(6)).not.toContain('ntc-ua-1');
      expect(ids(7)).toEqual(ids(3));
      // An inverted range holds the notices that span both its ends.
      expect(ids(11)).toEqual(['ntc-ru-1']);
      expect(got.queries[14]).toEqual(got.queries[0]);
      expect(got.queries[15]).toEqual([]);
      expect(got.queries[16]).toEqual([]);
      expect(got.notices.slice(-2)).toEqual([null, null]);
      expect(got.silence.slice(-2)).toEqual([null, null]);
      expect(
        got.silences.map((s) => [
          s.silence.id,
          s.silence.status,
          s.events.map((e) => e.event.type),
        ]),
      ).toEqual([
        ['sil-1', 'agreed', ['silence.proposed', 'silence.consented']],
        ['sil-2', 'declined', ['silence.proposed', 'silence.declined']],
        ['sil-3', 'agreed', ['silence.proposed', 'silence.consented', 'silence.consented']],
        ['sil-4', 'withdrawn', ['silence.proposed', 'silence.withdrawn']],
      ]);
      const withdrawn = got.notices.find((n) => n?.notice.id === 'ntc-ua-3')!;
      expect(withdrawn.withdrawn).toEqual({
        by: 'liaison-a',
        at: '2026-03-01T02:00:00.000Z',
        reason: 'postponed',
      });
      expect(withdrawn.updatedLedgerIndex).toBeGreaterThan(withdrawn.ledgerIndex);
    });

    it("shows each viewer the notices the agreement's rules allow, on both stores", async () => {
      const { seen } = await everyRead(pair.pg);
      expect(seen['liaison ru']).toEqual({
        listed: ['ntc-ua-1', 'ntc-ua-3', 'ntc-ru-1', 'ntc-ru-2', 'ntc-ru-3'],
        announced: ['ntc-ua-1', 'ntc-ru-1', 'ntc-ru-2', 'ntc-ru-3'],
        during: ['ntc-ua-1', 'ntc-ru-2'],
      });
      expect((seen['liaison ua'] as { listed: string[] }).listed).toHaveLength(6);
      expect((seen.guarantor as { listed: string[] }).listed).not.toContain('ntc-ua-2');
      expect(seen.public).toEqual({ listed: ['ntc-ru-1'], announced: ['ntc-ru-1'], during: [] });
      expect((seen.monitor as { listed: string[] }).listed).toHaveLength(6);
    });

    it('refuses the same impossible events as SQLite, and records none of them', async () => {
      const size = await pair.pg.ledger.size();
      const sil1 = (await pair.sqlite.getSilence('sil-1'))!;
      const ev = (type: string, data: Record<string, unknown>): LedgerEvent => ({
        v: 1,
        type,
        at: '2026-03-02T08:00:00.000Z',
        actor: 'user:liaison-a',
        data,
      });
      const bad: LedgerEvent[] = [
        ev('notice.withdrawn', { noticeId: 'ntc-none', by: 'liaison-a', reason: 'x' }),
        ev('notice.withdrawn', { noticeId: 'ntc-ua-3', by: 'liaison-a', reason: 'twice' }),
        ev('notice.withdrawn', { by: 'liaison-a', reason: 'no id' }),
        ev('notice.announced', { notice: { id: 'ntc-x', party: 'ua' }, announcedBy: 'liaison-a' }),
        ev('silence.proposed', { ...sil1.events[0]!.event }),
        ev('silence.consented', {
          ...sil1.events[1]!.event,
          silenceId: 'sil-none',
          silence: { ...sil1.silence, id: 'sil-none' },
        }),
        ev('silence.declined', { ...sil1.events[1]!.event }),
      ];
      for (const event of bad) {
        const [a, b] = await onBoth(pair, (s) =>
          s.write((tx) => tx.record([{ event, confidential: true }])),
        );
        expect(a.ok, event.type).toBe(false);
        expect(b.ok, event.type).toBe(false);
        expect(
          !b.ok && !a.ok && b.message.includes(a.message),
          `${event.type}: ${!a.ok && a.message} / ${!b.ok && b.message}`,
        ).toBe(true);
      }
      expect(await pair.pg.ledger.size()).toBe(size);
      expect(await pair.sqlite.ledger.size()).toBe(size);
    });

    it('rebuilds to the same reads, audits clean, and reports tampered rows', async () => {
      const before = await everyRead(pair.pg);
      await pair.pg.rebuild();
      expect(await everyRead(pair.pg)).toEqual(before);
      expect((await pair.pg.auditState()).differences).toEqual([]);
      expect((await pair.sqlite.auditState()).differences).toEqual([]);

      const sil1 = before.silences[0]!;
      const consent = sil1.events[1]!.ledgerIndex;
      const ntc3 = before.notices.find((n) => n?.notice.id === 'ntc-ua-3')!;
      const sil2 = before.silences[1]!;
      await pair.sql(
        `UPDATE notices SET status = 'announced', withdrawn = NULL WHERE id = 'ntc-ua-3'`,
      );
      await pair.sql('DELETE FROM silence_events WHERE ledger_idx = $1', [consent]);
      await pair.sql(`UPDATE silences SET status = 'agreed' WHERE id = 'sil-2'`);
      const { differences } = await pair.pg.auditState();
      expect(differences).toEqual([
        {
          table: 'silence_events',
          key: String(consent),
          ledgerIndex: consent,
          what: 'missing',
          detail: expect.any(String),
        },
        {
          table: 'silences',
          key: 'sil-2',
          ledgerIndex: sil2.ledgerIndex,
          what: 'changed',
          detail: expect.stringContaining('status'),
        },
        {
          table: 'notices',
          key: 'ntc-ua-3',
          ledgerIndex: ntc3.ledgerIndex,
          what: 'changed',
          detail: expect.stringMatching(/status.*withdrawn|withdrawn.*status/),
        },
      ]);
      await pair.pg.rebuild();
      expect((await pair.pg.auditState()).differences).toEqual([]);
      expect(await everyRead(pair.pg)).toEqual(before);
    });
  },
);
