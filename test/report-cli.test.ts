/**
 * `truceline report` end to end, in process: a mission filled through the real intake and fusion
 * path from a simulated scenario, the daily report of a demo day in three languages, its numbers
 * checked against the store's own queries, then published by the chief monitor and verified.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { playScenario } from '../src/app/eval/scenario.js';
import { openIdentity } from '../src/app/identity/open.js';
import { createUser } from '../src/app/identity/users.js';
import { openMission } from '../src/app/mission.js';
import { registerReportCommand } from '../src/cli/commands/report.js';
import type { EventKind } from '../src/domain/observation/types.js';
import {
  partsSumToTotal,
  VIOLATION_CATEGORIES,
  type ReportModel,
  type ViolationBreakdown,
} from '../src/domain/report/index.js';
import type { StoredIncident } from '../src/store/port.js';
import { runCommand } from './support/run-command.js';

const root = mkdtempSync(join(tmpdir(), 'truceline-report-cli-'));
const data = join(root, 'mission');
const SIM = { seed: 7, days: 1.3, start: '2026-03-01T12:00:00Z' } as const;
const DAY = '2026-03-02';
// 19:30 EET = 17:30Z.
const FROM = '2026-03-01T17:30:00.000Z';
const TO = '2026-03-02T17:30:00.000Z';

const run = (...args: string[]) => runCommand(registerReportCommand, ['report', ...args]);

beforeAll(async () => {
  const m = await openMission(data, { synchronous: 'NORMAL' });
  await playScenario(m.store, m.agreement, SIM, { fuser: { log: () => undefined } });
  const deps = openIdentity(m);
  const ctx = { actor: 'cli:test', nowMs: Date.now() };
  await createUser(deps, { name: 'chief1', role: 'chief', password: 'correct horse battery' }, ctx);
  await createUser(
    deps,
    { name: 'monitor1', role: 'monitor', password: 'correct horse battery' },
    ctx,
  );
  deps.reader.close();
  await m.close();
}, 240_000);

afterEach(() => {
  process.exitCode = undefined;
});

const FLARE_ONLY_OR_FIRE: readonly EventKind[] = [
  'explosion',
  'projectile_in_flight',
  'muzzle_flash',
  'small_arms_burst',
  'small_arms_shot',
  'illumination_flare',
];

/** The store's incidents that started in the period and are not party-confidential, counted independently. */
async function storeIncidents(filter: { provision?: string } = {}): Promise<StoredIncident[]> {
  const m = await openMission(data);
  try {
    const page = await m.store.queryIncidents!({ from: FROM, to: TO, limit: 1_000_000, ...filter });
    expect(page.nextCursor).toBeNull();
    return page.items.filter((s) => {
      const t = Date.parse(s.incident.window.from);
      return (
        t >= Date.parse(FROM) &&
        t < Date.parse(TO) &&
        s.visibility !== 'party-confidential' &&
        s.status !== 'not_verified'
      );
    });
  } finally {
    await m.close();
  }
}

function allBreakdowns(m: ReportModel): ViolationBreakdown[] {
  return [
    m.totals.current,
    m.totals.previous,
    ...m.byRegion.flatMap((r) => [r.current, r.previous]),
    ...m.bySector.flatMap((r) => [r.current, r.previous]),
    ...m.disengagementAreas.map((d) => d.violations),
    ...m.trend.map((t) => t.violations),
  ];
}

