/** The report's message catalogues, one per report language. */
import type { ReportLang } from '../../domain/report/types.js';
import { en, type Catalogue, type MessageKey } from './en.js';
import { ru } from './ru.js';
import { uk } from './uk.js';

export type { Catalogue, MessageKey };

export const reportMessages: { readonly [L in ReportLang]: Catalogue } = { en, uk, ru };

/** BCP 47 locale of each report language, for Intl number, date and plural rules. */
export const REPORT_LOCALES: { readonly [L in ReportLang]: string } = {
  en: 'en-GB',
  uk: 'uk-UA',
  ru: 'ru-RU',
};
