/** Every application (`?all=true`): search by 關鍵字 and status; 停權 (reason required) and 復權. */
import { App as AntApp, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { APP_STATUSES, APP_STATUS_LABELS, type App, type AppStatus } from '@menhu/contracts';
import { useApps, useSetAppStatus, type AppFilter } from '../../../api/integrations.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { FilterActions } from '../../../components/FilterActions.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { AppTable } from '../../integrations/AppTable.tsx';
import { SuspendDialog } from './SuspendDialog.tsx';

export function AllAppsTab() {
  const { t, label } = useI18n();
  const { modal, message } = AntApp.useApp();
  const [filter, setFilter] = useState<AppFilter>({ all: true });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const { data, isFetching, error } = useApps(filter, paging.page, paging.pageSize);
  const setStatus = useSetAppStatus();
  const [suspending, setSuspending] = useState<App | null>(null);
  const [form] = Form.useForm<{ q?: string; status?: AppStatus }>();

  const resume = (a: App) =>
    modal.confirm({
      title: t('intAdmin.resumeConfirm', { name: a.name }),
      okText: t('intAdmin.resume'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await setStatus.mutateAsync({ appId: a.id, status: 'active' });
          void message.success(t('intAdmin.resumed', { name: a.name }));
        } catch (err) {
          void message.error(errorMessage(err, t('error.unexpected')));
        }
      },
    });

  const actions = (a: App) =>
    a.status === 'active' ? (
      <Button
        size="small"
        danger
        onClick={() => setSuspending(a)}
        aria-label={t('intAdmin.suspendNamed', { name: a.name })}
      >
        {t('intAdmin.suspend')}
      </Button>
    ) : a.status === 'suspended' ? (
      <Button size="small" onClick={() => resume(a)} aria-label={t('intAdmin.resumeNamed', { name: a.name })}>
        {t('intAdmin.resume')}
      </Button>
    ) : null;

  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          role="search"
          className="filter-form"
          onFinish={(v) => {
            setFilter({ all: true, q: v.q?.trim() || undefined, status: v.status });
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12} xl={8}>
              <Form.Item label={t('accounts.keyword')} name="q" extra={t('int.keywordHint')}>
                <Input allowClear maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Form.Item label={t('int.status')} name="status">
                <Select
                  allowClear
                  placeholder={t('common.all')}
                  options={APP_STATUSES.map((s) => ({ value: s, label: label(APP_STATUS_LABELS[s]) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <FilterActions
            onClear={() => {
              form.resetFields();
              setFilter({ all: true });
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
        </Form>
      </Card>
      <ErrorAlert error={error} />
      <AppTable
        data={data}
        loading={isFetching}
        caption={t('intAdmin.apps')}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        actions={actions}
        showOwner
        linkState={{ back: '/admin/integrations?tab=apps' }}
      />
      <SuspendDialog app={suspending} onClose={() => setSuspending(null)} />
    </>
  );
}