describe('truceline report daily', () => {
  const models: Record<string, ReportModel> = {};

  it.each(['en', 'uk', 'ru'])(
    'writes the JSON report of a demo day in %s, parts summing to totals',
    async (lang) => {
      const r = await run(
        'daily',
        '--date',
        DAY,
        '--lang',
        lang,
        '--format',
        'json',
        '--data',
        data,
      );
      expect(r.code ?? 0, r.err).toBe(0);
      const model = JSON.parse(r.out) as ReportModel;
      models[lang] = model;
      expect(model.period).toMatchObject({
        kind: 'daily',
        date: DAY,
        from: FROM,
        to: TO,
        closesAtLocal: '19:30',
        timeZone: 'Europe/Kyiv',
      });
      expect(model.totals.current.total).toBeGreaterThan(0);
      for (const b of allBreakdowns(model))
        expect(partsSumToTotal(b), JSON.stringify(b)).toBe(true);
      const sectors = model.bySector.reduce((s, r) => s + r.current.total, 0);
      const regions = model.byRegion.reduce((s, r) => s + r.current.total, 0);
      expect(sectors).toBe(model.totals.current.total);
      expect(regions).toBe(model.totals.current.total);
      expect(model.trend.at(-1)!.violations).toEqual(model.totals.current);
      expect(model.publication).toBeNull();
    },
  );

  it('builds one language-neutral model: the three languages differ only in when they were built', () => {
    const strip = (m: ReportModel) => ({ ...m, generatedAt: '' });
    expect(strip(models.uk!)).toEqual(strip(models.en!));
    expect(strip(models.ru!)).toEqual(strip(models.en!));
  });

  it('counts what the store holds for the period, by its own incident query', async () => {
    const model = models.en!;
    const violations = (await storeIncidents()).filter((s) =>
      s.incident.events.some((e) => FLARE_ONLY_OR_FIRE.includes(e)),
    );
    const sum = (xs: readonly StoredIncident[]) => xs.reduce((n, s) => n + s.incident.count, 0);
    expect(model.totals.current.total).toBe(sum(violations));
    const has = (s: StoredIncident, ...e: EventKind[]) =>
      s.incident.events.some((x) => e.includes(x));
    // Category by precedence, as documented in src/domain/report/types.ts.
    expect(model.totals.current.explosions).toBe(
      sum(violations.filter((s) => has(s, 'explosion'))),
    );
    expect(model.totals.current.illuminationFlares).toBe(
      sum(
        violations.filter((s) =>
          s.incident.events.every(
            (e) => e === 'illumination_flare' || !FLARE_ONLY_OR_FIRE.includes(e),
          ),
        ),
      ),
    );
    // Fire (everything but flares) is what assessment matched to the ceasefire provision.
    const ceasefire = await storeIncidents({ provision: 'ceasefire' });
    expect(model.totals.current.total - model.totals.current.illuminationFlares).toBe(
      sum(ceasefire),
    );
    expect(model.map.points.length).toBe((await storeIncidents()).length);
    const total = VIOLATION_CATEGORIES.reduce((n, c) => n + model.totals.current[c], 0);
    expect(total).toBe(model.totals.current.total);
  });

  it('writes the weekly report: seven days, equal to the sum of their daily totals', async () => {
    const r = await run('weekly', '--date', DAY, '--data', data);
    expect(r.code ?? 0, r.err).toBe(0);
    const weekly = JSON.parse(r.out) as ReportModel;
    expect(weekly.period).toMatchObject({
      kind: 'weekly',
      from: '2026-02-23T17:30:00.000Z',
      to: TO,
    });
    const days = models.en!.trend.slice(-7);
    for (const c of [...VIOLATION_CATEGORIES, 'total'] as const)
      expect(weekly.totals.current[c]).toBe(days.reduce((n, d) => n + d.violations[c], 0));
    for (const b of allBreakdowns(weekly)) expect(partsSumToTotal(b)).toBe(true);
  });

  it('writes to --out and refuses an unknown language', async () => {
    const out = join(root, 'daily.json');
    const r = await run('daily', '--date', DAY, '--out', out, '--data', data);
    expect(r.code ?? 0).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as ReportModel).period.date).toBe(DAY);
    await expect(run('daily', '--date', DAY, '--lang', 'de', '--data', data)).rejects.toThrow(
      /--lang must be one of en, uk, ru/,
    );
  });

  it.each(['en', 'uk', 'ru'])(
    'renders HTML and PDF in %s',
    async (lang) => {
      const html = join(root, `daily-${lang}.html`);
      const pdf = join(root, `daily-${lang}.pdf`);
      expect(
        (
          await run(
            'daily',
            '--date',
            DAY,
            '--lang',
            lang,
            '--format',
            'html',
            '--out',
            html,
            '--data',
            data,
          )
        ).code ?? 0,
      ).toBe(0);
      expect(
        (
          await run(
            'daily',
            '--date',
            DAY,
            '--lang',
            lang,
            '--format',
            'pdf',
            '--out',
            pdf,
            '--data',
            data,
          )
        ).code ?? 0,
      ).toBe(0);
      expect(readFileSync(html, 'utf8')).toMatch(/<html/i);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    60_000,
  );
});

