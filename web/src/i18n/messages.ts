/**
 * UI strings in English, Ukrainian and Russian. A string may hold `{name}` placeholders; a
 * counted string is a set of plural forms chosen by Intl.PluralRules (Ukrainian and Russian use
 * one / few / many / other, English one / other). Every language has every key: the type says so.
 * The tables are en.ts, uk.ts and ru.ts.
 */
import { en } from './en.js';
import { ru } from './ru.js';
import { uk } from './uk.js';

export const LANGS = ['en', 'uk', 'ru'] as const;
export type Lang = (typeof LANGS)[number];

export type PluralForms = { readonly other: string } & Partial<
  Record<'zero' | 'one' | 'two' | 'few' | 'many', string>
>;

export type MessageKey = keyof typeof en;
export type Messages = {
  readonly [K in MessageKey]: (typeof en)[K] extends string ? string : PluralForms;
};

export const MESSAGES: Readonly<Record<Lang, Messages>> = { en, uk, ru };

/** Fills `{name}` placeholders; an unknown placeholder is left as written. */
export function fill(
  template: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The plural form of `forms` for `n` in `lang` (Intl.PluralRules), falling back to `other`. */
export function pluralForm(lang: Lang, forms: PluralForms, n: number): string {
  const category = new Intl.PluralRules(lang).select(n) as keyof PluralForms;
  return forms[category] ?? forms.other;
}

/** The language to start in: a stored choice, else the browser's first supported one, else English. */
export function initialLang(stored: string | null, browser: readonly string[]): Lang {
  if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0]!;
    if ((LANGS as readonly string[]).includes(base)) return base as Lang;
  }
  return 'en';
}
