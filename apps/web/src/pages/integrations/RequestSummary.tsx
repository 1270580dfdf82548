/** What a service request asks for, readable: 所需回拋資料 as labels, the URLs, 申請說明. */
import { Descriptions, Space, Tag } from 'antd';
import type { ReactNode } from 'react';
import { CLAIM_LABELS, type Claim } from '@menhu/contracts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

const FIELDS: { key: string; label: MessageKey }[] = [
  { key: 'claims', label: 'int.claims' },
  { key: 'redirectUris', label: 'int.redirectUris' },
  { key: 'postLogoutRedirectUris', label: 'int.postLogoutRedirectUris' },
  { key: 'backchannelLogoutUri', label: 'int.backchannelLogoutUri' },
  { key: 'initiateLoginUri', label: 'int.initiateLoginUri' },
  { key: 'requireMfa', label: 'int.requireMfa' },
  { key: 'entryUrl', label: 'int.entryUrl' },
  { key: 'description', label: 'int.description' },
];

export function RequestSummary({ request }: { request: Record<string, unknown> | null | undefined }) {
  const { t, label } = useI18n();
  if (!request) return null;
  const show = (key: string, v: unknown): ReactNode => {
    if (key === 'claims' && Array.isArray(v))
      return v.length ? (
        <Space size={[4, 4]} wrap>
          {v.map((c: string) => (
            <Tag key={c}>{label(CLAIM_LABELS[c as Claim], c)}</Tag>
          ))}
        </Space>
      ) : (
        t('int.noClaims')
      );
    if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
    if (Array.isArray(v))
      return (
        <ul className="plain-list">
          {v.map((u) => (
            <li key={String(u)} className="secret-value">
              {String(u)}
            </li>
          ))}
        </ul>
      );
    return <span className="secret-value pre-line">{String(v)}</span>;
  };
  const items = FIELDS.filter(
    (f) =>
      request[f.key] !== undefined &&
      request[f.key] !== null &&
      !(Array.isArray(request[f.key]) && f.key !== 'claims' && !(request[f.key] as unknown[]).length),
  ).map((f) => ({ key: f.key, label: t(f.label), children: show(f.key, request[f.key]) }));
  return <Descriptions column={1} bordered size="small" items={items} />;
}
