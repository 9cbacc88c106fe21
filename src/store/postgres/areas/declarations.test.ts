/**
 * The declarations area on PostgreSQL against its SQLite twin: the app's own use cases
 * (src/app/declarations: a declaration above a ceiling, one that changes by 12%, equipment the
 * monitors saw away from every declared unit, a re-check, duplicates and refusals) run on both
 * stores, and every read, with every query option and as every reader may see it, answers the
 * same; the logs hold the same events; a rebuild and the audit agree; a tampered row is reported.
 * Skips only when no PostgreSQL server answers.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  declarationView,
  mayReadDeclarations,
  recheckDeclaration,
  submitDeclaration,
  type DeclarationReader,
} from '../../../app/declarations/index.js';
import type { LedgerEvent } from '../../../app/events/event.js';
import { fileObservations } from '../../../app/file-observations.js';
import type { Agreement } from '../../../domain/agreement/index.js';
import { obs, offset, pointAt } from '../../../domain/fusion/test-support/scenario.js';
import type { Observation } from '../../../domain/observation/types.js';
import type { LonLat } from '../../../domain/units.js';
import type { Store } from '../../port.js';
import { testServerUrl } from '../scratch-database.js';
import { PostgresStore } from '../store.js';
import { SqliteStore } from '../../sqlite/store.js';
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
  console.warn(`declarations.test.ts: skipped, ${skipReason}`);
  it.skip(`PostgreSQL declarations: ${skipReason}`, () => undefined);
}

const T0 = Date.parse('2026-03-01T00:00:00Z');
const HOUR = 3_600_000;
const UA_LIAISON = { name: 'liaison-a', party: 'ua' };
const RU_LIAISON = { name: 'liaison-b', party: 'ru' };

let pair: StorePair;
let agreement: Agreement;
let inland: (km: number) => LonLat;

function uaDeclaration(asOf: string, troops: number) {
  const hq = inland(80);
  return {
    party: 'ua',
    asOf,
    units: [
      {
        id: 'corps-1',
        name: '1st Corps',
        location: hq,
        personnel: troops - 4200,
        equipment: { battle_tanks: 300, artillery: 400 },
      },
      {
        id: 'bde-12',
        name: '12th Brigade',
        location: offset(hq, 0, 10),
        personnel: 4200,
        equipment: { battle_tanks: 31, armoured_combat_vehicles: 120 },
      },
    ],
  };
}

const ruDeclaration = (asOf: string, troops: number) => ({
  party: 'ru',
  asOf,
  units: [
    { id: 'army-8', name: '8th Army', location: offset(inland(80), 0, 0.1), personnel: troops },
  ],
});

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

const file = (observations: Observation[], nowMs: number) =>
  same(async (store) =>
    (await fileObservations(store, observations, { actor: 'user:monitor', nowMs })).map(
      (r) => r.status,
    ),
  );

const READERS: readonly (DeclarationReader & { label: string })[] = [
  { label: 'monitor', role: 'monitor', party: null },
  { label: 'analyst', role: 'analyst', party: null },
  { label: 'chief', role: 'chief', party: null },
  { label: 'admin', role: 'admin', party: null },
  { label: 'liaison ua', role: 'liaison', party: 'ua' },
  { label: 'liaison ru', role: 'liaison', party: 'ru' },
  { label: 'guarantor', role: 'guarantor', party: null },
  { label: 'public', role: 'public', party: null },
];

/** Every read the port offers on this area, with every query option, and what each reader may see of it. */
async function everyRead(store: Store) {
  const all = await store.listDeclarations!({});
  const ids = all.map((d) => d.id);
  const views: Record<string, unknown> = {};
  for (const r of READERS)
    views[r.label] = mayReadDeclarations(r) ? all.map((d) => declarationView(d, r)) : null;
  return {
    all,
    ua: await store.listDeclarations!({ party: 'ua' }),
    ru: await store.listDeclarations!({ party: 'ru' }),
    unknownParty: await store.listDeclarations!({ party: 'xx' }),
    emptyParty: await store.listDeclarations!({ party: '' }),
    byId: await Promise.all(
      [...ids, 'ua-1999-01-01', '', "ua-2025-01-01' OR '1'='1"].map((id) =>
        store.getDeclaration!(id),
      ),
    ),
    views,
  };
}