describe('truceline report daily --publish, verify', () => {
  const published = join(root, 'published.json');

  it('refuses publication by anyone but the chief monitor', async () => {
    await expect(
      run('daily', '--date', DAY, '--publish', '--as', 'monitor1', '--data', data),
    ).rejects.toThrow(/only the chief monitor/);
    await expect(run('daily', '--date', DAY, '--publish', '--data', data)).rejects.toThrow(
      /--publish needs --as/,
    );
  });

  it('publishes as the chief: the ledger records the digest, the copy carries its proof', async () => {
    const r = await run(
      'daily',
      '--date',
      DAY,
      '--publish',
      '--as',
      'chief1',
      '--out',
      published,
      '--data',
      data,
    );
    expect(r.code ?? 0, r.err).toBe(0);
    const model = JSON.parse(readFileSync(published, 'utf8')) as ReportModel;
    const p = model.publication!;
    expect(p).toMatchObject({ approvedBy: 'chief1', treeSize: p.ledgerIndex + 1 });
    expect(p.checkpoint).toContain(`\n${p.treeSize}\n`);
    const m = await openMission(data);
    try {
      const leaf = JSON.parse(
        Buffer.from((await m.store.ledger.entry(p.ledgerIndex))!).toString('utf8'),
      ) as { type: string; actor: string; data: Record<string, unknown> };
      expect(leaf).toMatchObject({
        type: 'report.published',
        actor: 'user:chief1',
        data: { modelSha256: p.modelSha256, kind: 'daily', date: DAY, from: FROM, to: TO },
      });
    } finally {
      await m.close();
    }
    // A second publication of the same day is refused; reading it back gives the published copy.
    await expect(
      run('daily', '--date', DAY, '--publish', '--as', 'chief1', '--data', data),
    ).rejects.toThrow(/already published/);
    const again = await run('daily', '--date', DAY, '--data', data);
    expect(JSON.parse(again.out)).toEqual(model);
    const list = await run('list', '--data', data);
    expect(list.out).toContain(`${DAY} daily  entry ${p.ledgerIndex} approved by chief1`);
  });

  it('verifies the copy against the mission log, and fails a copy changed by one number', async () => {
    const ok = await run('verify', published, '--data', data);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/^ok {3}the report hashes to/m);
    expect(ok.out).toMatch(/^ok {3}the log holds the publication/m);
    expect(ok.out).toContain('verified: everything above holds');

    const model = JSON.parse(readFileSync(published, 'utf8')) as ReportModel;
    const changed = {
      ...model,
      totals: {
        ...model.totals,
        current: { ...model.totals.current, total: model.totals.current.total + 1 },
      },
    };
    const bad = join(root, 'changed.json');
    writeFileSync(bad, JSON.stringify(changed));
    const r = await run('verify', bad, '--data', data);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL the report hashes to .* it was changed after publication/m);
    expect(r.out).toContain('NOT verified');
  });

  it('verifies offline with the key alone, and refuses without one', async () => {
    const m = await openMission(data);
    const { missionVerifierKey } = await import('../src/app/mission.js');
    const key = missionVerifierKey(m);
    await m.close();
    const ok = await run('verify', published, '--key', key);
    expect(ok.code, ok.out).toBe(0);
    const none = await run('verify', published);
    expect(none.code).toBe(1);
    expect(none.out).toContain('no verifier key');
  });
});
