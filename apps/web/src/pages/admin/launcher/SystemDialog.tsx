/** 新增系統 / 編輯系統: name, category, how it opens, its address and application, and who sees it. */
import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import {
  LAUNCH_MODES,
  LAUNCH_MODE_LABELS,
  type AdminCategory,
  type AdminSystem,
  type LaunchMode,
} from '@menhu/contracts';
import { useCreateSystem, useLaunchableApps, useUpdateSystem } from '../../../api/launcher.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { requiredRule } from '../../../lib/validation.ts';

interface Values {
  name: string;
  description?: string | null;
  categoryId?: number;
  launchMode: LaunchMode;
  url: string;
  appId?: number | null;
  enabled: boolean;
  sortOrder: number;
  visibleOrgIds: number[];
}

/** The contract's rule (HttpUrl): an absolute http(s) address without a fragment or credentials. */
function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.hash && !u.username && !u.password;
  } catch {
    return false;
  }
}

const fromSystem = (s: AdminSystem | null): Partial<Values> =>
  s ? s : { launchMode: 'link', enabled: true, sortOrder: 0, visibleOrgIds: [], appId: null };

interface Props {
  open: boolean;
  /** The system to edit; null to add one. */
  system: AdminSystem | null;
  categories: AdminCategory[];
  onClose: () => void;
}

export function SystemDialog({ open, system, categories, onClose }: Props) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const launchMode = Form.useWatch('launchMode', form);
  const create = useCreateSystem();
  const update = useUpdateSystem();
  const saving = system ? update : create;
  const apps = useLaunchableApps(open);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const submit = async (v: Values) => {
    const body = {
      name: v.name.trim(),
      description: v.description?.trim() || null,
      categoryId: v.categoryId!,
      launchMode: v.launchMode,
      url: v.url.trim(),
      appId: v.appId ?? null,
      enabled: v.enabled,
      sortOrder: v.sortOrder,
      visibleOrgIds: v.visibleOrgIds ?? [],
    };
    try {
      if (system) await update.mutateAsync({ id: system.id, ...body });
      else await create.mutateAsync(body);
      void message.success(t('common.saved'));
      close();
    } catch {
      // shown by ErrorAlert
    }
  };

  return (
    <Modal
      open={open}
      title={system ? t('launcherAdmin.editSystem', { name: system.name }) : t('launcherAdmin.createSystem')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving.isPending}
      width={640}
      destroyOnHidden
    >
      <Form<Values> form={form} name="system" layout="vertical" onFinish={submit} initialValues={fromSystem(system)}>
        <ErrorAlert error={saving.error} />
        <Form.Item label={t('launcherAdmin.name')} name="name" rules={[requiredRule(t), { max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t('launcherAdmin.description')} name="description" rules={[{ max: 300 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
        <Form.Item
          label={t('launcher.category')}
          name="categoryId"
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select options={categories.map((c) => ({ value: c.id, label: c.name }))} />
        </Form.Item>
        <Form.Item label={t('launcherAdmin.launchMode')} name="launchMode" extra={t('launcherAdmin.launchModeHint')}>
          <Select options={LAUNCH_MODES.map((m) => ({ value: m, label: label(LAUNCH_MODE_LABELS[m]) }))} />
        </Form.Item>
        <Form.Item
          label={t('launcherAdmin.url')}
          name="url"
          extra={t('launcherAdmin.urlHint')}
          rules={[
            requiredRule(t),
            { max: 500 },
            {
              validator: (_, v?: string) =>
                !v || isHttpUrl(v.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('launcherAdmin.urlInvalid'))),
            },
          ]}
        >
          <Input inputMode="url" autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={t('launcherAdmin.app')}
          name="appId"
          extra={t('launcherAdmin.appHint')}
          rules={[{ required: launchMode === 'transfer', message: t('validation.required') }]}
        >
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            loading={apps.isLoading}
            options={(apps.data ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.apcode}）` }))}
          />
        </Form.Item>
        <Form.Item label={t('launcherAdmin.visibility')} name="visibleOrgIds" extra={t('launcherAdmin.visibilityHint')}>
          <OrgTreeSelect multiple allowClear placeholder={t('launcherAdmin.visibilityAll')} />
        </Form.Item>
        <Form.Item label={t('launcherAdmin.sortOrder')} name="sortOrder" extra={t('launcherAdmin.sortOrderHint')}>
          <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('launcherAdmin.enabled')} name="enabled" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
