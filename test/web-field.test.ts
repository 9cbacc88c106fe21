import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { createRequire } from 'node:module';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../src/server/test-harness.js';
import { APP_TYPES, builtApp, CHROMIUM, CHROMIUM_ARGS, SKIP_BROWSER } from './support/browser.js';

/**
 * The field app (web/field.html) in a real browser (issue 8, item 6): a monitor signs in, the
 * network goes away, two reports are filed into the outbox, the app is closed and opened again
 * with no network (its files come from the service worker, the reports from IndexedDB), the
 * network comes back and the reports sync: one stored (its photo uploaded), one rejected by the
 * server with its reason; sending the stored one again answers duplicate.
 *
 * The app (built once for the browser tests) is served by a small front server in this file:
 * its built files, everything under /api forwarded to the real test server,
 * every answer with the real server's security headers (its CSP). "Offline" is both Chromium's
 * emulation (context.setOffline) and the front server refusing every connection, so nothing can
 * come from the network behind the service worker's back. Chromium as in
 * test/web-dashboard.test.ts (TRUCELINE_SKIP_BROWSER=1 skips). Writes docs/screenshots/field-app.png.
 */
const ROOT = join(import.meta.dirname, '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
/** The app as built for the browser tests (test/support/browser.ts). */
let APP_DIR = '';

let s: TestServer;
let browser: Browser;
let front: Server;
let frontBase: string;
/** While true the front server drops every connection: the network is gone. */
let down = false;
const sockets = new Set<Socket>();
const securityHeaders: Record<string, string> = {};

function startFront(): Promise<void> {
  const target = new URL(s.base);
  front = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    if (/^\/(api|log|ogc)(\/|$)/.test(path)) {
      const up = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: target.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', () => res.destroy());
      req.pipe(up);
      return;
    }
    const asked = join(APP_DIR, normalize(path));
    const file =
      asked.startsWith(APP_DIR) && existsSync(asked) && statSync(asked).isFile() ? asked : null;
    if (!file) {
      res.writeHead(404, securityHeaders).end();
      return;
    }
    res.writeHead(200, {
      ...securityHeaders,
      'content-type': APP_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': path.startsWith('/assets/') ? 'max-age=31536000, immutable' : 'no-cache',
    });
    res.end(readFileSync(file));
  });
  front.on('connection', (socket) => {
    if (down) return socket.destroy();
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) =>
    front.listen(0, '127.0.0.1', () => {
      const a = front.address();
      frontBase = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
      resolve();
    }),
  );
}

/** The network goes away (or comes back) for the browser, page and service worker alike. */
async function network(context: BrowserContext, up: boolean): Promise<void> {
  down = !up;
  if (down) for (const socket of sockets) socket.destroy();
  await context.setOffline(!up);
}

beforeAll(async () => {
  if (SKIP_BROWSER) return;
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  APP_DIR = await builtApp();
  s = await startTestServer({ loginPerMinutePerIp: 1000 });
  const probe = await fetch(`${s.base}/api/v1/agreement`);
  for (const h of [
    'content-security-policy',
    'x-content-type-options',
    'cross-origin-resource-policy',
    'referrer-policy',
  ]) {
    const v = probe.headers.get(h);
    if (v) securityHeaders[h] = v;
  }
  expect(securityHeaders['content-security-policy']).toContain("script-src 'self'");
  await startFront();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  mkdirSync(SHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (front ? front.close(r) : r(undefined)));
  for (const socket of sockets) socket.destroy();
  await s?.close();
});

