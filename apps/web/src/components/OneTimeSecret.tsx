/**
 * A secret the server keeps only as a hash (APTOKEN, OIDC client secret): shown once with a
 * copy button and a warning, beside the identifiers it belongs to.
 */
import { Alert, Descriptions, Typography } from 'antd';
import { useI18n } from '../i18n/index.tsx';

export interface SecretItem {
  label: string;
  value: string;
  /** The secret itself, set in larger type; identifiers are shown plainly. */
  secret?: boolean;
}

export function OneTimeSecret({ warning, items }: { warning: string; items: SecretItem[] }) {
  return (
    <div>
      <Alert type="warning" showIcon role="alert" title={warning} style={{ marginBottom: 16 }} />
      <Descriptions
        column={1}
        bordered
        size="small"
        items={items.map((i) => ({
          key: i.label,
          label: i.label,
          children: <CopyableCode value={i.value} name={i.label} strong={i.secret} />,
        }))}
      />
    </div>
  );
}

/** A value in code type with a copy button named after what it copies (「複製 APCODE」). */
export function CopyableCode({ value, name, strong }: { value: string; name: string; strong?: boolean | undefined }) {
  const { t } = useI18n();
  return (
    <Typography.Text
      code
      strong={strong}
      className={strong ? 'one-time-password secret-value' : 'secret-value'}
      copyable={{ text: value, tooltips: [t('int.copyNamed', { name }), t('otp.copied')] }}
    >
      {value}
    </Typography.Text>
  );
}
