/**
 * Formatting in the report's language: ICU messages (intl-messageformat) from the catalogues,
 * and numbers, distances and dates through Intl with the language's locale (en-GB, uk-UA, ru-RU)
 * and the report's time zone. Everything returned is plain text; the HTML and SVG writers escape.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { ReportLang } from '../domain/report/types.js';
import { REPORT_LOCALES, reportMessages, type MessageKey } from './messages/index.js';

export type MessageValues = Readonly<Record<string, string | number>>;

/** Parsed messages, per language and key: parsing is the costly part, formatting is cheap. */
const compiled = new Map<string, IntlMessageFormat>();

/** The parsed message; throws for an unknown key (a programming error, caught by the types). */
export function compileMessage(lang: ReportLang, key: MessageKey): IntlMessageFormat {
  const id = `${lang}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(reportMessages[lang][key], REPORT_LOCALES[lang]);
    compiled.set(id, format);
  }
  return format;
}

/** Formats the report's text in one language and time zone. */
export class ReportText {
  readonly locale: string;
  private readonly numberFormat: Intl.NumberFormat;
  private readonly kmFormat: Intl.NumberFormat;
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private readonly timeFormat: Intl.DateTimeFormat;
  private readonly calendarFormat: Intl.DateTimeFormat;
  private readonly shortDateFormat: Intl.DateTimeFormat;

  /** `timeZone` is IANA (`Europe/Kyiv`): dates and times are shown as read there. */
  constructor(
    readonly lang: ReportLang,
    readonly timeZone: string,
  ) {
    this.locale = REPORT_LOCALES[lang];
    this.numberFormat = new Intl.NumberFormat(this.locale, { maximumFractionDigits: 1 });
    this.kmFormat = new Intl.NumberFormat(this.locale, {
      style: 'unit',
      unit: 'kilometer',
      maximumFractionDigits: 1,
    });
    this.dateFormat = new Intl.DateTimeFormat(this.locale, {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    this.dateTimeFormat = new Intl.DateTimeFormat(this.locale, {
      timeZone,
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    this.timeFormat = new Intl.DateTimeFormat(this.locale, {
      timeZone,
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // Calendar dates are days, not instants: formatted at noon UTC so no zone shifts them.
    this.calendarFormat = new Intl.DateTimeFormat(this.locale, {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    this.shortDateFormat = new Intl.DateTimeFormat(this.locale, {
      timeZone: 'UTC',
      day: '2-digit',
      month: '2-digit',
    });
  }

  /** The message `key` with its ICU arguments filled in. */
  t(key: MessageKey, values: MessageValues = {}): string {
    const out = compileMessage(this.lang, key).format(values);
    if (typeof out !== 'string') throw new Error(`message ${key} did not format to text`);
    return out;
  }

  /** Whether the catalogue has `key` (for codes from data, such as workflow statuses). */
  has(key: string): key is MessageKey {
    return Object.hasOwn(reportMessages[this.lang], key);
  }

  /** The catalogue's label for a code from data (`status.verified`), or the code itself when the catalogue has none. */
  label(prefix: 'status' | 'dispute', code: string): string {
    const key = `${prefix}.${code}`;
    return this.has(key) ? this.t(key) : code;
  }

  number(n: number): string {
    return this.numberFormat.format(n);
  }

  /** "3 km" / "3 км". */
  km(n: number): string {
    return this.kmFormat.format(n);
  }

  /** "3–5 km" / "3–5 км"; a single figure when both ends agree. */
  kmRange(min: number, max: number): string {
    return min === max ? this.kmFormat.format(min) : this.kmFormat.formatRange(min, max);
  }

  /** A calendar date `YYYY-MM-DD` ("29 November 2026"), read as that day, not shifted by zone. */
  calendarDate(date: string): string {
    return this.calendarFormat.format(new Date(`${date}T12:00:00Z`));
  }

  /** A short calendar date `YYYY-MM-DD` for axis labels ("29.11", "29/11"). */
  shortDate(date: string): string {
    return this.shortDateFormat.format(new Date(`${date}T12:00:00Z`));
  }

  /** An instant as a date in the report's zone. */
  date(instant: string): string {
    return this.dateFormat.format(new Date(instant));
  }

  /** An instant as date and time in the report's zone. */
  dateTime(instant: string): string {
    return this.dateTimeFormat.format(new Date(instant));
  }

  /**
   * "1 Mar, 18:40–18:45" in the report's zone, the day shown because a daily period spans two
   * calendar days; "1 Mar, 23:50 – 2 Mar, 00:10" across midnight; one time for an instant.
   */
  timeWindow(from: string, to: string): string {
    if (from === to) return this.timeFormat.format(new Date(from));
    return this.timeFormat.formatRange(new Date(from), new Date(to));
  }
}