async function audit(page: Page) {
  const require = createRequire(import.meta.url);
  const axeSource = (require('axe-core') as { source: string }).source;
  // Evaluated, not injected as a <script>: the page's CSP (script-src 'self') stays in force.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  )) as { id: string; impact: string; help: string; targets: string[] }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const report = (page: Page, state: string) => page.locator(`li.report[data-state="${state}"]`);

describe.skipIf(SKIP_BROWSER)('field app (Chromium)', () => {
  it('files reports offline, survives a restart with no network, and syncs when it returns', async () => {
    const errors: string[] = [];
    const context = await browser.newContext({
      viewport: { width: 1100, height: 1400 },
      locale: 'en-GB',
      geolocation: { latitude: 48.0312, longitude: 37.7021, accuracy: 35 },
      permissions: ['geolocation'],
    });
    const watch = (page: Page) => {
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message} ${e.stack ?? ''}`));
      page.on('console', (m) => {
        // Offline, failed requests are logged by Chromium; they are expected, nothing else is.
        if (
          m.type() === 'error' &&
          !/Failed to load resource|ERR_INTERNET_DISCONNECTED|net::/.test(m.text())
        )
          void m
            .args()[0]
            ?.evaluate((e: unknown) => String((e as { stack?: string }).stack ?? e))
            .then((x) => errors.push(x));
      });
    };
    let page = await context.newPage();
    watch(page);
    await page.goto(`${frontBase}/field.html`);

    // Signing in, online; the service worker installs and takes the page.
    await page.getByLabel('Name').fill('monitor');
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#queue-report').waitFor({ timeout: 30_000 });
    const controlled = await page.evaluate(`new Promise((resolve) => {
      if (navigator.serviceWorker.controller) return resolve(true);
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
      setTimeout(() => resolve(false), 30000);
    })`);
    expect(controlled).toBe(true);
    const manifest = (await (await fetch(`${frontBase}/field.webmanifest`)).json()) as {
      start_url: string;
      icons: { sizes: string }[];
    };
    expect(manifest.start_url).toBe('/field.html');
    expect(manifest.icons.map((i) => i.sizes)).toContain('512x512');
    expect(await audit(page)).toEqual([]);

    // The network goes.
    await network(context, false);
    await expect.poll(() => page.locator('#outbox-summary').textContent()).toMatch(/^Offline/);

    // The form refuses what it can see is wrong, next to the field.
    await page.locator('#queue-report').click();
    await page.locator('#form-errors').waitFor();
    expect(await page.getByLabel('Kind of event').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.report-form').textContent()).toContain(
      'Set the place: GPS, the map or coordinates.',
    );
    expect(await audit(page)).toEqual([]);

    // Report 1: GPS place, a compass bearing and a distance range, with a photo.
    await page.locator('#use-gps').click();
    await expect.poll(() => page.getByLabel('Latitude').inputValue()).toBe('48.031200');
    expect(await page.getByLabel('Uncertainty (m)').inputValue()).toBe('35');
    await page.locator('input[name=bearingMode][value=compass]').check();
    await page.locator('select[name=compass]').selectOption('SSE');
    await page.getByLabel('Distance from (km)').fill('2');
    await page.getByLabel('Distance to (km)').fill('4,5');
    await page.getByLabel('Kind of event').selectOption('explosion');
    await page.getByLabel('Weapon').selectOption('artillery');
    await page.getByLabel('Count').fill('3');
    await page.getByLabel('Direction').selectOption('impact');
    await page.getByLabel('Notes').fill('three impacts south-south-east of the checkpoint');
    await page.getByLabel('Photos').setInputFiles(join(ROOT, 'web/public/field-icon-192.png'));
    await page.locator('#queue-report').click();
    await expect.poll(() => report(page, 'queued').count()).toBe(1);

    // Report 2: a tap on the map, and a time the server will find in the future.
    await page.locator('.field-map[data-map-ready="true"]').waitFor({ timeout: 30_000 });
    const box = (await page.locator('.field-map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 20, box.y + box.height / 2 - 10);
    await expect.poll(() => page.getByLabel('Latitude').inputValue()).not.toBe('');
    const tapped = Number(await page.getByLabel('Latitude').inputValue());
    expect(Math.abs(tapped - 48.03)).toBeLessThan(1);
    await page.getByLabel('Time observed (UTC)').fill('2030-01-01T10:00');
    await page.getByLabel('Kind of event').selectOption('small_arms_burst');
    await page.getByLabel('Weapon').selectOption('small_arms');
    await page.locator('#queue-report').click();
    await expect.poll(() => report(page, 'queued').count()).toBe(2);
    expect(await page.locator('#outbox-summary').getAttribute('data-waiting')).toBe('2');
    const ids = await Promise.all(
      (await page.locator('li.report').all()).map((l) => l.getAttribute('data-id')),
    );
    const [futureId, goodId] = ids as [string, string];

    // Closed, and opened again with no network: the shell from the service worker, the queue
    // from IndexedDB.
    await page.close();
    page = await context.newPage();
    watch(page);
    await page.goto(`${frontBase}/field.html`);
    await page.locator('#queue-report').waitFor({ timeout: 30_000 });
    await expect.poll(() => report(page, 'queued').count()).toBe(2);
    expect(await page.locator('#outbox-summary').textContent()).toMatch(/^Offline/);
    // The map too, its basemap from the cache (a failed fetch would be logged and fail the test).
    await page.locator('.field-map[data-map-ready="true"]').waitFor({ timeout: 30_000 });
    // Nothing has reached the server yet.
    const before = await s.fetch(`/api/v1/observations/${goodId}`, {
      as: await s.session('monitor'),
    });
    expect(before.status).toBe(404);

    // The network returns: the outbox syncs on its own.
    await network(context, true);
    await expect
      .poll(() => page.locator(`li.report[data-id="${goodId}"]`).getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('stored');
    await expect
      .poll(() => page.locator(`li.report[data-id="${futureId}"]`).getAttribute('data-state'))
      .toBe('rejected');
    const rejected = page.locator(`li.report[data-id="${futureId}"]`);
    expect(await rejected.locator('.issues').textContent()).toMatch(/observedAt.*in the future/);
    // The photo follows its stored report.
    await expect
      .poll(
        () =>
          page
            .locator(`li.report[data-id="${goodId}"] [data-photo-state]`)
            .getAttribute('data-photo-state'),
        { timeout: 30_000 },
      )
      .toBe('uploaded');

    // On the server: stored as filed, with the photo's hash as evidence.
    const stored = (await (
      await s.fetch(`/api/v1/observations/${goodId}`, { as: await s.session('monitor') })
    ).json()) as { properties: Record<string, unknown> };
    expect(stored.properties).toMatchObject({
      event: 'explosion',
      weapon: 'artillery',
      count: 3,
      direction: 'impact',
      source: { kind: 'monitor', id: 'monitor' },
      bearing: { fromDeg: 146.25, toDeg: 168.75 },
      distanceKm: { min: 2, max: 4.5 },
      observer: { lat: 48.0312, lon: 37.7021, accuracyM: 35 },
    });
    expect((stored.properties.evidence as unknown[]).length).toBe(1);

    // Sending the stored one again is harmless: the server answers duplicate.
    await page.locator(`li.report[data-id="${goodId}"] button.resend`).click();
    await expect
      .poll(() => page.locator(`li.report[data-id="${goodId}"]`).getAttribute('data-state'), {
        timeout: 30_000,
      })
      .toBe('duplicate');
    expect(await page.locator('#outbox-summary').getAttribute('data-waiting')).toBe('0');
    expect(await audit(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'field-app.png'), fullPage: true });

    // Every label in Ukrainian too.
    await page.getByLabel('Language').selectOption('uk');
    await expect.poll(() => page.locator('#sync-now').textContent()).toBe('Синхронізувати');
    expect(await page.locator(`li.report[data-id="${futureId}"] .state-badge`).textContent()).toBe(
      'Відхилено',
    );
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
