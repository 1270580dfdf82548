/** 個人圖像, 個人資料 (view / 編輯) and 帳號狀態, as on the seeds' one-page self-service. */
import { Button, Card, Col, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useMyAccount } from '../../api/me.ts';
import { AccountDescriptions } from '../../components/AccountDescriptions.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { AvatarCard } from './AvatarCard.tsx';
import { ProfileForm } from './ProfileForm.tsx';

export function ProfileTab() {
  const { t } = useI18n();
  const { data: account, error, isPending } = useMyAccount();
  const [editing, setEditing] = useState(false);
  if (error) return <ErrorAlert error={error} />;
  if (isPending || !account) return <Skeleton active />;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={6}>
        <AvatarCard />
      </Col>
      <Col xs={24} lg={18}>
        <Card
          title={<h2 className="card-title">{t('me.profile')}</h2>}
          extra={
            !editing && (
              <Button type="primary" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )
          }
          style={{ marginBottom: 16 }}
        >
          {editing ? (
            <ProfileForm account={account} onDone={() => setEditing(false)} />
          ) : (
            <AccountDescriptions account={account} section="profile" />
          )}
        </Card>
        <Card title={<h2 className="card-title">{t('me.accountStatus')}</h2>}>
          <AccountDescriptions account={account} section="status" />
        </Card>
      </Col>
    </Row>
  );
}