describe.skipIf(skipReason !== null)('declarations on PostgreSQL, against SQLite', () => {
  beforeAll(async () => {
    agreement = demoAgreement();
    inland = inlandOf(agreement, 'ua');
    pair = await openStorePair();
    let now = T0;
    const tick = () => (now += HOUR);
    const submit = (body: unknown, by = UA_LIAISON) => {
      const at = tick();
      return same((s) => submitDeclaration(s, agreement, body, by, at));
    };
    const recheck = (id: string, actor: string) => {
      const at = tick();
      return same((s) => recheckDeclaration(s, agreement, id, actor, at));
    };

    expect(
      (await submit(uaDeclaration('2025-01-01', 812_400))).declaration.candidates.map(
        (c) => c.kind,
      ),
    ).toEqual(['ceiling_exceeded']);
    expect(
      (await submit(uaDeclaration('2025-07-01', 714_912))).declaration.candidates.map(
        (c) => c.kind,
      ),
    ).toEqual(['declared_change']);
    expect(
      await file(
        [
          obs('tanks-1', {
            ...pointAt(inland(40), 200),
            observedAt: { from: '2025-12-20T09:00:00Z', to: '2025-12-20T09:05:00Z' },
            event: 'weapon_sighting',
            count: 4,
            weapon: 'tank',
            direction: 'undetermined',
          }),
          // The other party's confidential filing: an allegation, never a candidate's ground.
          obs('conf-ru-1', {
            ...pointAt(inland(45), 200),
            source: { kind: 'party', party: 'ru' },
            visibility: 'party-confidential',
            observedAt: { from: '2025-12-21T09:00:00Z', to: '2025-12-21T09:05:00Z' },
            event: 'weapon_sighting',
            count: 9,
            weapon: 'mlrs',
            direction: 'undetermined',
          }),
        ],
        tick(),
      ),
    ).toEqual(['stored', 'stored']);
    expect(
      (await submit(uaDeclaration('2026-01-01', 714_912))).declaration.candidates.map(
        (c) => c.kind,
      ),
    ).toEqual(['undeclared_equipment']);
    expect(
      await file(
        [
          obs('guns-1', {
            ...pointAt(inland(12), 200),
            visibility: 'public',
            observedAt: { from: '2025-12-28T09:00:00Z', to: '2025-12-28T09:05:00Z' },
            event: 'weapon_sighting',
            count: 6,
            weapon: 'artillery',
            calibreMm: 152,
            direction: 'undetermined',
          }),
        ],
        tick(),
      ),
    ).toEqual(['stored']);
    const rechecked = await recheck('ua-2026-01-01', 'user:analyst');
    expect(rechecked.changed).toBe(true);
    expect(rechecked.declaration.candidates.map((c) => c.kind)).toEqual([
      'undeclared_equipment',
      'undeclared_equipment',
      'equipment_in_withdrawal_zone',
    ]);
    expect((await recheck('ua-2026-01-01', 'user:chief')).changed).toBe(false);
    await submit(ruDeclaration('2026-01-01', 30_000), RU_LIAISON);
    expect(
      (await submit(ruDeclaration('2026-02-01', 36_000), RU_LIAISON)).declaration.candidates.map(
        (c) => c.kind,
      ),
    ).toEqual(['declared_change']);
    // The same body again records nothing; other figures for a date, another party's liaison, an
    // unknown declaration are refused alike.
    expect((await submit(uaDeclaration('2025-01-01', 812_400))).duplicate).toBe(true);
    const late = tick();
    expect(
      await refusedAlike((s) =>
        submitDeclaration(s, agreement, uaDeclaration('2025-01-01', 812_401), UA_LIAISON, late),
      ),
    ).toBe('ID_CONFLICT');
    expect(
      await refusedAlike((s) =>
        submitDeclaration(s, agreement, uaDeclaration('2026-02-01', 10_000), RU_LIAISON, late),
      ),
    ).toBe('FORBIDDEN');
    expect(
      await refusedAlike((s) =>
        recheckDeclaration(s, agreement, 'ua-1999-01-01', 'user:analyst', late),
      ),
    ).toBe('NOT_FOUND');
  });
  afterAll(async () => {
    await pair?.close();
  });

  it('records the same events in both logs', async () => {
    expect(await pair.pg.ledger.size()).toBe(await pair.sqlite.ledger.size());
    expect(await differingLogEntries(pair)).toEqual([]);
  });

  it('answers every read and query option as SQLite does, by party then date', async () => {
    const want = await everyRead(pair.sqlite);
    const got = await everyRead(pair.pg);
    expect(got).toEqual(want);
    expect(got.all.map((d) => d.id)).toEqual([
      'ru-2026-01-01',
      'ru-2026-02-01',
      'ua-2025-01-01',
      'ua-2025-07-01',
      'ua-2026-01-01',
    ]);
    expect(got.ua.map((d) => d.id)).toEqual(['ua-2025-01-01', 'ua-2025-07-01', 'ua-2026-01-01']);
    expect(got.unknownParty).toEqual([]);
    expect(got.emptyParty).toEqual(got.all);
    expect(got.byId.slice(-3)).toEqual([null, null, null]);
    const checked = got.byId.find((d) => d?.id === 'ua-2026-01-01')!;
    expect(checked.updatedLedgerIndex).toBeGreaterThan(checked.ledgerIndex);
    expect(checked.checkedAt > checked.submittedAt).toBe(true);
    expect(got.byId.find((d) => d?.id === 'ua-2025-07-01')!.previousId).toBe('ua-2025-01-01');
  });

  it('keeps the confidential filing out and the candidates to the mission and the declaring party', async () => {
    const { views, all } = await everyRead(pair.pg);
    expect(all.flatMap((d) => d.candidates.flatMap((c) => c.observations ?? []))).not.toContain(
      'conf-ru-1',
    );
    const candidatesSeen = (label: string) =>
      (views[label] as { id: string; candidates?: unknown }[])
        .filter((d) => d.candidates !== undefined)
        .map((d) => d.id);
    expect(candidatesSeen('liaison ru')).toEqual(['ru-2026-01-01', 'ru-2026-02-01']);
    expect(candidatesSeen('liaison ua')).toEqual([
      'ua-2025-01-01',
      'ua-2025-07-01',
      'ua-2026-01-01',
    ]);
    expect(candidatesSeen('guarantor')).toEqual([]);
    expect(candidatesSeen('analyst')).toHaveLength(5);
    expect(views.public).toBeNull();
  });

  it('refuses the same impossible events as SQLite, and records none of them', async () => {
    const size = await pair.pg.ledger.size();
    const bad: LedgerEvent[] = [
      {
        v: 1,
        type: 'declaration.checked',
        at: '2026-03-02T00:00:00.000Z',
        actor: 'user:analyst',
        data: { id: 'ua-1999-01-01', candidates: [] },
      },
      {
        v: 1,
        type: 'declaration.checked',
        at: '2026-03-02T00:00:00.000Z',
        actor: 'user:analyst',
        data: { id: 'ua-2025-01-01' },
      },
      {
        v: 1,
        type: 'declaration.submitted',
        at: '2026-03-02T00:00:00.000Z',
        actor: 'user:liaison-a',
        data: {
          id: 'ua-x',
          digest: 'd',
          submittedBy: 'liaison-a',
          declaration: { party: 'ua' },
          candidates: [],
        },
      },
    ];
    for (const event of bad) {
      const [a, b] = await onBoth(pair, (s) =>
        s.write((tx) => tx.record([{ event, confidential: true }])),
      );
      expect(a.ok).toBe(false);
      expect(b.ok).toBe(false);
      // The applier's own words, behind the adapter's "rolled back" on PostgreSQL.
      expect(!b.ok && !a.ok && b.message.includes(a.message)).toBe(true);
    }
    expect(await pair.pg.ledger.size()).toBe(size);
    expect(await pair.sqlite.ledger.size()).toBe(size);
  });

  it('rebuilds to the same reads, audits clean, and reports a tampered row', async () => {
    const before = await everyRead(pair.pg);
    await pair.pg.rebuild();
    expect(await everyRead(pair.pg)).toEqual(before);
    expect((await pair.pg.auditState()).differences).toEqual([]);
    expect((await pair.sqlite.auditState()).differences).toEqual([]);

    const ua0 = before.all.find((d) => d.id === 'ua-2025-01-01')!;
    await pair.sql(`UPDATE declarations SET candidates = '[]' WHERE id = 'ua-2025-01-01'`);
    await pair.sql(
      `INSERT INTO declarations (id, party, as_of, declaration, digest, submitted_by, submitted_at, candidates, checked_at, ledger_idx, updated_ledger_idx)
       SELECT 'ua-2024-01-01', party, '2024-01-01', declaration, digest, submitted_by, submitted_at, candidates, checked_at, ledger_idx, updated_ledger_idx
       FROM declarations WHERE id = 'ua-2025-07-01'`,
    );
    const { differences } = await pair.pg.auditState();
    expect(differences).toEqual([
      expect.objectContaining({ table: 'declarations', key: 'ua-2024-01-01', what: 'unexpected' }),
      {
        table: 'declarations',
        key: 'ua-2025-01-01',
        ledgerIndex: ua0.ledgerIndex,
        what: 'changed',
        detail: expect.stringContaining('candidates'),
      },
    ]);
    await pair.pg.rebuild();
    expect((await pair.pg.auditState()).differences).toEqual([]);
    expect(await everyRead(pair.pg)).toEqual(before);
  });
});

