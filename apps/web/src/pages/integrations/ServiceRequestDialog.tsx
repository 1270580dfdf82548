/**
 * 服務介接申請資訊: the paperless 介接申請書 for one service, with what that service needs —
 * 單一登入: 所需回拋資料 and 回應網址 (Callback URL); 轉登: its entry URL; 帳號驗證: optional
 * claims; 簡訊發送: 申請說明 only. A change to an approved service is reviewed again, and the
 * approved settings stay in force until then.
 */
import { Alert, App as AntApp, Checkbox, Form, Input, Modal } from 'antd';
import {
  CLAIMS,
  CLAIM_LABELS,
  SERVICE_LABELS,
  type App,
  type Claim,
  type Service,
  type ServiceRequest,
} from '@menhu/contracts';
import { useRequestService } from '../../api/integrations.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { requiredRule } from '../../lib/validation.ts';
import { showFieldErrors } from './field-errors.ts';
import { splitLines, urlLinesRule, urlRule } from './url-rules.ts';

interface Values {
  claims?: Claim[];
  redirectUris?: string;
  postLogoutRedirectUris?: string;
  backchannelLogoutUri?: string;
  initiateLoginUri?: string;
  requireMfa?: boolean;
  entryUrl?: string;
  description: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const lines = (v: unknown) => (Array.isArray(v) ? v.map(String).join('\n') : '');
const orNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

function fromRequest(r: Record<string, unknown> | null): Values {
  return {
    claims: Array.isArray(r?.claims) ? (r.claims as Claim[]) : [],
    redirectUris: lines(r?.redirectUris),
    postLogoutRedirectUris: lines(r?.postLogoutRedirectUris),
    backchannelLogoutUri: str(r?.backchannelLogoutUri),
    initiateLoginUri: str(r?.initiateLoginUri),
    requireMfa: r?.requireMfa === true,
    entryUrl: str(r?.entryUrl),
    description: str(r?.description),
  };
}

function toRequest(service: Service, v: Values): ServiceRequest {
  const description = v.description.trim();
  switch (service) {
    case 'sso':
      return {
        claims: v.claims ?? [],
        redirectUris: splitLines(v.redirectUris),
        postLogoutRedirectUris: splitLines(v.postLogoutRedirectUris),
        backchannelLogoutUri: orNull(v.backchannelLogoutUri),
        initiateLoginUri: orNull(v.initiateLoginUri),
        requireMfa: v.requireMfa === true,
        description,
      };
    case 'verify':
      return { claims: v.claims ?? [], description };
    case 'transfer':
      return { claims: v.claims ?? [], entryUrl: orNull(v.entryUrl), description };
    case 'sms':
      return { description };
  }
}

export function ServiceRequestDialog({
  app,
  service,
  onClose,
}: {
  app: App;
  service: Service | null;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const request = useRequestService(app.id);
  const state = app.services.find((s) => s.service === service);

  const close = () => {
    request.reset();
    onClose();
  };

  const submit = async (v: Values) => {
    if (!service) return;
    try {
      await request.mutateAsync({ service, body: toRequest(service, v) });
      void message.success(t('int.requested', { service: label(SERVICE_LABELS[service]) }));
      close();
    } catch (err) {
      showFieldErrors(form, err, t);
    }
  };

  const claimOptions = CLAIMS.map((c) => ({ value: c, label: label(CLAIM_LABELS[c]) }));
  const claimsRequired = service === 'sso';
  return (
    <Modal
      open={service !== null}
      title={service ? `${t('int.requestTitle')}：${label(SERVICE_LABELS[service])}` : t('int.requestTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('int.submitRequest')}
      cancelText={t('common.cancel')}
      confirmLoading={request.isPending}
      width={720}
      destroyOnHidden
    >
      {service && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={fromRequest(state?.request ?? state?.approved ?? null)}
        >
          <ErrorAlert error={request.error} />
          {state?.status === 'approved' && (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('int.changeNotice')} />
          )}
          {service !== 'sms' && (
            <Form.Item
              label={t('int.claims')}
              name="claims"
              extra={service === 'sso' ? t('int.claimsHintSso') : t('int.claimsHint')}
              rules={
                claimsRequired
                  ? [{ required: true, type: 'array', min: 1, message: t('int.claimsRequired') }]
                  : undefined
              }
            >
              <ClaimsGroup options={claimOptions} label={t('int.claims')} />
            </Form.Item>
          )}
          {service === 'sso' && (
            <>
              <Form.Item
                label={t('int.redirectUris')}
                name="redirectUris"
                extra={t('int.urlLinesHint')}
                rules={[requiredRule(t), urlLinesRule(t)]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="https://" spellCheck={false} />
              </Form.Item>
              <Form.Item
                label={t('int.postLogoutRedirectUris')}
                name="postLogoutRedirectUris"
                extra={t('int.urlLinesHint')}
                rules={[urlLinesRule(t)]}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} spellCheck={false} />
              </Form.Item>
              <Form.Item
                label={t('int.backchannelLogoutUri')}
                name="backchannelLogoutUri"
                extra={t('int.backchannelHint')}
                rules={[urlRule(t)]}
              >
                <Input type="url" inputMode="url" spellCheck={false} />
              </Form.Item>
              <Form.Item
                label={t('int.initiateLoginUri')}
                name="initiateLoginUri"
                extra={t('int.initiateLoginHint')}
                rules={[urlRule(t)]}
              >
                <Input type="url" inputMode="url" spellCheck={false} />
              </Form.Item>
              <Form.Item name="requireMfa" valuePropName="checked" extra={t('int.requireMfaHint')}>
                <Checkbox>{t('int.requireMfa')}</Checkbox>
              </Form.Item>
            </>
          )}
          {service === 'transfer' && (
            <Form.Item
              label={t('int.entryUrl')}
              name="entryUrl"
              extra={t('int.entryUrlHint')}
              rules={[requiredRule(t), urlRule(t)]}
            >
              <Input type="url" inputMode="url" placeholder="https://" spellCheck={false} />
            </Form.Item>
          )}
          <Form.Item
            label={t('int.description')}
            name="description"
            extra={t('int.descriptionHint')}
            rules={[requiredRule(t), { max: 1000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} showCount maxLength={1000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/**
 * The checkboxes as a named group. Form.Item hands its control aria-required, which a group
 * may not carry (axe aria-allowed-attr); the rest (description, invalid state) is kept.
 */
function ClaimsGroup({
  options,
  label,
  'aria-required': _required,
  ...props
}: {
  options: { value: Claim; label: string }[];
  label: string;
  id?: string;
  value?: Claim[];
  onChange?: (v: Claim[]) => void;
  'aria-required'?: unknown;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}) {
  return <Checkbox.Group {...props} options={options} role="group" aria-label={label} />;
}
