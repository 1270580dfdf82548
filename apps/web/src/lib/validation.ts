/** Client-side mirrors of the contracts' field rules, so mistakes show before a round trip. */
import type { FormRule as Rule } from 'antd';
import type { I18n } from '../i18n/index.tsx';

type T = I18n['t'];

export const phoneRules = (t: T): Rule[] => [
  { max: 30 },
  { pattern: /^[0-9()+\-# ]*$/u, message: t('validation.phone') },
];
export const extRules = (t: T): Rule[] => [{ max: 10 }, { pattern: /^[0-9]*$/u, message: t('validation.digits') }];
export const requiredRule = (t: T): Rule => ({ required: true, whitespace: true, message: t('validation.required') });
