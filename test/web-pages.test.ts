import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertsConfig, runDeliveries } from '../src/app/alerts/index.js';
import { recordRaised } from '../src/app/alerts/raise.js';
import { fileAndFuse, fuseStoredObservations } from '../src/app/fusion/index.js';
import { evaluateEscalation, raiseAlerts } from '../src/domain/escalation/index.js';
import {
  gatewayKeys,
  startTestServer,
  type Session,
  type TestServer,
} from '../src/server/test-harness.js';
import { demoObservationStream } from '../src/sim/index.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  SKIP_BROWSER,
  builtApp,
  routeAppFiles,
} from './support/browser.js';

/**
 * The dashboard's pages in a real browser: each role sees the navigation it may use; the
 * reports, alerts, declarations, verification queue and admin pages show what this file filed
 * through the API (and, for alerts, what the server's alert scheduler records: the same use
 * cases, run here with the test's clock); a guarantor acknowledges an alert; an admin creates a
 * user; a liaison does not see the other party's confidential notice or the checks of its
 * declaration; every page passes axe-core (no serious or critical violation); the language
 * switches on a page. Chromium as in test/web-dashboard.test.ts (TRUCELINE_SKIP_BROWSER=1
 * skips). Writes docs/screenshots/page-*.png.
 */
const ROOT = join(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const H = 3_600_000;
/** The app as built for the browser tests (test/support/browser.ts). */
let appDir = '';

let s: TestServer;
let browser: Browser;
let hooks: Server;
let alertId = '';
const queued: string[] = [];
const reportDate = new Date(Date.now() - 24 * H).toISOString().slice(0, 10);

/** A browser context (logged in as `as`, if given) whose app files are the shared build's. */
async function newContext(as?: Session): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
    acceptDownloads: true,
  });
  await routeAppFiles(context, s.base, appDir);
  if (as)
    await context.addCookies(
      as.cookie.split('; ').map((c) => {
        const [name, ...value] = c.split('=');
        return { name: name!, value: value.join('='), url: s.base };
      }),
    );
  return context;
}

type Caller = Parameters<TestServer['login']>[0];

/** Closes a page's context, dropping app-file requests still in flight. */
async function done(page: Page): Promise<void> {
  await page.context().unrouteAll({ behavior: 'ignoreErrors' });
  await page.context().close();
}

/** A page opened at `path`, logged in as `who` (or the public), once the app knows who it is. */
async function open(path: string, who?: Caller): Promise<Page> {
  const context = await newContext(who ? await s.login(who) : undefined);
  const page = await context.newPage();
  await page.goto(s.base + path);
  if (who) await page.locator('.auth .role').waitFor({ timeout: 30_000 });
  await page.locator('.page-nav').waitFor({ timeout: 30_000 });
  return page;
}

/** An attribute of each element `selector` matches, in document order. */
async function attrs(page: Page, selector: string, name: string): Promise<(string | null)[]> {
  return Promise.all((await page.locator(selector).all()).map((l) => l.getAttribute(name)));
}

/** The text of each cell of each row `selector` matches. */
async function cells(page: Page, selector: string): Promise<(string | null)[][]> {
  return Promise.all(
    (await page.locator(selector).all()).map(async (row) =>
      Promise.all((await row.locator('th, td').all()).map((c) => c.textContent())),
    ),
  );
}

const navEntries = (page: Page) => attrs(page, '.page-nav a', 'data-page');

