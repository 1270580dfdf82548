/**
 * ACC-5 機關管理員查詢 (seed 000: on the login page, 僅提供府內網路環境使用): choose an agency and
 * see who administers it — its own agency administrators, or those of the nearest agency above —
 * with their office contact details. No sign-in needed.
 */
import { Alert, Card, Descriptions, Empty, Form, List, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAgencyAdmins, usePublicOrgs } from '../../api/agency-admins.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n, usePageTitle } from '../../i18n/index.tsx';
import { useFocusOnMount } from '../../lib/focus.ts';
import { PublicFrame } from '../login/PublicFrame.tsx';

export function AgencyAdminsPage() {
  const { t } = useI18n();
  usePageTitle('agencyAdmins.title');
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const orgs = usePublicOrgs();
  const [orgId, setOrgId] = useState<number | null>(null);
  const answer = useAgencyAdmins(orgId);

  return (
    <PublicFrame>
      <Card className="login-card wide">
        <Typography.Title level={1} className="login-heading" tabIndex={-1} ref={heading}>
          {t('agencyAdmins.title')}
        </Typography.Title>
        {orgs.error ? (
          <ErrorAlert error={orgs.error} />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('agencyAdmins.hint')}</Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label={t('agencyAdmins.org')} htmlFor="agency-admin-org">
                <Select<number>
                  id="agency-admin-org"
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={orgs.isPending}
                  placeholder={t('agencyAdmins.orgPlaceholder')}
                  value={orgId ?? undefined}
                  onChange={(v) => setOrgId(v)}
                  options={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name}（${o.code}）` }))}
                  notFoundContent={t('common.noData')}
                />
              </Form.Item>
            </Form>
            <div aria-live="polite">
              {answer.isFetching && <Skeleton active />}
              <ErrorAlert error={answer.error} />
              {answer.data && !answer.isFetching && (
                <>
                  {answer.data.administeredBy && answer.data.administeredBy.id !== answer.data.org.id && (
                    <Alert
                      type="info"
                      showIcon
                      title={t('agencyAdmins.fromAbove', { org: answer.data.administeredBy.name })}
                      style={{ marginBottom: 16 }}
                    />
                  )}
                  {answer.data.admins.length === 0 ? (
                    <Empty description={t('agencyAdmins.none')} />
                  ) : (
                    <List
                      itemLayout="vertical"
                      dataSource={answer.data.admins}
                      renderItem={(a) => (
                        <List.Item>
                          <Descriptions
                            column={1}
                            size="small"
                            title={a.name}
                            items={[
                              { key: 'title', label: t('account.title'), children: a.title ?? '—' },
                              {
                                key: 'phone',
                                label: t('account.officePhone'),
                                children: a.officePhone
                                  ? `${a.officePhone}${a.phoneExt ? ` #${a.phoneExt}` : ''}`
                                  : '—',
                              },
                              {
                                key: 'email',
                                label: t('account.email'),
                                children: a.email ? <a href={`mailto:${a.email}`}>{a.email}</a> : '—',
                              },
                            ]}
                          />
                        </List.Item>
                      )}
                    />
                  )}
                </>
              )}
            </div>
          </>
        )}
        <Typography.Paragraph className="login-notes">
          <Link to="/login">{t('recovery.backToLogin')}</Link>
        </Typography.Paragraph>
      </Card>
    </PublicFrame>
  );
}
