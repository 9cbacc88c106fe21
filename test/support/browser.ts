import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

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
 * A production build of web/ into `outDir`, not web/dist, so browser test files that build can
 * run side by side with test/web-dashboard.test.ts (which rebuilds web/dist).
 */
export function buildAppInto(outDir: string): void {
  const root = join(import.meta.dirname, '..', '..');
  const script = `
    import { build } from 'vite';
    import react from '@vitejs/plugin-react';
    await build({
      configFile: false, root: ${JSON.stringify(join(root, 'web'))}, base: '/',
      publicDir: ${JSON.stringify(join(root, 'web', 'public'))}, logLevel: 'warn',
      plugins: [react()],
      build: { outDir: ${JSON.stringify(outDir)}, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1500 },
    });`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
}
