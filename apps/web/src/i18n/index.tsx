/** A small typed i18n: zh-TW by default, English on request, the choice kept in localStorage. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-tw';
import { setApiLanguage } from '../api/client.ts';
import { formatDate, type FormatOptions, type Locale } from '../lib/format.ts';
import { en } from './en.ts';
import { zhTW, type MessageKey } from './zh-TW.ts';

export type { Locale, MessageKey };

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-TW': zhTW, en };
const STORAGE_KEY = 'menhu.locale';
const HTML_LANG: Record<Locale, string> = { 'zh-TW': 'zh-Hant-TW', en: 'en' };

export interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  /** Looks a key up; `{name}` placeholders are filled from vars. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** Picks the language from a contracts label map entry ({zh, en}). */
  label: (l: { zh: string; en: string } | undefined, fallback?: string) => string;
  /** Dates and times in Asia/Taipei; ROC calendar in zh-TW. */
  date: (v: string | Date | null | undefined, opts?: FormatOptions) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-TW';
  } catch {
    return 'zh-TW';
  }
}

function applyLocale(locale: Locale) {
  setApiLanguage(locale);
  document.documentElement.lang = HTML_LANG[locale];
  dayjs.locale(locale === 'en' ? 'en' : 'zh-tw');
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    applyLocale(l);
    return l;
  });

  useEffect(() => applyLocale(locale), [locale]);

  const setLocale = useCallback((l: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setLocaleState(l);
  }, []);

  const value = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[locale];
    return {
      locale,
      setLocale,
      t: (key, vars) =>
        vars ? catalogue[key].replace(/\{(\w+)\}/gu, (m, k: string) => String(vars[k] ?? m)) : catalogue[key],
      label: (l, fallback = '') => (l ? (locale === 'en' ? l.en : l.zh) : fallback),
      date: (v, opts) => formatDate(v, locale, opts),
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

/** Sets the document title for the current page (WCAG 2.4.2). */
export function usePageTitle(key: MessageKey, detail?: string) {
  const { t } = useI18n();
  const title = [detail, t(key), t('app.name')].filter(Boolean).join(' - ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
