/**
 * Pieces of the 行動自然人憑證 flow shared by the sign-in tab (MobileMoicaForm) and the 身分驗證
 * step of 開通帳號 / 忘記密碼 (RecoveryPage): the 身分證統一編號 field, and the waiting notice with
 * its countdown and the outcome (拒絕, 逾時, 驗證失敗).
 */
import { Alert, Button, Form, Input, Space } from 'antd';
import type { MobileMoicaState } from '@menhu/contracts';
import { NationalId } from '@menhu/contracts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { useCountdown } from '../../lib/countdown.ts';
import { useFocusOnMount } from '../../lib/focus.ts';

/** The 身分證統一編號 field (name idNumber), checked with the contracts' validator. */
export function IdNumberItem() {
  const { t } = useI18n();
  return (
    <Form.Item
      label={t('mmca.idNumber')}
      name="idNumber"
      extra={t('mmca.idNumberHint')}
      rules={[
        { required: true, whitespace: true, message: t('mmca.idNumberRequired') },
        {
          validator: (_, value: string | undefined) =>
            !value?.trim() || NationalId.safeParse(value).success
              ? Promise.resolve()
              : Promise.reject(new Error(t('mmca.idNumberFormat'))),
        },
      ]}
    >
      <Input autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={10} size="large" />
    </Form.Item>
  );
}

/** The texts that differ between signing in and proving identity for a recovery. */
export interface WaitingTexts {
  openApp: MessageKey;
  approved: MessageKey;
  rejected: MessageKey;
  expired: MessageKey;
}

export const SIGN_IN_TEXTS: WaitingTexts = {
  openApp: 'mmca.openApp',
  approved: 'mmca.approved',
  rejected: 'mmca.rejected',
  expired: 'mmca.expired',
};

/**
 * 「請開啟行動自然人憑證 App …」 with the seconds left (focused when shown), or the outcome or
 * `error` as an alert; 取消 while waiting, 重新送出 after.
 */
export function MobileMoicaWaiting({
  state,
  deadline,
  error,
  texts,
  onAgain,
}: {
  state: MobileMoicaState;
  deadline: number;
  error: string | null;
  texts: WaitingTexts;
  onAgain: () => void;
}) {
  const { t } = useI18n();
  const notice = useFocusOnMount<HTMLDivElement>();
  const left = useCountdown(deadline);
  const outcome =
    state === 'rejected'
      ? t(texts.rejected)
      : state === 'expired' || (state === 'pending' && left === 0)
        ? t(texts.expired)
        : state === 'failed'
          ? t('mmca.failed')
          : null;
  const errorText = error ?? outcome;
  return (
    <div>
      {errorText ? (
        <Alert type="error" showIcon role="alert" title={errorText} style={{ marginBottom: 16 }} />
      ) : (
        <div ref={notice} tabIndex={-1} className="mmca-notice">
          <Alert
            type="info"
            showIcon
            role="status"
            title={state === 'approved' ? t(texts.approved) : t(texts.openApp)}
            description={state === 'approved' ? null : t('mmca.timeLeft', { n: left })}
            style={{ marginBottom: 16 }}
          />
        </div>
      )}
      <Space wrap className="mfa-links">
        <Button type={errorText ? 'primary' : 'link'} onClick={onAgain}>
          {errorText ? t('mmca.again') : t('mmca.cancel')}
        </Button>
      </Space>
    </div>
  );
}
