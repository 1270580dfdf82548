/**
 * 個人帳號管理 › 登入安全 › 自然人憑證: the cards bound to this account (姓名, 卡號, 有效期限,
 * 綁定時間, 最近使用), binding one (PIN → HiPKI → the card signs a challenge; the server checks
 * the certificate and that it is the account holder's), and removing one after the password.
 */
import { App, Button, List, Skeleton, Space, Typography } from 'antd';
import { RegionCard } from '../../components/RegionCard.tsx';
import { useState } from 'react';
import { useLoginMethods } from '../../api/auth.ts';
import { bindChallenge, useBindMoica, useMoicaBindings, useUnbindMoica } from '../../api/moica.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MoicaSignForm } from '../../components/MoicaSignForm.tsx';
import { SolidTag } from '../../components/Tags.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { PasswordConfirmModal } from './PasswordConfirmModal.tsx';

const TITLE_ID = 'moica-title';

export function MoicaCard() {
  const { t, date } = useI18n();
  const { message } = App.useApp();
  const { data, error, isPending } = useMoicaBindings();
  const bind = useBindMoica();
  const [binding, setBinding] = useState(false);
  const [removing, setRemoving] = useState<number | null>(null);
  const unbind = useUnbindMoica(removing);
  const methods = useLoginMethods();
  // Only where this deployment offers card sign-in at all.
  if (!methods.data?.methods.some((m) => m.method === 'moica')) return null;

  const body = () => {
    if (error) return <ErrorAlert error={error} />;
    if (isPending || !data) return <Skeleton active />;
    return (
      <>
        {data.items.length === 0 ? (
          <Space style={{ marginBottom: 12 }}>
            <SolidTag color="grey">{t('moica.none')}</SolidTag>
          </Space>
        ) : (
          <List
            aria-label={t('moica.listLabel')}
            dataSource={data.items}
            renderItem={(b) => (
              <List.Item
                actions={[
                  <Button key="remove" danger size="small" onClick={() => setRemoving(b.id)}>
                    {t('moica.remove')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={`${b.subjectCn}${b.cardSerial ? `（${b.cardSerial}）` : ''}`}
                  description={
                    <>
                      <div>{t('moica.notAfter', { date: date(b.notAfter) })}</div>
                      <div>{t('moica.boundAt', { date: date(b.boundAt) })}</div>
                      <div>{t('moica.lastUsed', { date: b.lastUsedAt ? date(b.lastUsedAt) : t('moica.never') })}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
        <Typography.Paragraph style={{ marginTop: 12 }}>{t('moica.about')}</Typography.Paragraph>
        {binding ? (
          <>
            <MoicaSignForm
              size="middle"
              getChallenge={() => {
                bind.reset();
                return bindChallenge();
              }}
              onSigned={(signed) =>
                bind.mutateAsync(signed).then(
                  () => {
                    setBinding(false);
                    void message.success(t('moica.bound'));
                  },
                  () => undefined,
                )
              }
              serverError={bind.error ? errorMessage(bind.error, t('error.network')) : null}
              submitText={t('moica.bindSubmit')}
            />
            <Button style={{ marginTop: 8 }} onClick={() => setBinding(false)}>
              {t('common.cancel')}
            </Button>
          </>
        ) : (
          <Button type={data.items.length ? 'default' : 'primary'} onClick={() => setBinding(true)}>
            {t('moica.bind')}
          </Button>
        )}
        <PasswordConfirmModal
          action={unbind}
          title="moica.remove"
          okText="moica.removeShort"
          note="moica.removeNote"
          open={removing !== null}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            void message.success(t('moica.removed'));
          }}
        />
      </>
    );
  };

  return (
    <RegionCard id={TITLE_ID} title={t('moica.title')}>
      {body()}
    </RegionCard>
  );
}
