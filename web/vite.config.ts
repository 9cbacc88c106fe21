/**
 * The dashboard build: `vite build --config web/vite.config.ts` → web/dist, served by
 * `truceline serve` (src/server/web-routes.ts), with the field app (field.html) beside it. The basemap GeoJSON is generated first if missing
 * (web/scripts/build-basemap.ts), and every text asset gets `.gz` and `.br` twins so the server
 * sends it compressed without compressing on each request.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { BASEMAP_DIR, writeBasemap } from './scripts/build-basemap.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = join(here, 'dist');
const COMPRESS = /\.(js|mjs|css|html|json|geojson|svg|map)$/;

function basemap(): Plugin {
  return {
    name: 'truceline-basemap',
    buildStart() {
      if (
        !existsSync(join(BASEMAP_DIR, 'countries.geojson')) ||
        !existsSync(join(BASEMAP_DIR, 'borders.geojson'))
      )
        writeBasemap();
    },
  };
}

function precompress(): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );
  // The directory actually built into (`vite build --outDir …` overrides the default).
  let builtDir = outDir;
  return {
    name: 'truceline-precompress',
    apply: 'build',
    configResolved(config) {
      builtDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of walk(builtDir)) {
        if (!COMPRESS.test(file) || statSync(file).size < 1024) continue;
        const bytes = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  publicDir: join(here, 'public'),
  plugins: [react(), basemap(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
    // Two pages: the dashboard, and the field app (field.html, installable, works offline).
    rollupOptions: {
      input: { index: join(here, 'index.html'), field: join(here, 'field.html') },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` with `truceline serve` on 8080: the API is proxied.
    proxy: { '/api': 'http://127.0.0.1:8080', '/log': 'http://127.0.0.1:8080' },
  },
});
