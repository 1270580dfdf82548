/** ACC-4 fields an administrator sets: shared by 新增帳號 and 編輯. */
import { Checkbox, Col, DatePicker, Form, Input, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { isValidTaiwanId, type AccountDetail, type AccountUpdate } from '@menhu/contracts';
import { OrgTreeSelect } from '../../../components/OrgTreeSelect.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { extRules, phoneRules, requiredRule } from '../../../lib/validation.ts';

export interface AccountFormValues {
  account?: string;
  name: string;
  orgId: number;
  idNumber?: string;
  title?: string;
  email?: string;
  officePhone?: string;
  phoneExt?: string;
  birthday?: Dayjs | null;
  homeAddress?: string;
  workAddress?: string;
  needsOfficeMail: boolean;
}

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export function toAccountUpdate(v: AccountFormValues): AccountUpdate {
  return {
    name: v.name.trim(),
    orgId: v.orgId,
    // Empty means "leave as is": the stored number is never sent back to the browser.
    ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim().toUpperCase() } : {}),
    title: orNull(v.title),
    email: orNull(v.email),
    officePhone: orNull(v.officePhone),
    phoneExt: orNull(v.phoneExt),
    birthday: v.birthday ? v.birthday.format('YYYY-MM-DD') : null,
    homeAddress: orNull(v.homeAddress),
    workAddress: orNull(v.workAddress),
    needsOfficeMail: v.needsOfficeMail,
  };
}

export function fromAccount(a: AccountDetail): AccountFormValues {
  return {
    name: a.name,
    orgId: a.org.id,
    title: a.title ?? '',
    email: a.email ?? '',
    officePhone: a.officePhone ?? '',
    phoneExt: a.phoneExt ?? '',
    birthday: a.birthday ? dayjs(a.birthday) : null,
    homeAddress: a.homeAddress ?? '',
    workAddress: a.workAddress ?? '',
    needsOfficeMail: a.needsOfficeMail,
  };
}

export function AccountFormFields({ mode, maskedId }: { mode: 'create' | 'edit'; maskedId?: string | null }) {
  const { t } = useI18n();
  const half = { xs: 24, md: 12 };
  return (
    <Row gutter={16}>
      {mode === 'create' && (
        <Col {...half}>
          <Form.Item
            label={t('account.account')}
            name="account"
            extra={t('accounts.accountHint')}
            rules={[
              requiredRule(t),
              { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/u, message: t('accounts.accountHint') },
            ]}
          >
            <Input autoComplete="off" autoCapitalize="none" spellCheck={false} />
          </Form.Item>
        </Col>
      )}
      <Col {...half}>
        <Form.Item label={t('account.name')} name="name" rules={[requiredRule(t), { max: 50 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item
          label={t('account.org')}
          name="orgId"
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <OrgTreeSelect />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          label={t('account.idNumber')}
          name="idNumber"
          extra={mode === 'edit' ? t('accounts.idNumberKeep', { masked: maskedId ?? '—' }) : undefined}
          rules={[
            {
              validator: async (_, v: string | undefined) => {
                if (v && v.trim() && !isValidTaiwanId(v.trim().toUpperCase()))
                  throw new Error(t('validation.idNumber'));
              },
            },
          ]}
        >
          <Input autoComplete="off" maxLength={10} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('account.title')} name="title" rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('account.email')} name="email" rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={16} md={8}>
        <Form.Item label={t('account.officePhone')} name="officePhone" rules={phoneRules(t)}>
          <Input inputMode="tel" />
        </Form.Item>
      </Col>
      <Col xs={8} md={4}>
        <Form.Item label={t('account.ext')} name="phoneExt" rules={extRules(t)}>
          <Input inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('account.birthday')} name="birthday">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('account.homeAddress')} name="homeAddress" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item label={t('account.workAddress')} name="workAddress" rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="needsOfficeMail" valuePropName="checked">
          <Checkbox>{t('account.needsOfficeMailYes')}</Checkbox>
        </Form.Item>
      </Col>
    </Row>
  );
}
