/**
 * The first sign-in step (SSO-5, SSO-6): one tab per method offered from this network and
 * device (一般登入: 帳號 + 密碼; 動態驗證碼: 帳號 + code; 臨時密碼: 備用信箱 + mailed code;
 * 自然人憑證: card + PIN through HiPKI; 行動自然人憑證: ID number + approval in the App; 簡訊;
 * 手機掃碼; 通行金鑰: one button, no account typed), and why the others are not shown.
 */
import { Alert, Button, Form, Input, Skeleton, Tabs, Typography } from 'antd';
import { LOGIN_METHOD_LABELS, type LoginMethods } from '@menhu/contracts';
import { useLoginMethods, useSignInStep, type MfaChallenge } from '../../api/auth.ts';
import { TotpCodeItem } from '../../components/TotpCodeItem.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useFocusOnMount } from '../../lib/focus.ts';
import { useLoginError } from './login-error.ts';
import { TempPasswordForm } from './TempPasswordForm.tsx';
import { MobileMoicaForm } from './MobileMoicaForm.tsx';
import { MoicaLoginForm } from './MoicaLoginForm.tsx';
import { QrLoginForm } from './QrLoginForm.tsx';
import { SmsLoginForm } from './SmsLoginForm.tsx';
import { PasskeyForm } from './PasskeyForm.tsx';

/** 手機掃碼 is for a computer's screen: a phone cannot scan its own, so it is not offered there. */
const onPhone = () =>
  /Mobi|Android|iPhone|iPod/u.test(navigator.userAgent) || window.matchMedia('(max-width: 575px)').matches;

/** The methods this page can sign in with, in the order of their tabs. */
const FORMS = ['password', 'mobile_moica', 'moica', 'totp', 'temp_password', 'sms', 'passkey', 'qr'] as const;
type FormMethod = (typeof FORMS)[number];

function MethodForm({ method, ...handlers }: SignInHandlers & { method: FormMethod }) {
  if (method === 'moica') return <MoicaLoginForm {...handlers} />;
  return method === 'temp_password' ? (
    <TempPasswordForm {...handlers} />
  ) : method === 'mobile_moica' ? (
    <MobileMoicaForm {...handlers} />
  ) : method === 'sms' ? (
    <SmsLoginForm {...handlers} />
  ) : method === 'qr' ? (
    <QrLoginForm {...handlers} />
  ) : method === 'passkey' ? (
    <PasskeyForm {...handlers} />
  ) : (
    <FirstStepForm method={method} {...handlers} />
  );
}

export interface SignInHandlers {
  onSignedIn: () => void;
  onChallenge: (challenge: MfaChallenge) => void;
  /** A system asked for two factors (acr loa:2): the password step asks the server for a second one. */
  stepUp?: boolean;
}

function FirstStepForm({ method, onSignedIn, onChallenge, stepUp }: SignInHandlers & { method: 'password' | 'totp' }) {
  const { t } = useI18n();
  const step = useSignInStep();
  const errorText = useLoginError(step.error);
  const submit = (v: { account: string; password?: string; code?: string }) =>
    step.mutate(
      method === 'password'
        ? {
            kind: 'password',
            body: { account: v.account, password: v.password ?? '', ...(stepUp ? { stepUp: true } : {}) },
          }
        : { kind: 'totp', body: { account: v.account, code: v.code ?? '' } },
      { onSuccess: (challenge) => (challenge ? onChallenge(challenge) : onSignedIn()) },
    );

  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false}>
      {errorText && <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />}
      {method === 'totp' && <Typography.Paragraph type="secondary">{t('login.totpHint')}</Typography.Paragraph>}
      <Form.Item
        label={t('login.account')}
        name="account"
        rules={[{ required: true, whitespace: true, message: t('login.accountRequired') }]}
      >
        <Input autoComplete="username" autoCapitalize="none" spellCheck={false} size="large" />
      </Form.Item>
      {method === 'password' ? (
        <Form.Item
          label={t('login.password')}
          name="password"
          rules={[{ required: true, message: t('login.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
      ) : (
        <TotpCodeItem label={t('login.totpCode')} />
      )}
      <Button type="primary" htmlType="submit" block size="large" loading={step.isPending}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}

/** 「動態驗證碼、一般登入僅提供府內網路環境使用」 and the like, one line per reason. */
function HiddenMethods({ methods }: { methods: LoginMethods['methods'] }) {
  const { t, label } = useI18n();
  const names = (why: string) =>
    methods
      .filter((m) => m.unavailable === why)
      .map((m) => label(LOGIN_METHOD_LABELS[m.method as keyof typeof LOGIN_METHOD_LABELS], m.method))
      .join(t('login.listSeparator'));
  const intranet = names('intranet_only');
  const mobile = names('not_on_mobile');
  if (!intranet && !mobile) return null;
  return (
    <div className="login-notes">
      {intranet && (
        <Typography.Paragraph type="secondary">{t('login.intranetOnly', { methods: intranet })}</Typography.Paragraph>
      )}
      {mobile && (
        <Typography.Paragraph type="secondary">{t('login.notOnMobile', { methods: mobile })}</Typography.Paragraph>
      )}
    </div>
  );
}

export function LoginForm({ focusHeading, ...handlers }: SignInHandlers & { focusHeading?: boolean }) {
  const { t, label } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>(focusHeading);
  const { data, isPending, isError } = useLoginMethods();
  // Without the list (an old server, a network hiccup) 一般登入 is offered; the server still decides.
  const offered: FormMethod[] = isError
    ? ['password']
    : FORMS.filter((f) => data?.methods.some((m) => m.method === f && m.unavailable === null)).filter(
        (f) => f !== 'qr' || !onPhone(),
      );

  return (
    <>
      <Typography.Title level={1} id="login-heading" className="login-heading" tabIndex={-1} ref={heading}>
        {t('login.heading')}
      </Typography.Title>
      {isPending ? (
        <Skeleton active />
      ) : offered.length === 0 ? (
        <Alert type="info" showIcon title={t('login.noMethods')} style={{ marginBottom: 16 }} />
      ) : offered.length === 1 ? (
        <MethodForm method={offered[0]!} {...handlers} />
      ) : (
        <Tabs
          aria-label={t('login.methods')}
          className="login-method-tabs login-tabs"
          destroyOnHidden
          centered
          items={offered.map((m) => ({
            key: m,
            label: label(LOGIN_METHOD_LABELS[m]),
            children: <MethodForm method={m} {...handlers} />,
          }))}
        />
      )}
      {data && <HiddenMethods methods={data.methods} />}
    </>
  );
}
