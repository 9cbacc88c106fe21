import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, normalize, relative } from 'node:path';
import type { BrowserContext } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..', '..');

/**
 * How the browser tests start Chromium: Debian's binary (CHROMIUM_PATH for another), headless,
 * WebGL on SwiftShader for MapLibre. TRUCELINE_SKIP_BROWSER=1 skips them on a machine without one.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SKIP_BROWSER = process.env.TRUCELINE_SKIP_BROWSER === '1';
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Content types of the built app's files, as the test servers serve them. */
export const APP_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The app as `npm run build:web` builds it (web/vite.config.ts, production), built once for the
 * current content of web/ and the lockfile into node_modules/.cache/truceline-web/<hash> and
 * shared by every browser test file. A lock directory keeps two test workers from building at
 * once: the second waits for the first's result. Returns the directory.
 */
export async function builtApp(): Promise<string> {
  const cache = join(ROOT, 'node_modules', '.cache', 'truceline-web');
  const dir = join(cache, appHash());
  const lock = `${dir}.lock`;
  mkdirSync(cache, { recursive: true });
  const deadline = Date.now() + 300_000;
  while (!existsSync(join(dir, 'index.html'))) {
    if (Date.now() > deadline) throw new Error(`waited 5 minutes for the app build at ${lock}`);
    try {
      mkdirSync(lock);
    } catch {
      // Another worker builds; a lock older than the longest build is left by one that died.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 240_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      const building = `${dir}.${process.pid}`;
      const require = createRequire(import.meta.url);
      const vite = join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js');
      const r = spawnSync(
        process.execPath,
        [
          vite,
          'build',
          '--config',
          'web/vite.config.ts',
          '--outDir',
          building,
          '--logLevel',
          'warn',
        ],
        // vitest runs with NODE_ENV=test, which would give a development build of React.
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
      );
      if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
      if (existsSync(dir)) rmSync(building, { recursive: true, force: true });
      else renameSync(building, dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

/** A digest of what the app is built from: web/ (not its output) and the lockfile. */
function appHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'dist' && e.name !== 'node_modules') walk(path);
      } else if (e.isFile())
        hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path));
    }
  };
  walk(join(ROOT, 'web'));
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Serves `appDir`'s files to a browser context in place of the server's own web/dist, under the
 * real server's response headers (its Content-Security-Policy among them); /api, /log and /ogc
 * go to the server. An unknown path is the app's index.html, as the server answers it.
 */
export async function routeAppFiles(
  context: BrowserContext,
  base: string,
  appDir: string,
): Promise<void> {
  await context.route(
    (url) => url.origin === base && !/^\/(api|log|ogc)(\/|$)/.test(url.pathname),
    async (route) => {
      const path = decodeURIComponent(new URL(route.request().url()).pathname);
      const asked = join(appDir, normalize(path));
      const file =
        asked.startsWith(appDir) && existsSync(asked) && statSync(asked).isFile()
          ? asked
          : join(appDir, 'index.html');
      const headers = (await route.fetch()).headers();
      for (const h of ['content-length', 'content-encoding', 'etag', 'last-modified', 'vary'])
        delete headers[h];
      headers['content-type'] = APP_TYPES[extname(file)] ?? 'application/octet-stream';
      await route.fulfill({ status: 200, headers, body: readFileSync(file) });
    },
  );
}
