/**
 * MENHU_ERR_VALIDATION answers name the fields at fault (`body.redirectUris.0`, `entryUrl`);
 * the messages are for developers, so the field gets a localised one and the alert the rest.
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client.ts';
import type { I18n } from '../../i18n/index.tsx';

export function showFieldErrors(form: FormInstance, err: unknown, t: I18n['t']): void {
  if (!(err instanceof ApiError) || err.code !== 'MENHU_ERR_VALIDATION' || !Array.isArray(err.details)) return;
  const known = new Set(Object.keys(form.getFieldsValue() as object));
  const fields = new Set<string>();
  for (const d of err.details as { path?: unknown }[]) {
    const name = String(d.path ?? '')
      .replace(/^body\./u, '')
      .split('.')[0];
    if (name && known.has(name)) fields.add(name);
  }
  form.setFields([...fields].map((name) => ({ name, errors: [t('validation.invalid')] })));
}
