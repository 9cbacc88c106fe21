import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuseStoredObservations } from '../src/app/fusion/index.js';
import {
  sampleObservation,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
} from '../src/server/test-harness.js';
import { builtApp, CHROMIUM, CHROMIUM_ARGS, SKIP_BROWSER } from './support/browser.js';

/**
 * The dashboard in a real browser (issue 8): the built app (web/dist) served by the real server,
 * driven by Debian's Chromium through playwright-core. Needs `apt-get install chromium`; set
 * CHROMIUM_PATH to use another binary, or TRUCELINE_SKIP_BROWSER=1 to skip on a machine without one.
 * Screenshots of the main views are written to docs/screenshots/.
 */
const ROOT = join(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const WEB_DIST = join(ROOT, 'web', 'dist');

/** Where the test data lies: public records around here, mission-only ones too. */
const VIEW = '/?c=37.5,48&z=7';
const DAY1 = Date.parse('2026-03-01T00:00:00Z');
const XSS_TEXT = '<img src=x onerror="window.__xss=1"> 12 undetermined explosions 3-5 km SSE';

let s: TestServer;
let browser: Browser;

function observations() {
  const at = (ms: number) => ({
    from: new Date(ms).toISOString(),
    to: new Date(ms + 5 * 60_000).toISOString(),
  });
  const near = (i: number) => ({
    observer: { lat: 47.7 + (i % 4) * 0.2, lon: 37.1 + (i % 5) * 0.2, accuracyM: 15 },
  });
  return [
    // Public: 6 explosions on day one, 3 bursts of small-arms fire on day two.
    ...Array.from({ length: 6 }, (_, i) =>
      sampleObservation(i, {
        id: `pub-exp-${i}`,
        visibility: 'public',
        event: 'explosion',
        weapon: i % 2 ? 'artillery' : 'mortar',
        observedAt: at(DAY1 + i * 4 * 3_600_000),
        ...near(i),
      }),
    ),
    ...Array.from({ length: 3 }, (_, i) =>
      sampleObservation(10 + i, {
        id: `pub-saf-${i}`,
        visibility: 'public',
        event: 'small_arms_burst',
        weapon: 'small_arms',
        observedAt: at(DAY1 + 30 * 3_600_000 + i * 6 * 3_600_000),
        ...near(i + 6),
      }),
    ),
    // Mission only: seen after login by mission staff.
    ...Array.from({ length: 2 }, (_, i) =>
      sampleObservation(20 + i, {
        id: `mission-${i}`,
        visibility: 'mission',
        event: 'troop_presence',
        weapon: 'undetermined',
        observedAt: at(DAY1 + 12 * 3_600_000),
        ...near(i + 2),
      }),
    ),
    // Alone, far from the others, with markup in its text: the panel must show it as text.
    sampleObservation(30, {
      id: 'pub-xss',
      visibility: 'public',
      event: 'vessel',
      weapon: 'vessel',
      text: XSS_TEXT,
      lang: 'en',
      observedAt: at(DAY1 + 3_600_000),
      location: { lat: 45, lon: 25, radiusM: 100 },
      observer: undefined,
      bearing: undefined,
      distanceKm: undefined,
    }),
  ];
}

beforeAll(async () => {
  if (SKIP_BROWSER) return;
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH; TRUCELINE_SKIP_BROWSER=1 skips these tests)`,
    );
  // The server serves web/dist: the shared build goes there, in place of whatever was built before.
  const app = await builtApp();
  rmSync(WEB_DIST, { recursive: true, force: true });
  cpSync(app, WEB_DIST, { recursive: true });
  s = await startTestServer({ loginPerMinutePerIp: 1000 });
  const res = await s.fetch('/api/v1/observations', {
    method: 'POST',
    as: await s.session('monitor'),
    json: observations(),
  });
  const body = (await res.json()) as { summary: { stored: number } };
  if (body.summary.stored !== observations().length)
    throw new Error(
      `filed ${body.summary.stored} of ${observations().length}: ${JSON.stringify(body)}`,
    );
  // The test server files without fusion; fuse what was filed, as the live server does on intake.
  await fuseStoredObservations(s.mission.store, s.mission.agreement);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** A fresh browser context (no cookies, English) on `path`, once the map has finished drawing. */
async function open(path: string, opts: { errors?: string[] } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'en-GB',
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => opts.errors?.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') opts.errors?.push(m.text());
  });
  await page.goto(s.base + path);
  await idle(page);
  return page;
}

async function idle(page: Page): Promise<void> {
  await page.waitForSelector('.map[data-map-idle="true"]', { timeout: 30_000 });
  // A locator wait, not waitForFunction: a string predicate is eval'd in the page, which its CSP forbids.
  await page.locator('#observation-count .busy').waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('#incident-count .busy').waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForSelector('.map[data-map-idle="true"]', { timeout: 30_000 });
}

async function shownCount(page: Page): Promise<number> {
  return Number(await page.locator('#observation-count').getAttribute('data-count'));
}

/** Counts, in a PNG, the pixels within 8 of each RGB colour (decoded by the browser itself). */
async function pixelCounts(
  page: Page,
  png: Buffer,
  colours: Record<string, [number, number, number]>,
): Promise<{ total: number; counts: Record<string, number> }> {
  const fn = `async ({ b64, colours }) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const counts = Object.fromEntries(Object.keys(colours).map((k) => [k, 0]));
    for (let i = 0; i < d.length; i += 4)
      for (const [k, [r, g, b]] of Object.entries(colours))
        if (Math.abs(d[i] - r) <= 8 && Math.abs(d[i + 1] - g) <= 8 && Math.abs(d[i + 2] - b) <= 8) counts[k]++;
    return { total: d.length / 4, counts };
  }`;
  return page.evaluate(`(${fn})(${JSON.stringify({ b64: png.toString('base64'), colours })})`);
}

const hex = (h: string): [number, number, number] => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
];

describe.skipIf(SKIP_BROWSER)('dashboard in Chromium', () => {
  it('draws the basemap, the agreement and the observations on the WebGL canvas, with no console errors, under the server CSP', async () => {
    const errors: string[] = [];
    const page = await open('/', { errors });
    expect(await shownCount(page)).toBeGreaterThan(0);
    const whole = await pixelCounts(page, await page.locator('.map-canvas canvas').screenshot(), {
      land: hex('#f6f4ef'),
      water: hex('#d4e4ee'),
      line: hex('#000000'),
    });
    expect(whole.counts.land! / whole.total).toBeGreaterThan(0.2);
    expect(whole.counts.water! / whole.total).toBeGreaterThan(0.02);
    expect(whole.counts.line).toBeGreaterThan(200);
    await page.screenshot({ path: join(SHOTS, 'public-map.png') });

    // Zoomed in past clustering: observations are drawn one by one in their kind's colour.
    await page.goto(`${s.base}/?c=37.5,48&z=10`);
    await idle(page);
    const zoomed = await pixelCounts(page, await page.locator('.map-canvas canvas').screenshot(), {
      explosion: hex('#D55E00'),
      smallArms: hex('#CC79A7'),
    });
    expect(zoomed.counts.explosion).toBeGreaterThan(30);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('filtering by kind changes the count shown, and the link reproduces the filtered view', async () => {
    const page = await open(VIEW);
    expect(await shownCount(page)).toBe(9);
    await expect
      .poll(() => page.locator('#observation-count').textContent())
      .toBe('9 observations in view');
    await page.getByRole('checkbox', { name: 'explosion' }).uncheck();
    await expect.poll(() => shownCount(page), { timeout: 10_000 }).toBe(3);
    expect(page.url()).toMatch(/event=[^&]*small_arms_burst/);
    expect(page.url()).not.toMatch(/event=[^&]*explosion/);

    const again = await open(new URL(page.url()).pathname + new URL(page.url()).search);
    expect(await shownCount(again)).toBe(3);
    expect(await again.getByRole('checkbox', { name: 'explosion' }).isChecked()).toBe(false);
    expect(new URL(again.url()).searchParams.get('c')).toBe('37.5,48');
    expect(new URL(again.url()).searchParams.get('z')).toBe('7');
    await page.context().close();
    await again.context().close();
  });

  it('the timeline brush narrows the time window: the count follows and the window goes into the URL', async () => {
    const page = await open(VIEW);
    const plot = await page.locator('.timeline-plot svg').boundingBox();
    expect(plot).not.toBeNull();
    // Drag across the first half: day one's explosions, not day two's small-arms fire.
    await page.mouse.move(plot!.x + 12, plot!.y + plot!.height / 2);
    await page.mouse.down();
    await page.mouse.move(plot!.x + plot!.width * 0.4, plot!.y + plot!.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => shownCount(page)).toBeLessThan(9);
    expect(await shownCount(page)).toBeGreaterThan(0);
    const url = new URL(page.url());
    expect(url.searchParams.get('to')).toMatch(/^2026-03-01T/);
    const windowed = await shownCount(page);

    const again = await open(url.pathname + url.search);
    expect(await shownCount(again)).toBe(windowed);
    await again.getByRole('button', { name: 'All time' }).click();
    await expect.poll(() => shownCount(again)).toBe(9);
    await page.context().close();
    await again.context().close();
  });

  it('selecting an observation shows its details, with markup in its text shown as text', async () => {
    const page = await open('/?c=25,45&z=12');
    expect(await shownCount(page)).toBe(1);
    const box = (await page.locator('.map-canvas canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = page.locator('article.observation');
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Observation pub-xss');
    expect(await panel.getByText(XSS_TEXT, { exact: true }).count()).toBe(1);
    expect(await panel.locator('img').count()).toBe(0);
    expect(await page.evaluate('window.__xss === undefined')).toBe(true);
    expect(await panel.textContent()).toContain('vessel');
    await page.screenshot({ path: join(SHOTS, 'observation-details.png') });
    await page.context().close();
  });

  it('logging in shows the role and what the role may see', async () => {
    const page = await open(VIEW);
    expect(await shownCount(page)).toBe(9);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByLabel('Name').fill('analyst');
    await page.getByLabel('Password').fill('wrong password');
    await page.locator('form.login button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong name or password.');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.locator('form.login button[type=submit]').click();
    await expect.poll(() => page.locator('.auth .role').textContent()).toBe('Role: analyst');
    expect(await page.locator('.auth .who').textContent()).toBe('Signed in as analyst');
    // Mission staff see the mission-only records too.
    await expect.poll(() => shownCount(page), { timeout: 10_000 }).toBe(11);
    await idle(page);
    await page.screenshot({ path: join(SHOTS, 'logged-in.png') });

    // The session survives a reload; logging out returns to the public view.
    await page.reload();
    await idle(page);
    await expect.poll(() => page.locator('.auth .role').textContent()).toBe('Role: analyst');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.locator('.auth .who').textContent()).toBe('Public view');
    await expect.poll(() => shownCount(page), { timeout: 10_000 }).toBe(9);
    await page.context().close();
  });

  it('switching language changes the UI text, with the right plural forms, and is remembered', async () => {
    const page = await open(VIEW);
    await page.getByLabel('Language').selectOption('uk');
    await expect
      .poll(() => page.locator('.subtitle').textContent())
      .toBe('Моніторинг режиму припинення вогню');
    expect(await page.locator('#observation-count').textContent()).toBe(
      '9 спостережень у межах карти',
    );
    expect(await page.evaluate('document.documentElement.lang')).toBe('uk');
    await page.getByRole('checkbox', { name: 'вибух' }).uncheck();
    await expect
      .poll(() => page.locator('#observation-count').textContent(), { timeout: 10_000 })
      .toBe('3 спостереження в межах карти');
    await page.screenshot({ path: join(SHOTS, 'map-ukrainian.png') });

    await page.getByLabel('Мова').selectOption('ru');
    await expect
      .poll(() => page.locator('#observation-count').textContent())
      .toBe('3 наблюдения в пределах карты');
    await page.reload();
    await idle(page);
    expect(await page.locator('.subtitle').textContent()).toBe(
      'Мониторинг режима прекращения огня',
    );
    await page.context().close();
  });

  it('has no serious or critical axe-core violations, public and logged in', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = (require('axe-core') as { source: string }).source;
    const page = await open(VIEW);
    const audit = async () => {
      // Evaluated, not injected as a <script>: the page's CSP (script-src 'self') stays in force.
      await page.evaluate(axeSource);
      const violations = (await page.evaluate(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
      )) as { id: string; impact: string; help: string; targets: string[] }[];
      return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    };
    expect(await audit()).toEqual([]);
    await page.getByRole('button', { name: 'Log in' }).click();
    expect(await audit()).toEqual([]);
    await page.getByLabel('Name').fill('chief');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.locator('form.login button[type=submit]').click();
    await expect.poll(() => page.locator('.auth .role').textContent()).toBe('Role: chief monitor');
    await idle(page);
    expect(await audit()).toEqual([]);
    await page.context().close();
  });

  it('draws the fused incidents as rings, and the Incidents / Observations toggles switch each layer', async () => {
    const errors: string[] = [];
    const page = await open('/?c=37.5,48&z=9', { errors });
    const n = Number(await page.locator('#incident-count').getAttribute('data-count'));
    expect(n).toBeGreaterThan(0);
    expect(await page.locator('#incident-count').textContent()).toBe(
      `${n} incident${n === 1 ? '' : 's'} in view`,
    );

    // Alone on the map: the vessel's incident, an undetermined (grey) ring round its observation.
    await page.goto(`${s.base}/?c=25,45&z=12`);
    await idle(page);
    expect(await page.locator('#incident-count').getAttribute('data-count')).toBe('1');
    const colours = { grey: hex('#8a8a8a'), vessel: hex('#009E73') };
    const on = await pixelCounts(
      page,
      await page.locator('.map-canvas canvas').screenshot(),
      colours,
    );
    expect(on.counts.vessel).toBeGreaterThan(30);

    await page.getByRole('checkbox', { name: 'Incidents' }).uncheck();
    await expect.poll(() => page.locator('#incident-count').count()).toBe(0);
    await idle(page);
    const off = await pixelCounts(
      page,
      await page.locator('.map-canvas canvas').screenshot(),
      colours,
    );
    // Grey also appears in the scale bar and attribution: compare, not count from zero.
    expect(on.counts.grey! - off.counts.grey!).toBeGreaterThan(150);
    expect(off.counts.vessel).toBeGreaterThan(30);

    await page.getByRole('checkbox', { name: 'Observations' }).uncheck();
    await page.getByRole('checkbox', { name: 'Incidents' }).check();
    await expect.poll(() => page.locator('#incident-count').getAttribute('data-count')).toBe('1');
    await idle(page);
    const swapped = await pixelCounts(
      page,
      await page.locator('.map-canvas canvas').screenshot(),
      colours,
    );
    expect(swapped.counts.grey! - off.counts.grey!).toBeGreaterThan(150);
    expect(swapped.counts.vessel).toBeLessThan(10);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('selecting an incident shows its details: attribution, provisions and its reports as text', async () => {
    const res = await s.fetch('/api/v1/incidents');
    const all = (await res.json()) as {
      features: {
        id: string;
        geometry: { coordinates: [number, number] };
        properties: { observationIds: string[]; provisions: unknown[] };
      }[];
    };
    const at = (f: (typeof all.features)[number]) =>
      `/?c=${f.geometry.coordinates[0].toFixed(5)},${f.geometry.coordinates[1].toFixed(5)}&z=12`;
    const errors: string[] = [];
    const xss = all.features.find((f) => f.properties.observationIds.includes('pub-xss'))!;
    expect(xss).toBeDefined();
    const page = await open(at(xss), { errors });
    const box = (await page.locator('.map-canvas canvas').boundingBox())!;
    // On the ring (14 px out from its centre), not on the observation inside it.
    await page.mouse.click(box.x + box.width / 2 + 14, box.y + box.height / 2);
    const panel = page.locator('article.incident');
    await expect.poll(() => panel.locator('h2').textContent()).toBe(`Incident ${xss.id}`);
    expect(await panel.locator('.fused').textContent()).toBe('Fused from 1 observation');
    const attribution = (await panel.locator('.attribution').textContent())!;
    expect(attribution === 'undetermined' || /, \d+ % confidence$/.test(attribution)).toBe(true);
    expect(await panel.textContent()).toContain('vessel');
    // The member report's text, markup and all, shown as text.
    await expect.poll(() => panel.getByText(XSS_TEXT, { exact: true }).count()).toBe(1);
    expect(await panel.locator('img').count()).toBe(0);
    expect(await page.evaluate('window.__xss === undefined')).toBe(true);
    await idle(page);
    await page.screenshot({ path: join(SHOTS, 'incident-details.png') });

    // Fire with no origin: undetermined, the reason said, the provision it breaks listed.
    const fire = all.features.find((f) => f.properties.provisions.length > 0)!;
    expect(fire).toBeDefined();
    await page.goto(s.base + at(fire));
    await idle(page);
    await page.mouse.click(box.x + box.width / 2 + 14, box.y + box.height / 2);
    await expect.poll(() => panel.locator('h2').textContent()).toBe(`Incident ${fire.id}`);
    expect(await panel.locator('.attribution').textContent()).toBe('undetermined');
    expect(await panel.textContent()).toContain('no report places the firing position');
    expect(await panel.locator('.provisions li').first().textContent()).toMatch(/ceasefire/);

    await page.getByLabel('Language').selectOption('uk');
    await expect.poll(() => panel.locator('.attribution').textContent()).toBe('не встановлено');
    expect(await panel.locator('.fused').textContent()).toBe('Об’єднано з 1 спостереження');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
