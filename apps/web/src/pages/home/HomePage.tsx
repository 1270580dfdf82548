/** 首頁: greeting, 常用系統 (PORTAL-3) and the portal modules, most still to come (PORTAL, SVC). */
import {
  AppstoreOutlined,
  BookOutlined,
  CalendarOutlined,
  CarOutlined,
  ContactsOutlined,
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  NotificationOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../api/me.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { useI18n, usePageTitle, type MessageKey } from '../../i18n/index.tsx';
import { HomeFavourites } from '../launcher/HomeFavourites.tsx';

const MODULES: { key: MessageKey; desc: MessageKey; icon: ReactNode; to?: string }[] = [
  { key: 'home.module.sso', desc: 'home.module.ssoDesc', icon: <AppstoreOutlined />, to: '/systems' },
  { key: 'home.module.apply', desc: 'home.module.applyDesc', icon: <FormOutlined /> },
  { key: 'home.module.venue', desc: 'home.module.venueDesc', icon: <HomeOutlined /> },
  { key: 'home.module.vehicle', desc: 'home.module.vehicleDesc', icon: <CarOutlined /> },
  { key: 'home.module.repair', desc: 'home.module.repairDesc', icon: <ToolOutlined /> },
  { key: 'home.module.course', desc: 'home.module.courseDesc', icon: <BookOutlined /> },
  { key: 'home.module.news', desc: 'home.module.newsDesc', icon: <NotificationOutlined /> },
  { key: 'home.module.files', desc: 'home.module.filesDesc', icon: <FileTextOutlined /> },
  { key: 'home.module.contacts', desc: 'home.module.contactsDesc', icon: <ContactsOutlined /> },
  { key: 'home.module.calendar', desc: 'home.module.calendarDesc', icon: <CalendarOutlined /> },
];

export function HomePage() {
  usePageTitle('nav.home');
  const { t } = useI18n();
  const { data: me } = useMe();
  return (
    <>
      <PageTitle>{t('home.greeting', { name: me?.name ?? '' })}</PageTitle>
      <Typography.Paragraph>
        {me?.org.name}
        {me?.title ? ` · ${me.title}` : ''}
      </Typography.Paragraph>
      <HomeFavourites />
      <Typography.Title level={2} className="section-title">
        {t('home.modules')}
      </Typography.Title>
      <Row gutter={[16, 16]} role="list">
        {MODULES.map((m) => (
          <Col key={m.key} xs={24} sm={12} xl={8} role="listitem">
            <Card className="module-card">
              <div className="module-card-head">
                <span className="module-icon" aria-hidden>
                  {m.icon}
                </span>
                <Typography.Title level={3} className="module-title">
                  {m.to ? <Link to={m.to}>{t(m.key)}</Link> : t(m.key)}
                </Typography.Title>
                {!m.to && <SolidTag color="grey">{t('home.comingSoon')}</SolidTag>}
              </div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t(m.desc)}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