describe.skipIf(skipReason !== null)(
  'declarations on PostgreSQL in a database whose collation is not bytewise',
  () => {
    it('orders parties and dates by bytes, as SQLite does', async () => {
      const server = testServerUrl();
      const name = `truceline_test_icu_${process.pid}_${Date.now()}`;
      const admin = async (text: string) => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        try {
          await c.query(text);
        } finally {
          await c.end();
        }
      };
      // An ICU English collation puts 'a_b' before 'Zz' and 'z' before 'Z1'; bytes do the opposite.
      await admin(
        `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en' LOCALE 'C.UTF-8'`,
      );
      const url = new URL(server);
      url.pathname = `/${name}`;
      const sqlite = SqliteStore.open(':memory:');
      let store: PostgresStore | undefined;
      try {
        store = await PostgresStore.open(url.toString(), {
          schema: 'icu_order',
          maxConnections: 2,
        });
        const parties = ['Zz', 'a_b', 'z', 'Z1', 'ä'];
        const events: LedgerEvent[] = parties.flatMap((party, i) =>
          ['2026-01-01', '2025-12-31'].map((asOf) => ({
            v: 1,
            type: 'declaration.submitted',
            at: `2026-03-0${i + 1}T00:00:00.000Z`,
            actor: `user:liaison-${i}`,
            data: {
              id: `${party}-${asOf}`,
              digest: `${i}`,
              submittedBy: `liaison-${i}`,
              previousId: null,
              declaration: { party, asOf, units: [] },
              candidates: [],
            },
          })),
        );
        for (const s of [sqlite, store] as const)
          await s.write((tx) => tx.record(events.map((event) => ({ event, confidential: true }))));
        const want = await sqlite.listDeclarations({});
        expect(want.map((d) => d.id)).toEqual([
          'Z1-2025-12-31',
          'Z1-2026-01-01',
          'Zz-2025-12-31',
          'Zz-2026-01-01',
          'a_b-2025-12-31',
          'a_b-2026-01-01',
          'z-2025-12-31',
          'z-2026-01-01',
          'ä-2025-12-31',
          'ä-2026-01-01',
        ]);
        expect(await store.listDeclarations({})).toEqual(want);
        expect((await store.auditState()).differences).toEqual([]);
      } finally {
        await store?.close();
        await sqlite.close();
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    });
  },
);
