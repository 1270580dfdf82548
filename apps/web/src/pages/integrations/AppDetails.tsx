/** 介接機關/單位資訊 of one application, in the seed's 介接申請書 order. */
import { Descriptions } from 'antd';
import type { App } from '@menhu/contracts';
import { useI18n } from '../../i18n/index.tsx';

export function AppDetails({ app }: { app: App }) {
  const { t, date } = useI18n();
  const items = [
    { key: 'org', label: t('int.org'), children: app.unit ? `${app.orgName} / ${app.unit}` : app.orgName },
    { key: 'contactName', label: t('int.contactName'), children: app.contactName },
    { key: 'contactEmail', label: t('int.contactEmail'), children: app.contactEmail },
    { key: 'contactPhone', label: t('int.contactPhone'), children: app.contactPhone ?? '' },
    { key: 'name', label: t('int.name'), children: app.name },
    {
      key: 'url',
      label: t('int.url'),
      children: (
        <a href={app.url} target="_blank" rel="noopener noreferrer" className="secret-value">
          {app.url}
        </a>
      ),
    },
    { key: 'vendor', label: t('int.vendor'), children: app.vendor ?? '' },
    { key: 'owner', label: t('int.owner'), children: app.ownerName ?? '' },
    { key: 'createdAt', label: t('int.applyDate'), children: date(app.createdAt) },
  ];
  return <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" items={items} />;
}
