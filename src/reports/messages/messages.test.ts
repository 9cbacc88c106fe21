import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { REPORT_LANGS, type ReportLang } from '../../domain/report/types.js';
import { REPORT_LOCALES, reportMessages, type MessageKey } from './index.js';

type Ast = ReturnType<IntlMessageFormat['getAst']>;

/** Element type codes of @formatjs/icu-messageformat-parser's AST. */
const ARGUMENT = 1;
const NUMBER = 2;
const DATE = 3;
const TIME = 4;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

interface Argument {
  kind: 'string' | 'number' | 'date' | 'time' | 'select' | 'plural';
  /** For select: the option keys, which every language must offer alike. */
  options?: string[];
}

/** The arguments a message takes, by name, read from its parsed form. */
function argumentsOf(ast: Ast, out = new Map<string, Argument>()): Map<string, Argument> {
  for (const el of ast) {
    const e = el as {
      type: number;
      value?: unknown;
      options?: Record<string, { value: Ast }>;
      children?: Ast;
    };
    const name = String(e.value);
    if (e.type === ARGUMENT) out.set(name, { kind: 'string' });
    else if (e.type === NUMBER) out.set(name, { kind: 'number' });
    else if (e.type === DATE) out.set(name, { kind: 'date' });
    else if (e.type === TIME) out.set(name, { kind: 'time' });
    else if (e.type === SELECT || e.type === PLURAL) {
      const options = e.options ?? {};
      out.set(
        name,
        e.type === SELECT
          ? { kind: 'select', options: Object.keys(options).sort() }
          : { kind: 'plural' },
      );
      for (const o of Object.values(options)) argumentsOf(o.value, out);
    } else if (e.type === TAG) argumentsOf(e.children ?? [], out);
  }
  return out;
}

function parse(lang: ReportLang, key: MessageKey): IntlMessageFormat {
  return new IntlMessageFormat(reportMessages[lang][key], REPORT_LOCALES[lang]);
}

const keys = Object.keys(reportMessages.en).sort() as MessageKey[];
const COUNTS = [0, 1, 2, 5, 11, 21, 22, 25];

/**
 * The word forms after the number, written out by hand: en [one, other]; uk and ru
 * [one (1, 21), few (2, 22), many (0, 5, 11, 25)]. Every message with a plural must be listed.
 */
const FORMS: Record<
  string,
  { en: [string, string]; uk: [string, string, string]; ru: [string, string, string] }
> = {
  'summary.violations': {
    en: ['ceasefire violation', 'ceasefire violations'],
    uk: ['порушення', 'порушення', 'порушень'],
    ru: ['нарушение', 'нарушения', 'нарушений'],
  },
  'disengagement.sentence': {
    en: ['ceasefire violation', 'ceasefire violations'],
    uk: ['порушення', 'порушення', 'порушень'],
    ru: ['нарушение', 'нарушения', 'нарушений'],
  },
  'count.explosions': {
    en: ['explosion', 'explosions'],
    uk: ['вибух', 'вибухи', 'вибухів'],
    ru: ['взрыв', 'взрыва', 'взрывов'],
  },
  'count.undeterminedExplosions': {
    en: ['undetermined explosion', 'undetermined explosions'],
    uk: ['вибух невстановленого', 'вибухи невстановленого', 'вибухів невстановленого'],
    ru: ['взрыв неустановленного', 'взрыва неустановленного', 'взрывов неустановленного'],
  },
  'count.projectilesInFlight': {
    en: ['projectile in flight', 'projectiles in flight'],
    uk: ['снаряд', 'снаряди', 'снарядів'],
    ru: ['снаряд', 'снаряда', 'снарядов'],
  },
  'count.muzzleFlashes': {
    en: ['muzzle flash', 'muzzle flashes'],
    uk: ['спалах пострілу', 'спалахи пострілів', 'спалахів пострілів'],
    ru: ['вспышку выстрела', 'вспышки выстрелов', 'вспышек выстрелов'],
  },
  'count.smallArmsBursts': {
    en: ['burst', 'bursts'],
    uk: ['чергу', 'черги', 'черг'],
    ru: ['очередь', 'очереди', 'очередей'],
  },
  'count.illuminationFlares': {
    en: ['illumination flare', 'illumination flares'],
    uk: ['освітлювальну ракету', 'освітлювальні ракети', 'освітлювальних ракет'],
    ru: ['осветительную ракету', 'осветительные ракеты', 'осветительных ракет'],
  },
  'count.weapons': {
    en: ['weapon', 'weapons'],
    uk: ['одиниця', 'одиниці', 'одиниць'],
    ru: ['единица', 'единицы', 'единиц'],
  },
  'count.incidents': {
    en: ['incident', 'incidents'],
    uk: ['інцидент', 'інциденти', 'інцидентів'],
    ru: ['инцидент', 'инцидента', 'инцидентов'],
  },
  'count.restrictions': {
    en: ['time', 'times'],
    uk: ['раз', 'рази', 'разів'],
    ru: ['раз', 'раза', 'раз'],
  },
  'count.findings': {
    en: ['finding', 'findings'],
    uk: ['висновок', 'висновки', 'висновків'],
    ru: ['заключение', 'заключения', 'заключений'],
  },
};

