import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import {
  fill,
  initialLang,
  MESSAGES,
  pluralForm,
  type Lang,
  type MessageKey,
  type PluralForms,
} from './messages.js';

type Params = Readonly<Record<string, string | number>>;

export interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  /** A plain message with its placeholders filled. */
  t(key: MessageKey, params?: Params): string;
  /** A counted message: the plural form for `n`, with `{n}` formatted for the language. */
  tn(key: MessageKey, n: number, params?: Params): string;
  /** A number formatted for the language. */
  num(n: number, digits?: number): string;
  /** An instant formatted for the language, in UTC (what monitors report in). */
  dateTime(iso: string | number): string;
}

const STORAGE_KEY = 'truceline.lang';
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() =>
    initialLang(
      safeStorage()?.getItem(STORAGE_KEY) ?? null,
      navigator.languages ?? [navigator.language],
    ),
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    safeStorage()?.setItem(STORAGE_KEY, l);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = MESSAGES[lang];
    const numberFormat = new Intl.NumberFormat(lang);
    const dateFormat = new Intl.DateTimeFormat(lang, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    });
    return {
      lang,
      setLang,
      t(key, params) {
        const m = messages[key];
        return fill(typeof m === 'string' ? m : m.other, params);
      },
      tn(key, n, params) {
        const m = messages[key];
        const form = typeof m === 'string' ? m : pluralForm(lang, m as PluralForms, n);
        return fill(form, { ...params, n: numberFormat.format(n) });
      },
      num: (n, digits) =>
        digits === undefined
          ? numberFormat.format(n)
          : new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n),
      dateTime: (iso) => `${dateFormat.format(new Date(iso))} UTC`,
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside <I18nProvider>');
  return v;
}

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
