/** Fields a person may change about themselves (contracts ProfileUpdate). */
import { App, Button, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AccountDetail } from '@menhu/contracts';
import { useUpdateProfile } from '../../api/me.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { phoneRules, extRules } from '../../lib/validation.ts';

interface Values {
  title?: string;
  officePhone?: string;
  phoneExt?: string;
  birthday?: Dayjs | null;
  homeAddress?: string;
  workAddress?: string;
}

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export function ProfileForm({ account, onDone }: { account: AccountDetail; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const update = useUpdateProfile();

  const submit = async (v: Values) => {
    await update.mutateAsync({
      title: orNull(v.title),
      officePhone: orNull(v.officePhone),
      phoneExt: orNull(v.phoneExt),
      birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null,
      homeAddress: orNull(v.homeAddress),
      workAddress: orNull(v.workAddress),
    });
    void message.success(t('common.saved'));
    onDone();
  };

  return (
    <Form<Values>
      layout="vertical"
      style={{ maxWidth: 560 }}
      initialValues={{
        title: account.title ?? '',
        officePhone: account.officePhone ?? '',
        phoneExt: account.phoneExt ?? '',
        birthday: account.birthday ? dayjs(account.birthday) : null,
        homeAddress: account.homeAddress ?? '',
        workAddress: account.workAddress ?? '',
      }}
      onFinish={(v) => submit(v).catch(() => undefined)}
    >
      <ErrorAlert error={update.error} />
      <Form.Item label={t('account.title')} name="title" rules={[{ max: 50 }]}>
        <Input />
      </Form.Item>
      <Space.Compact block>
        <Form.Item label={t('account.officePhone')} name="officePhone" rules={phoneRules(t)} style={{ flex: 2 }}>
          <Input autoComplete="work tel" inputMode="tel" />
        </Form.Item>
        <Form.Item
          label={t('account.ext')}
          name="phoneExt"
          rules={extRules(t)}
          style={{ flex: 1, marginInlineStart: 8 }}
        >
          <Input inputMode="numeric" />
        </Form.Item>
      </Space.Compact>
      <Form.Item label={t('account.birthday')} name="birthday">
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
      </Form.Item>
      <Form.Item label={t('account.homeAddress')} name="homeAddress" rules={[{ max: 200 }]}>
        <Input autoComplete="home street-address" />
      </Form.Item>
      <Form.Item label={t('account.workAddress')} name="workAddress" rules={[{ max: 200 }]}>
        <Input autoComplete="work street-address" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