/** The expected form's index for a count, by the grammar (not by Intl, which is checked too). */
function expectedForm(lang: ReportLang, n: number): number {
  if (lang === 'en') return n === 1 ? 0 : 1;
  if ([1, 21].includes(n)) return 0;
  if ([2, 22].includes(n)) return 1;
  return 2;
}

describe('report message catalogues', () => {
  it('have exactly the same keys in en, uk and ru', () => {
    for (const lang of REPORT_LANGS)
      expect(Object.keys(reportMessages[lang]).sort(), lang).toEqual(keys);
  });

  it('give every message the same ICU arguments (and the same select options) in every language', () => {
    for (const key of keys) {
      const en = Object.fromEntries(argumentsOf(parse('en', key).getAst()));
      for (const lang of ['uk', 'ru'] as const)
        expect(
          Object.fromEntries(argumentsOf(parse(lang, key).getAst())),
          `${lang} ${key}`,
        ).toEqual(en);
    }
  });

  it('give uk and ru plurals all of one, few, many and other', () => {
    for (const lang of ['uk', 'ru'] as const)
      for (const key of keys) {
        const plurals = (parse(lang, key).getAst() as { type: number; options?: object }[]).filter(
          (e) => e.type === PLURAL,
        );
        for (const p of plurals)
          expect(Object.keys(p.options ?? {}).sort(), `${lang} ${key}`).toEqual([
            'few',
            'many',
            'one',
            'other',
          ]);
      }
  });

  it('lists the word forms of every message that has a plural', () => {
    const withPlural = keys.filter((key) =>
      [...argumentsOf(parse('en', key).getAst()).values()].some((a) => a.kind === 'plural'),
    );
    expect(withPlural.sort()).toEqual(Object.keys(FORMS).sort());
  });

  it('agrees with Intl.PluralRules on which counts take which form', () => {
    for (const lang of REPORT_LANGS) {
      const rules = new Intl.PluralRules(REPORT_LOCALES[lang]);
      const names = lang === 'en' ? ['one', 'other'] : ['one', 'few', 'many'];
      for (const n of COUNTS)
        expect(rules.select(n), `${lang} ${n}`).toBe(names[expectedForm(lang, n)]);
    }
  });

  for (const lang of REPORT_LANGS) {
    it(`renders every ${lang} message with counts ${COUNTS.join(', ')} and every select option`, () => {
      for (const key of keys) {
        const format = parse(lang, key);
        const args = argumentsOf(format.getAst());
        const selects = [...args].filter(([, a]) => a.kind === 'select');
        const variants: Record<string, string>[] = [{}];
        for (const [name, a] of selects)
          for (const option of a.options!)
            variants.push({ [name]: option === 'other' ? 'unlisted' : option });
        for (const n of COUNTS)
          for (const variant of variants) {
            const values: Record<string, string | number> = {};
            for (const [name, a] of args)
              values[name] =
                a.kind === 'number' || a.kind === 'plural'
                  ? n
                  : a.kind === 'select'
                    ? (variant[name] ?? 'unlisted')
                    : `‹${name}›`;
            const out = format.format(values) as string;
            expect(out.length, `${lang} ${key}`).toBeGreaterThan(0);
            expect(out, `${lang} ${key}`).not.toMatch(/[{}#]/);
          }
      }
    });

    it(`puts the right grammatical form after each count in ${lang}`, () => {
      for (const [key, forms] of Object.entries(FORMS)) {
        const format = parse(lang, key as MessageKey);
        const args = argumentsOf(format.getAst());
        for (const n of COUNTS) {
          const values: Record<string, string | number> = {};
          for (const [name, a] of args)
            values[name] = a.kind === 'number' || a.kind === 'plural' ? n : `‹${name}›`;
          const out = format.format(values) as string;
          const form = forms[lang][expectedForm(lang, n)]!;
          expect(out, `${lang} ${key} ${n}`).toMatch(
            new RegExp(`(^|\\D)${n} ${form}(?!\\p{L})`, 'u'),
          );
        }
      }
    });
  }
});
