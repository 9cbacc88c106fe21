import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENITIVE_NAMES, genitiveName } from './place-names.js';

interface Gazetteer {
  settlements: { id: string; names: Record<string, string> }[];
}

const scenarios = join(import.meta.dirname, '../../scenarios');
const gazetteers = readdirSync(scenarios)
  .map((dir) => join(scenarios, dir, 'gazetteer.json'))
  .filter((file) => existsSync(file));

describe('genitive names of settlements', () => {
  it('finds at least one scenario gazetteer to check', () => {
    expect(gazetteers.length).toBeGreaterThan(0);
  });

  for (const file of gazetteers) {
    const g = JSON.parse(readFileSync(file, 'utf8')) as Gazetteer;
    it(`has uk and ru genitive forms for every settlement of ${file.split('/').slice(-2).join('/')}`, () => {
      const missing = g.settlements.filter((s) => !GENITIVE_NAMES[s.id]).map((s) => s.id);
      expect(missing).toEqual([]);
    });

    it(`keeps the genitive forms close to the gazetteer's nominative names (${file.split('/').slice(-2)[0]})`, () => {
      // A genitive shares its stem with the nominative: the first three letters of each word
      // agree, except where the stem itself alternates (Олешки → Олешок, Алёшки → Алёшек keep it).
      for (const s of g.settlements) {
        for (const lang of ['uk', 'ru'] as const) {
          const nominative = s.names[lang]!.split(' ');
          const genitive = genitiveName(s.id, lang)!.split(' ');
          expect(genitive.length, `${s.id} ${lang}`).toBe(nominative.length);
          nominative.forEach((word, i) => {
            const stem = Math.min(3, word.length);
            expect(genitive[i]!.slice(0, stem), `${s.id} ${lang}`).toBe(word.slice(0, stem));
          });
        }
      }
    });
  }

  it('gives the forms of the report example and of irregular names', () => {
    expect(genitiveName('svitlodarsk', 'uk')).toBe('Світлодарська');
    expect(genitiveName('svitlodarsk', 'ru')).toBe('Светлодарска');
    expect(genitiveName('polohy', 'ru')).toBe('Полог');
    expect(genitiveName('chasiv-yar', 'uk')).toBe('Часового Яру');
  });

  it('answers null for a settlement it does not know', () => {
    expect(genitiveName('atlantis', 'uk')).toBeNull();
  });
});
