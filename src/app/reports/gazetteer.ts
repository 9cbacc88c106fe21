/**
 * The gazetteer of settlements that place references name: a JSON file `{settlements: [{id, lat,
 * lon, oblast, names: {en, uk, ru}}]}`. A mission keeps its own as `<data>/gazetteer.json`; without
 * one, the demo scenario's (scenarios/ukraine-2026/gazetteer.json) is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TrucelineError } from '../../domain/errors.js';
import type { Gazetteer } from '../../domain/report/index.js';

export const DEMO_GAZETTEER_FILE = fileURLToPath(
  new URL('../../../scenarios/ukraine-2026/gazetteer.json', import.meta.url),
);

const name = z.string().trim().min(1);
const gazetteerSchema = z.object({
  settlements: z.array(
    z.object({
      id: name,
      lat: z.number().min(-90).max(90),
      lon: z.number().min(-180).max(180),
      oblast: name,
      names: z.object({ en: name, uk: name, ru: name }),
    }),
  ),
});

export function readGazetteer(file: string): Gazetteer {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TrucelineError('VALIDATION', `${file}: ${(err as Error).message}`);
  }
  const parsed = gazetteerSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message }));
    throw new TrucelineError(
      'VALIDATION',
      `${file}: not a gazetteer: ${issues[0]?.path}: ${issues[0]?.reason}`,
      issues,
    );
  }
  return parsed.data;
}

/** `file` when given, else the mission's own `<dataDir>/gazetteer.json`, else the demo's. */
export function missionGazetteer(dataDir: string | undefined, file?: string): Gazetteer {
  if (file) return readGazetteer(file);
  const own = dataDir === undefined ? null : join(dataDir, 'gazetteer.json');
  return readGazetteer(own && existsSync(own) ? own : DEMO_GAZETTEER_FILE);
}