async function axe(page: Page): Promise<{ id: string; impact: string; targets: string[] }[]> {
  const source = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
  await page.evaluate(source);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'], iframes: false }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  )) as { id: string; impact: string; targets: string[] }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A unit of a declaration with the given equipment. */
const unit = (id: string, personnel: number, equipment: Record<string, number>) => ({
  id,
  name: `Unit ${id}`,
  location: [37.4, 48.5],
  personnel,
  equipment,
});

/** A square area of about 4 km around [lon, lat]. */
const square = (lon: number, lat: number) => [
  [
    [lon - 0.03, lat - 0.02],
    [lon + 0.03, lat - 0.02],
    [lon + 0.03, lat + 0.02],
    [lon - 0.03, lat + 0.02],
    [lon - 0.03, lat - 0.02],
  ],
];

beforeAll(async () => {
  if (SKIP_BROWSER) return;
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  appDir = await builtApp();
  // Every page is opened in a fresh, logged-in context: more logins a minute than the default
  // limit allows one address (the limit itself is tested in test/http-security.test.ts).
  s = await startTestServer({ loginPerMinutePerIp: 1000 });
  const [partyA, partyB] = s.parties;
  const now = Date.now();

  // Observations of the demo scenario, public, fused into incidents awaiting verification.
  const items = [];
  for (const { observation } of demoObservationStream(s.mission.agreement, {
    seed: 3,
    days: 1,
    start: new Date(now - 30 * H).toISOString(),
  })) {
    items.push(
      observation.source.kind === 'party'
        ? observation
        : { ...observation, visibility: 'public' as const },
    );
    if (items.length === 150) break;
  }
  await fileAndFuse(s.mission.store, null, items, { actor: 'sim:demo', nowMs: now });
  await fuseStoredObservations(s.mission.store, s.mission.agreement);
  const analyst = await s.session('analyst');
  const incidents = (await (
    await s.fetch('/api/v1/incidents?status=reported&limit=1000', { as: analyst })
  ).json()) as { features: { id: string }[] };
  expect(incidents.features.length).toBeGreaterThan(2);
  queued.push(...incidents.features.map((f) => f.id));
  // One moves on to triage: still in the queue, under another status.
  const triage = await s.fetch(`/api/v1/incidents/${encodeURIComponent(queued[0]!)}/workflow`, {
    method: 'POST',
    as: analyst,
    json: { type: 'triage', reason: 'shelling reported by two patrols' },
  });
  expect(triage.status).toBe(200);

  // Yesterday's daily report, published by the chief monitor.
  const chief = await s.session('chief');
  const published = await s.fetch(`/api/v1/reports/${reportDate}/publish`, {
    method: 'POST',
    as: chief,
    json: { kind: 'daily' },
  });
  expect(published.status, await published.clone().text()).toBe(201);

  // Declarations: party A twice (the second over its tank ceiling), party B once.
  const liaisonA = await s.session('liaison-a');
  const liaisonB = await s.session('liaison-b');
  for (const [as, body] of [
    [
      liaisonA,
      {
        party: partyA,
        asOf: '2026-01-01',
        units: [unit('bde-1', 4200, { battle_tanks: 1200, artillery: 900 })],
      },
    ],
    [
      liaisonA,
      {
        party: partyA,
        asOf: '2026-04-01',
        units: [unit('bde-1', 4400, { battle_tanks: 1620, artillery: 950 })],
      },
    ],
    [
      liaisonB,
      { party: partyB, asOf: '2026-04-01', units: [unit('rgt-9', 3100, { battle_tanks: 300 })] },
    ],
  ] as const) {
    const res = await s.fetch('/api/v1/declarations', { method: 'POST', as, json: body });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  // Notices of party A: demining, which a notification duty makes the other party's business,
  // and a rotation of 120 troops (under the duty's 500) kept to the mission; and a window of
  // silence proposed by the chief.
  const window = { from: new Date(now - H).toISOString(), to: new Date(now + 8 * H).toISOString() };
  for (const [id, kind, visibility, lon] of [
    ['ntc-shared', 'demining', 'parties', 37.75],
    ['ntc-mission-only', 'rotation', 'mission', 37.95],
  ] as const) {
    const res = await s.fetch('/api/v1/notices', {
      method: 'POST',
      as: liaisonA,
      json: {
        id,
        party: partyA,
        kind,
        purpose: 'clear the road verge',
        ...(kind === 'rotation' ? { troops: 120 } : {}),
        area: square(lon, 48.4),
        window,
        visibility,
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  const silence = await s.fetch('/api/v1/silences', {
    method: 'POST',
    as: chief,
    json: {
      id: 'sil-water',
      site: [37.85, 48.2],
      radiusKm: 3,
      window: { from: new Date(now + H).toISOString(), to: new Date(now + 6 * H).toISOString() },
      purpose: 'repair of the water main',
      reason: 'requested by the water company',
    },
  });
  expect(silence.status, await silence.clone().text()).toBe(201);

  // An alert, as the server's scheduler raises one: a verified MLRS strike crosses the
  // agreement's heavy-rockets threshold; deliveries go to a webhook receiver on loopback (the
  // guarantors') and to an email address with no mail server configured (parked).
  hooks = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const candidates = evaluateEscalation(
    [
      {
        id: queued[1]!,
        sectorId: 'donetsk-north',
        window: { from: new Date(now - 2 * H).toISOString(), to: new Date(now - H).toISOString() },
        weapon: 'mlrs',
        events: ['explosion'],
        count: 12,
        status: 'verified',
        provisions: ['ceasefire'],
        findingIds: [],
      },
    ],
    s.mission.agreement,
    now,
  );
  const raised = raiseAlerts(candidates, now);
  expect(raised.alerts.length).toBeGreaterThan(0);
  await recordRaised(
    s.mission.store,
    now,
    raised.alerts.map((alert) => ({ kind: 'escalation' as const, alert })),
    [],
  );
  alertId = raised.alerts.find((a) => a.recipients.includes('guarantors'))!.id;
  const config = parseAlertsConfig({
    publicUrl: s.base,
    webhookSecret: 'whsec-web-pages-0123456789',
    recipients: {
      guarantors: { webhooks: [`http://127.0.0.1:${(hooks.address() as AddressInfo).port}/hook`] },
      chief_monitor: { emails: ['chief@mission.example'] },
    },
  });
  const run = await runDeliveries(
    {
      store: s.mission.store,
      agreement: s.mission.agreement,
      config,
      ackSecret: 'ack-secret-for-the-test',
      mailer: null,
    },
    now,
  );
  expect(run.delivered).toBeGreaterThan(0);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
  await new Promise<void>((resolve) => (hooks ? hooks.close(() => resolve()) : resolve()));
});

describe.skipIf(SKIP_BROWSER)('the dashboard pages', () => {
  it('offers each role the pages it may use, and the public view the map and reports', async () => {
    const expected: [Caller | undefined, string[]][] = [
      [undefined, ['map', 'reports']],
      ['monitor', ['map', 'reports', 'declarations']],
      ['analyst', ['map', 'reports', 'alerts', 'declarations', 'queue']],
      ['chief', ['map', 'reports', 'alerts', 'declarations', 'queue']],
      ['liaison-a', ['map', 'reports', 'declarations']],
      ['guarantor', ['map', 'reports', 'alerts', 'declarations']],
      ['admin', ['map', 'reports', 'alerts', 'declarations', 'admin']],
    ];
    for (const [who, pages] of expected) {
      const page = await open('/', who);
      expect(await navEntries(page), who ?? 'public').toEqual(pages);
      await done(page);
    }
    // The navigation works from the keyboard, and back returns to the page before.
    const keyboard = await open('/', 'analyst');
    await keyboard.locator('.page-nav a[data-page="queue"]').focus();
    await keyboard.keyboard.press('Enter');
    await keyboard.locator('.queue-page').waitFor({ timeout: 30_000 });
    expect(new URL(keyboard.url()).searchParams.get('page')).toBe('queue');
    expect(
      await keyboard.locator('.page-nav a[aria-current="page"]').getAttribute('data-page'),
    ).toBe('queue');
    // The page's heading takes the focus, so a screen reader says where the link led.
    expect(await keyboard.evaluate('document.activeElement.textContent')).toBe('Queue');
    await keyboard.goBack();
    await keyboard.locator('.map').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await keyboard.locator('.page-view').count()).toBe(0);
    await done(keyboard);
    // A page the caller may not use says so instead of failing.
    const page = await open('/?page=admin');
    await expect
      .poll(() => page.locator('.page-view[data-page="admin"] .note').textContent())
      .toBe('This page needs a login.');
    await done(page);
  }, 180_000);

  it('reports: the published report opens in the page and downloads as PDF in three languages', async () => {
    const page = await open('/?page=reports');
    const row = page.locator(`tr[data-report="daily:${reportDate}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('.downloads a').allTextContents()).toEqual(['EN', 'UK', 'RU']);
    for (const lang of ['en', 'uk', 'ru']) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.locator(`.downloads a[hreflang="${lang}"]`).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`truceline-daily-${reportDate}-${lang}.pdf`);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    await row.getByRole('button', { name: `Read the report of ${reportDate}` }).click();
    const frame = page.frameLocator('iframe.report-frame');
    await expect
      .poll(() => frame.locator('html').getAttribute('lang'), { timeout: 30_000 })
      .toBe('en');
    await page.locator('select[name="report-lang"]').selectOption('uk');
    await expect
      .poll(() => frame.locator('html').getAttribute('lang'), { timeout: 30_000 })
      .toBe('uk');
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'page-reports.png') });
    // The language of the dashboard switches on the page.
    await page.getByLabel('Language', { exact: true }).selectOption('uk');
    await expect.poll(() => page.locator('.page-title').textContent()).toBe('Звіти');
    expect(await page.locator('.page-nav a[data-page="map"]').textContent()).toBe('Мапа');
    expect(await page.locator('table.data caption').textContent()).toBe(
      'Опубліковані звіти, найновіші першими',
    );
    await page.getByLabel('Мова', { exact: true }).selectOption('ru');
    await expect.poll(() => page.locator('.page-title').textContent()).toBe('Отчёты');
    await done(page);
  }, 120_000);

  it('alerts: a guarantor sees level, time, state and deliveries, and acknowledges', async () => {
    const page = await open('/?page=alerts', 'guarantor');
    const row = page.locator(`tr[data-alert="${alertId}"]`);
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-state')).toBe('delivered');
    expect(await row.locator('.level').textContent()).toBe('Level 2');
    expect(await row.locator('.deliveries li[data-status="delivered"]').textContent()).toMatch(
      /delivered webhook · guarantors/,
    );
    expect(await row.locator('.deliveries li[data-status="parked"]').textContent()).toMatch(
      /parked email · chief_monitor/,
    );
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'page-alerts.png') });
    await row.getByRole('button', { name: `Acknowledge alert ${alertId}` }).click();
    await expect
      .poll(() => row.getAttribute('data-state'), { timeout: 30_000 })
      .toBe('acknowledged');
    expect(await row.textContent()).toContain('by guarantors');
    expect(await page.locator('.alerts-page [role="status"]').textContent()).toBe(
      `Alert ${alertId} acknowledged.`,
    );
    // The server holds it so.
    const detail = (await (
      await s.fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}`, {
        as: await s.session('chief'),
      })
    ).json()) as { alert: { state: string; acknowledgedBy: string } };
    expect(detail.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'guarantors' });
    // An analyst reads alerts but acknowledges none.
    const analyst = await open('/?page=alerts', 'analyst');
    await analyst.locator(`tr[data-alert="${alertId}"]`).waitFor({ timeout: 30_000 });
    expect(await analyst.getByRole('button', { name: /^Acknowledge/ }).count()).toBe(0);
    await done(analyst);
    await done(page);
  }, 120_000);

  it('declarations: gauges against the ceilings, the history, and the checks for the declaring party only', async () => {
    const [partyA, partyB] = s.parties;
    const page = await open('/?page=declarations', 'analyst');
    const cardA = page.locator(`.party-card[data-party="${partyA}"]`);
    await cardA.locator('.gauge').first().waitFor({ timeout: 30_000 });
    const tanks = cardA.locator('.gauge', { hasText: 'Battle tanks' });
    expect(await tanks.getAttribute('data-over')).toBe('true');
    expect(await tanks.locator('svg').getAttribute('aria-label')).toBe(
      'Battle tanks: 1,620 declared of a ceiling of 1,500 (108%)',
    );
    expect(
      await cardA.locator('.candidates li[data-kind="ceiling_exceeded"]').count(),
    ).toBeGreaterThan(0);
    // The history: two declarations of party A, one of party B, also as a table.
    await page.locator('select[name="measure"]').selectOption('battle_tanks');
    await page.screenshot({ path: join(SHOTS, 'page-declarations.png') });
    await page.locator('.history details summary').click();
    expect(await cells(page, '.history table tbody tr')).toEqual([
      ['2026-01-01', '1,200', '—'],
      ['2026-04-01', '1,620', '300'],
    ]);
    expect(await axe(page)).toEqual([]);
    await done(page);

    // Party B's liaison sees party A's declaration but not the checks of it; its own, yes.
    const liaison = await open('/?page=declarations', 'liaison-b');
    const seenA = liaison.locator(`.party-card[data-party="${partyA}"]`);
    await seenA.locator('.gauge').first().waitFor({ timeout: 30_000 });
    expect(await seenA.locator('.candidates').count()).toBe(0);
    expect(await liaison.locator(`.party-card[data-party="${partyB}"] .candidates`).count()).toBe(
      1,
    );
    await done(liaison);
  }, 120_000);

  it('notices on the map: the areas and windows of silence each caller may see, toggled in the filters', async () => {
    const count = async (page: Page, id: string) => {
      await page.locator('.notices-toggle[data-state="ready"]').waitFor({ timeout: 30_000 });
      return Number(await page.locator(`#${id}`).getAttribute('data-count'));
    };
    const analyst = await open('/?c=37.85,48.3&z=9', 'analyst');
    await expect.poll(() => count(analyst, 'notice-count'), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => count(analyst, 'silence-count'), { timeout: 30_000 }).toBe(1);
    await analyst.waitForSelector('.map[data-map-idle="true"]', { timeout: 30_000 });
    await analyst.screenshot({ path: join(SHOTS, 'map-notices.png') });
    expect(await axe(analyst)).toEqual([]);
    // Off: the list empties from the panel; on again: back.
    await analyst.locator('input[name="layer"][value="notices"]').uncheck();
    expect(await analyst.locator('.notice-list').count()).toBe(0);
    await analyst.locator('input[name="layer"][value="notices"]').check();
    await analyst.locator('.notice-list li[data-notice="ntc-shared"]').waitFor({ timeout: 30_000 });
    await done(analyst);

    // Party B's liaison: the shared notice, never party A's mission-only one.
    const liaison = await open('/?c=37.85,48.3&z=9', 'liaison-b');
    await liaison.locator('.notice-list li[data-notice="ntc-shared"]').waitFor({ timeout: 30_000 });
    expect(await count(liaison, 'notice-count')).toBe(1);
    expect(await liaison.locator('[data-notice="ntc-mission-only"]').count()).toBe(0);
    expect(await liaison.content()).not.toContain('ntc-mission-only');
    await done(liaison);

    // The public: no notice is public, and windows of silence are not asked for.
    const publicPage = await open('/?c=37.85,48.3&z=9');
    expect(await count(publicPage, 'notice-count')).toBe(0);
    expect(await count(publicPage, 'silence-count')).toBe(0);
    await done(publicPage);
  }, 120_000);

  it('the verification queue lists incidents awaiting action, oldest first, and opens an incident page', async () => {
    const page = await open('/?page=queue', 'chief');
    const rows = page.locator('.queue-page tbody tr');
    await rows.first().waitFor({ timeout: 30_000 });
    const ids = await attrs(page, '.queue-page tbody tr', 'data-incident');
    expect(new Set(ids)).toEqual(new Set(queued));
    expect(await page.locator(`tr[data-incident="${queued[0]}"]`).getAttribute('data-status')).toBe(
      'triaged',
    );
    const from = await Promise.all(
      ids.map(async (id) => {
        const f = (await (
          await s.fetch(`/api/v1/incidents/${encodeURIComponent(id!)}`, {
            as: await s.session('chief'),
          })
        ).json()) as { properties: { window: { from: string } } };
        return Date.parse(f.properties.window.from);
      }),
    );
    expect(from).toEqual([...from].sort((a, b) => a - b));
    // Only the triaged ones.
    await page.locator('input[name="queue-status"][value="reported"]').uncheck();
    await expect.poll(() => rows.count()).toBe(1);
    await page.locator('input[name="queue-status"][value="reported"]').check();
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'page-queue.png') });
    // The link opens the incident's page on the map.
    await page.locator(`tr[data-incident="${queued[0]}"] a`).click();
    await expect
      .poll(() => page.locator('article.incident-page').getAttribute('data-id'), {
        timeout: 30_000,
      })
      .toBe(queued[0]);
    const url = new URL(page.url());
    expect(url.searchParams.get('incident')).toBe(queued[0]);
    expect(url.searchParams.get('page')).toBeNull();
    // Back returns to the queue.
    await page.goBack();
    await page.locator('.queue-page tbody tr').first().waitFor({ timeout: 30_000 });
    await done(page);
  }, 120_000);

  it('admin: lists users and gateways, creates a user, resets and disables, creates and revokes a token', async () => {
    const page = await open('/?page=admin', 'admin');
    await page.locator('tr[data-user="liaison-a"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('table.users tbody tr').count()).toBe(7);
    // A new liaison of party B.
    await page.locator('input[name="new-user-name"]').fill('liaison-b2');
    await page.locator('select[name="new-user-role"]').selectOption('liaison');
    await page.locator('select[name="new-user-party"]').selectOption(s.parties[1]);
    await page.getByRole('button', { name: 'Create' }).first().click();
    const secret = page.locator('.outcome code.secret');
    await secret.waitFor({ timeout: 30_000 });
    const password = (await secret.textContent())!;
    expect(password.length).toBeGreaterThan(8);
    await page.locator('tr[data-user="liaison-b2"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('tr[data-user="liaison-b2"]').textContent()).toContain(
      'must choose a password',
    );
    // The one-time password works at the server.
    const login = await fetch(`${s.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'liaison-b2', password }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { party: string } }).user.party).toBe(s.parties[1]);
    // A token for the new user, then revoked.
    await page.locator('input[name="token-user"]').fill('liaison-a');
    await page.locator('input[name="token-label"]').fill('reporting tool');
    await page.getByRole('button', { name: 'Create' }).nth(1).click();
    const tokenRow = page.locator('table.tokens tbody tr').first();
    await tokenRow.waitFor({ timeout: 30_000 });
    const token = (await secret.textContent())!;
    const asToken = await fetch(`${s.base}/api/v1/declarations`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asToken.status).toBe(200);
    const revoke = tokenRow.getByRole('button', { name: /^Revoke/ });
    await revoke.click();
    await tokenRow.getByRole('button', { name: /^Confirm: Revoke/ }).click();
    await expect.poll(() => tokenRow.textContent(), { timeout: 30_000 }).toMatch(/revoked/);
    expect(
      (
        await fetch(`${s.base}/api/v1/declarations`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(401);
    // A password reset, by keyboard: two presses of Enter on the same button.
    const row = page.locator('tr[data-user="liaison-b2"]');
    await row.getByRole('button', { name: 'Reset password liaison-b2' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => secret.textContent(), { timeout: 30_000 }).not.toBe(token);
    const reset = (await secret.textContent())!;
    expect(reset).not.toBe(password);
    const relogin = await fetch(`${s.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'liaison-b2', password: reset }),
    });
    expect(relogin.status).toBe(200);
    // Disabling takes two presses.
    await row.getByRole('button', { name: 'Disable liaison-b2' }).click();
    await row.getByRole('button', { name: 'Confirm: Disable liaison-b2' }).click();
    await expect.poll(() => row.getAttribute('data-disabled'), { timeout: 30_000 }).toBe('true');
    // A sensor gateway's key registered, then revoked.
    const keys = gatewayKeys();
    await page.locator('input[name="device-name"]').fill('gateway-north');
    await page.locator('input[name="device-key"]').fill(keys.publicKey);
    await page.getByRole('button', { name: 'Register' }).click();
    const device = page.locator('table.devices tbody tr', { hasText: 'gateway-north' });
    await device.waitFor({ timeout: 30_000 });
    expect(await device.textContent()).toContain(keys.publicKey);
    expect(await axe(page)).toEqual([]);
    await page.evaluate("document.querySelector('.page-view').scrollTop = 0");
    await page.screenshot({ path: join(SHOTS, 'page-admin.png') });
    await device.getByRole('button', { name: 'Revoke gateway-north' }).click();
    await device.getByRole('button', { name: 'Confirm: Revoke gateway-north' }).click();
    await expect.poll(() => device.textContent(), { timeout: 30_000 }).toMatch(/revoked/);
    const devices = (await (
      await s.fetch('/api/v1/devices', { as: await s.session('admin') })
    ).json()) as { name: string; revokedAt: string | null }[];
    expect(devices.find((d) => d.name === 'gateway-north')?.revokedAt).not.toBeNull();
    await done(page);
  }, 120_000);
});
