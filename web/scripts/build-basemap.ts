/**
 * Writes the shipped basemap (web/public/basemap/*.geojson) from world-atlas countries-50m, with
 * Crimea in Ukraine (see basemap.ts). Run: `npx tsx web/scripts/build-basemap.ts`; the Vite build
 * runs it too when the files are missing (web/vite.config.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Topology } from 'topojson-specification';
import {
  buildBasemap,
  countryAt,
  RUSSIA_ID,
  SEVASTOPOL,
  SIMFEROPOL,
  UKRAINE_ID,
} from './basemap.js';

export const BASEMAP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'basemap');

/** Builds, checks the correction on the result, writes; returns the files written and their sizes. */
export function writeBasemap(outDir: string = BASEMAP_DIR): { file: string; bytes: number }[] {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(
    readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
  ) as Topology;
  const { countries, borders } = buildBasemap(topology);
  for (const [place, at] of [
    ['Simferopol', SIMFEROPOL],
    ['Sevastopol', SEVASTOPOL],
  ] as const) {
    const c = countryAt(countries, at);
    if (c?.id !== UKRAINE_ID)
      throw new Error(`${place} lies in ${c?.name ?? 'no country'}, expected Ukraine`);
  }
  if (countryAt(countries, [37.62, 55.75])?.id !== RUSSIA_ID)
    throw new Error('Moscow is not in Russia: the basemap is broken');
  mkdirSync(outDir, { recursive: true });
  const out: { file: string; bytes: number }[] = [];
  for (const [name, data] of [
    ['countries.geojson', countries],
    ['borders.geojson', borders],
  ] as const) {
    const file = join(outDir, name);
    const text = JSON.stringify(data);
    writeFileSync(file, text);
    out.push({ file, bytes: Buffer.byteLength(text) });
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const { file, bytes } of writeBasemap())
    process.stdout.write(`wrote ${file} (${(bytes / 1024).toFixed(0)} KiB)\n`);
}
