/**
 * The fonts the PDF embeds: DejaVu Sans (regular, bold) and DejaVu Sans Mono from the npm
 * package `dejavu-fonts-ttf`, which cover Latin and Cyrillic (Ukrainian і ї є ґ included).
 * Resolved through node's module resolution from this file, so it works from src/ under tsx
 * and from dist/ alike, and read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ReportFonts {
  readonly regular: Buffer;
  readonly bold: Buffer;
  readonly mono: Buffer;
}

let cached: ReportFonts | null = null;

export function reportFonts(): ReportFonts {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    cached = {
      regular: read('DejaVuSans.ttf'),
      bold: read('DejaVuSans-Bold.ttf'),
      mono: read('DejaVuSansMono.ttf'),
    };
  }
  return cached;
}
