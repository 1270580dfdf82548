/**
 * The one error catalogue (STYLE: one error type and catalogue). Every failure the API
 * returns has a stable code, an HTTP status and a zh-TW and en message. The web shows
 * `message` as given; clients branch on `code`.
 */
export const ERRORS = {
  MENHU_ERR_VALIDATION: { status: 400, zh: '輸入資料格式有誤', en: 'The request is not valid.' },
  MENHU_ERR_BAD_JSON: { status: 400, zh: '請求內容不是有效的 JSON', en: 'The request body is not valid JSON.' },
  MENHU_ERR_BODY_TOO_LARGE: { status: 413, zh: '上傳內容過大', en: 'The request body is too large.' },
  MENHU_ERR_UNSUPPORTED_MEDIA: { status: 415, zh: '不支援的內容類型', en: 'Unsupported content type.' },
  MENHU_ERR_UNAUTHENTICATED: { status: 401, zh: '請先登入', en: 'Please sign in.' },
  MENHU_ERR_INVALID_CREDENTIALS: {
    status: 401,
    zh: '帳號或密碼錯誤',
    en: 'The account or password is incorrect.',
  },
  MENHU_ERR_ACCOUNT_LOCKED: {
    status: 423,
    zh: '登入失敗次數過多，帳號已暫時鎖定，請稍後再試或洽機關管理者解鎖',
    en: 'Too many failed sign-ins. The account is locked for a while, or until an administrator unlocks it.',
  },
  MENHU_ERR_ACCOUNT_DISABLED: {
    status: 403,
    zh: '此帳號已停用，請洽機關管理者',
    en: 'This account is disabled. Please contact your agency administrator.',
  },
  MENHU_ERR_ACCOUNT_NOT_ACTIVATED: {
    status: 403,
    zh: '此帳號尚未開通',
    en: 'This account has not been activated yet.',
  },
  MENHU_ERR_THROTTLED: {
    status: 429,
    zh: '嘗試次數過多，請稍後再試',
    en: 'Too many attempts. Please try again later.',
  },
  MENHU_ERR_CSRF: {
    status: 403,
    zh: '請求來源驗證失敗，請重新整理頁面後再試',
    en: 'The request failed its origin check. Reload the page and try again.',
  },
  MENHU_ERR_FORBIDDEN: { status: 403, zh: '您沒有執行此操作的權限', en: 'You are not allowed to do this.' },
  MENHU_ERR_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    zh: '請先變更密碼',
    en: 'You must change your password first.',
  },
  MENHU_ERR_NOT_FOUND: { status: 404, zh: '找不到資料', en: 'Not found.' },
  MENHU_ERR_CONFLICT: { status: 409, zh: '資料已存在或已被變更', en: 'The data already exists or was changed.' },
  MENHU_ERR_PASSWORD_POLICY: {
    status: 422,
    zh: '新密碼不符合密碼規則',
    en: 'The new password does not meet the password rules.',
  },
  MENHU_ERR_PASSWORD_REUSED: {
    status: 422,
    zh: '新密碼不可與前 3 次使用過的密碼相同',
    en: 'The new password must differ from your last 3 passwords.',
  },
  MENHU_ERR_CURRENT_PASSWORD: { status: 422, zh: '目前密碼錯誤', en: 'The current password is incorrect.' },
  MENHU_ERR_ORG_CYCLE: {
    status: 422,
    zh: '不可將組織移到自己或其下屬單位之下',
    en: 'An organisation cannot be moved under itself or one of its units.',
  },
  MENHU_ERR_ORG_NOT_EMPTY: {
    status: 422,
    zh: '此組織仍有下屬單位或帳號',
    en: 'This organisation still has units or accounts.',
  },
  MENHU_ERR_LAST_ADMIN: {
    status: 422,
    zh: '此帳號為該機關唯一的機關管理者，不可停用或取消權限',
    en: 'This account is the only administrator of its agency.',
  },
  MENHU_ERR_SELF_ACTION: {
    status: 422,
    zh: '不可對自己的帳號執行此操作',
    en: 'You cannot do this to your own account.',
  },
  MENHU_ERR_FILE_TYPE: { status: 415, zh: '檔案格式不支援', en: 'This file type is not supported.' },
  MENHU_ERR_CSV: { status: 400, zh: 'CSV 檔案格式錯誤', en: 'The CSV file is not valid.' },
  MENHU_ERR_DEMO_IN_PRODUCTION: {
    status: 400,
    zh: '正式環境不可載入示範資料',
    en: 'Demo data cannot be loaded in production.',
  },
  MENHU_ERR_METHOD_NOT_ALLOWED: {
    status: 403,
    zh: '此登入方式不適用於您目前的網路環境或裝置',
    en: 'This sign-in method is not available from your network or device.',
  },
  MENHU_ERR_MFA_REQUIRED: {
    status: 401,
    zh: '請完成第二階段驗證',
    en: 'Please complete the second verification step.',
  },
  MENHU_ERR_INVALID_CODE: { status: 401, zh: '驗證碼錯誤或已使用', en: 'The code is wrong or has already been used.' },
  MENHU_ERR_INTRANET_ONLY: {
    status: 403,
    zh: '此功能僅提供府內網路環境使用',
    en: 'This is available from the city intranet only.',
  },
  MENHU_ERR_RECOVERY_EXPIRED: {
    status: 410,
    zh: '身分驗證已失效或已使用，請重新取得驗證碼',
    en: 'The identity check has expired or was already used; please ask for a new code.',
  },
  MENHU_ERR_TOTP_NOT_BOUND: {
    status: 409,
    zh: '尚未綁定動態驗證碼',
    en: 'No authenticator app is bound to this account.',
  },
  MENHU_ERR_LAST_FACTOR: {
    status: 409,
    zh: '您的帳號必須使用第二階段驗證，無法移除最後一項驗證方式',
    en: 'Your account requires a second factor; the last one cannot be removed.',
  },
  MENHU_ERR_OWN_REQUEST: {
    status: 422,
    zh: '不可審核自己的應用系統或自己提出的申請',
    en: 'You cannot review your own application or request.',
  },
  MENHU_ERR_APP_UNAUTHORIZED: {
    status: 401,
    zh: 'APCODE 或 APTOKEN 錯誤，或應用系統已停權',
    en: 'The APCODE or APTOKEN is wrong, or the application is suspended.',
  },
  MENHU_ERR_SERVICE_NOT_APPROVED: {
    status: 403,
    zh: '此應用系統尚未獲准使用這項介接服務',
    en: 'This application is not approved for this service.',
  },
  MENHU_ERR_APP_INACTIVE: {
    status: 409,
    zh: '應用系統已停權或撤銷，無法進行此操作',
    en: 'The application is suspended or revoked.',
  },
  MENHU_ERR_RATE_LIMITED: {
    status: 429,
    zh: '呼叫次數超過限制，請稍後再試',
    en: 'Too many calls. Please slow down.',
  },
  MENHU_ERR_TICKET_INVALID: { status: 400, zh: '轉登票證無效', en: 'The transfer ticket is not valid.' },
  MENHU_ERR_TICKET_EXPIRED: { status: 400, zh: '轉登票證已逾期', en: 'The transfer ticket has expired.' },
  MENHU_ERR_TICKET_USED: { status: 400, zh: '轉登票證已使用過', en: 'The transfer ticket has already been used.' },
  MENHU_ERR_TICKET_WRONG_APP: {
    status: 400,
    zh: '轉登票證不是發給此應用系統',
    en: 'The transfer ticket was issued for another application.',
  },
  MENHU_ERR_LAUNCH_UNAVAILABLE: {
    status: 409,
    zh: '此系統目前無法開啟，請洽系統管理者',
    en: 'This system cannot be opened right now. Please contact the system administrator.',
  },
  MENHU_ERR_MOBILE_MOICA_UNAVAILABLE: {
    status: 503,
    zh: '行動自然人憑證服務暫時無法使用，請稍後再試或改用其他登入方式',
    en: 'The mobile citizen certificate service is unavailable. Try again later or use another sign-in method.',
  },
  MENHU_ERR_MOICA_CHALLENGE: {
    status: 400,
    zh: '憑證驗證請求已失效或已使用，請重新操作',
    en: 'The certificate challenge has expired or was already used. Please try again.',
  },
  MENHU_ERR_MOICA_INVALID: {
    status: 422,
    zh: '自然人憑證簽章驗證失敗（憑證無效、過期、已廢止或非信任之憑證機構簽發）',
    en: 'The citizen certificate signature could not be verified (invalid, expired, revoked or untrusted certificate).',
  },
  MENHU_ERR_MOICA_ID_MISMATCH: {
    status: 422,
    zh: '此自然人憑證不屬於本帳號持有人（身分證字號末四碼不符）',
    en: 'This citizen certificate belongs to someone else (ID number does not match).',
  },
  MENHU_ERR_MOICA_UNAVAILABLE: {
    status: 503,
    zh: '目前無法確認憑證是否已廢止（OCSP/CRL 無回應），請稍後再試',
    en: 'The certificate status (OCSP/CRL) cannot be checked right now. Please try again later.',
  },
  MENHU_ERR_NOT_READY: { status: 503, zh: '服務尚未就緒', en: 'The service is not ready.' },
  // ---- qr ----
  MENHU_ERR_QR_CHALLENGE_INVALID: {
    status: 404,
    zh: '此登入 QR Code 無效或已使用，請在電腦上重新產生',
    en: 'This sign-in QR code is not valid or has been used. Generate a new one on the computer.',
  },
  MENHU_ERR_QR_CHALLENGE_EXPIRED: {
    status: 410,
    zh: '此登入 QR Code 已逾時，請在電腦上按「重新產生」',
    en: 'This sign-in QR code has expired. Press Regenerate on the computer.',
  },
  MENHU_ERR_QR_NOT_APPROVED: {
    status: 409,
    zh: '尚未在手機上允許此次登入',
    en: 'This sign-in has not been approved on the phone yet.',
  },
  MENHU_ERR_QR_REJECTED: {
    status: 403,
    zh: '此次登入已在手機上被拒絕',
    en: 'This sign-in was rejected on the phone.',
  },
  MENHU_ERR_QR_DEVICE_INVALID: {
    status: 401,
    zh: '此手機尚未綁定或綁定已解除，請先登入入口網綁定手機',
    en: 'This phone is not bound (or its binding was removed). Sign in to the portal and bind it first.',
  },
  MENHU_ERR_QR_SECOND_FACTOR_REQUIRED: {
    status: 403,
    zh: '綁定手機前，請先在此手機上以兩階段驗證（例如密碼加動態驗證碼）登入',
    en: 'To bind this phone, sign in on it with two factors first (for example password and authenticator code).',
  },
  MENHU_ERR_PASSKEY_CHALLENGE: {
    status: 400,
    zh: '通行金鑰驗證已逾時或已使用，請重新操作',
    en: 'The passkey request has expired or was already used. Please try again.',
  },
  MENHU_ERR_PASSKEY_REJECTED: {
    status: 400,
    zh: '無法新增此通行金鑰，請確認已在裝置上完成解鎖（指紋、臉部或 PIN）後再試',
    en: 'This passkey could not be added. Unlock it on your device (fingerprint, face or PIN) and try again.',
  },
  MENHU_ERR_INTERNAL: {
    status: 500,
    zh: '系統發生錯誤，請稍後再試',
    en: 'Something went wrong. Please try again later.',
  },
  // ---- sms ----
  MENHU_ERR_SMS_NOT_BOUND: { status: 409, zh: '尚未綁定手機號碼', en: 'No mobile number is bound to this account.' },
  MENHU_ERR_SMS_UNAVAILABLE: {
    status: 503,
    zh: '簡訊服務未啟用，請洽系統管理者',
    en: 'Text messages are not available here. Please contact the system administrator.',
  },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
