/** URL fields checked with the contracts' own rule (absolute http(s), no fragment), before a round trip. */
import type { FormRule } from 'antd';
import { HttpUrl } from '@menhu/contracts';
import type { I18n } from '../../i18n/index.tsx';

type T = I18n['t'];

export const isHttpUrl = (s: string) => HttpUrl.safeParse(s).success;

export const urlRule = (t: T): FormRule => ({
  validator: async (_, v: string | undefined) => {
    if (v && v.trim() && !isHttpUrl(v.trim())) throw new Error(t('validation.url'));
  },
});

/** One URL a line (回應網址 may be several). */
export const splitLines = (v: string | undefined): string[] =>
  (v ?? '')
    .split(/\r?\n/u)
    .map((s) => s.trim())
    .filter(Boolean);

export const urlLinesRule = (t: T, max = 10): FormRule => ({
  validator: async (_, v: string | undefined) => {
    const lines = splitLines(v);
    const bad = lines.find((l) => !isHttpUrl(l));
    if (bad) throw new Error(t('validation.urlLine', { url: bad }));
    if (lines.length > max) throw new Error(t('validation.urlMax', { n: max }));
  },
});
