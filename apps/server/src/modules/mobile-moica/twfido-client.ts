/**
 * 行動自然人憑證 (TW FidO, 內政部) relying-party adapter: push a sign-in request to the person's
 * phone (`sp/requestAthOrSignPush`) and ask for its outcome (`sp/getAthOrSignResult`).
 *
 * Request and response checksums follow the public client of moda-gov-tw/tw-did
 * (libs/twfido-client: utils.ts calculateChecksum/verifyChecksum, TwFidoApiClient.ts field
 * orders), which is what we relied on for the wire format:
 * - checksum = AES-256-GCM(key = base64 TWFIDO_SP_KEY) over the UTF-8 hex text of
 *   SHA-256(the fields concatenated, absent ones as ''), sent as hex(iv) + hex(ciphertext + tag);
 * - requestAthOrSignPush: transaction_id, sp_service_id, id_num, device_user_def_desc, op_code,
 *   hint, sign_info.sign_data; its answer: transaction_id, error_code, result.sp_ticket;
 * - getAthOrSignResult: transaction_id, sp_service_id, sp_ticket_id; its answer: transaction_id,
 *   error_code, result.hashed_id_num, result.signed_response.
 * Unlike that client we use a fresh random 12-byte IV per checksum (it sends an all-zero one; the
 * receiver reads the IV from the checksum either way), refuse every response whose idp_checksum
 * does not verify, and on success check the signature over what we asked to be signed with the
 * returned certificate and that hashed_id_num is SHA-256 of the ID number we sent.
 */
import crypto from 'node:crypto';

export type TwFidoStatus = 'requesting' | 'success' | 'reject' | 'expire';

export type TwFidoFailure =
  /** Network error, non-2xx answer, or not JSON. */
  | 'unreachable'
  | 'timeout'
  /** error_code other than "0": see `apiCode`. */
  | 'api_error'
  /** idp_checksum missing or not verifying. */
  | 'bad_checksum'
  /** signed_response not a valid signature over our sign_data by `cert`, or cert unusable. */
  | 'bad_signature'
  /** hashed_id_num is not SHA-256 of the ID number we sent. */
  | 'id_mismatch'
  /** The answer lacks fields it must have. */
  | 'protocol';

export class TwFidoError extends Error {
  readonly kind: TwFidoFailure;
  readonly apiCode: string | null;
  constructor(kind: TwFidoFailure, message: string, apiCode: string | null = null) {
    super(message);
    this.name = 'TwFidoError';
    this.kind = kind;
    this.apiCode = apiCode;
  }
}

export interface TwFidoConfig {
  /** Base URL, e.g. https://fidoapi.moi.gov.tw (the `/sp/...` paths are appended). */
  url: string;
  serviceId: string;
  /** base64 of the 32-byte AES key issued with the service id. */
  key: string;
  /** Per call (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The clock certificates' validity is judged by (the service passes ctx.clock). */
  now?: () => Date;
  /**
   * Issuing CA certificates (內政部憑證管理中心 MOICA) a signer's certificate must be issued by;
   * empty: not checked (the checksum under the shared key then vouches for the answer alone).
   */
  trustedIssuers?: crypto.X509Certificate[];
}

export interface SignInfo {
  sign_type: 'PKCS#1';
  sign_data: string;
  tbs_encoding: 'base64';
  hash_algorithm: 'SHA256';
}

const sha256Hex = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');

/** hex(iv) + hex(AES-256-GCM(hex(SHA-256(concatenated fields))) + tag). */
export function twfidoChecksum(keyB64: string, fields: (string | null | undefined)[]): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(keyB64, 'base64'), iv);
  const payload = sha256Hex(fields.map((f) => f ?? '').join(''));
  const ct = Buffer.concat([cipher.update(payload, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return iv.toString('hex') + ct.toString('hex');
}

/** True when `checksum` decrypts (and authenticates) to the hash of `fields`. */
export function verifyTwfidoChecksum(
  keyB64: string,
  fields: (string | null | undefined)[],
  checksum: unknown,
): boolean {
  if (typeof checksum !== 'string' || !/^[0-9a-fA-F]+$/u.test(checksum) || checksum.length < 2 * (12 + 16 + 1))
    return false;
  const raw = Buffer.from(checksum, 'hex');
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(keyB64, 'base64'), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
    const expected = Buffer.from(sha256Hex(fields.map((f) => f ?? '').join('')), 'utf8');
    return plain.length === expected.length && crypto.timingSafeEqual(plain, expected);
  } catch {
    return false;
  }
}

/** The sp_ticket is `base64(JSON).signature`; its JSON names the sp_ticket_id used to poll. */
export function parseSpTicket(ticket: string): { sp_ticket_id: string; expiration_time?: string } {
  const body = ticket.split('.')[0] ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
  } catch {
    throw new TwFidoError('protocol', 'sp_ticket is not readable');
  }
  const id = (parsed as { sp_ticket_id?: unknown }).sp_ticket_id;
  if (typeof id !== 'string' || !id) throw new TwFidoError('protocol', 'sp_ticket has no sp_ticket_id');
  return parsed as { sp_ticket_id: string; expiration_time?: string };
}

export interface PushRequest {
  transactionId: string;
  idNum: string;
  hint: string;
  /** Seconds the person has to answer. */
  timeLimit: number;
  /** Bytes to be signed by the person's certificate (a fresh challenge). */
  challenge: Buffer;
}

export type PollResult =
  { status: 'requesting' | 'reject' | 'expire' } | { status: 'success'; certificate: crypto.X509Certificate };

interface ApiAnswer {
  error_code?: unknown;
  error_message?: unknown;
  result?: Record<string, unknown> | null;
}

export class TwFidoClient {
  private readonly config: TwFidoConfig;
  constructor(config: TwFidoConfig) {
    this.config = config;
  }

  private async call(endpoint: string, body: Record<string, unknown>): Promise<ApiAnswer> {
    const url = `${this.config.url.replace(/\/+$/u, '')}/sp/${endpoint}`;
    const timeoutMs = this.config.timeoutMs ?? 10_000;
    const doFetch = this.config.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const name = (e as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new TwFidoError('timeout', `${endpoint}: no answer in ${timeoutMs} ms`);
      throw new TwFidoError('unreachable', `${endpoint}: ${(e as Error).message}`);
    }
    let answer: ApiAnswer;
    try {
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      answer = JSON.parse(text) as ApiAnswer;
    } catch (e) {
      if ((e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError')
        throw new TwFidoError('timeout', `${endpoint}: no answer in ${timeoutMs} ms`);
      throw new TwFidoError('unreachable', `${endpoint}: ${(e as Error).message}`);
    }
    if (typeof answer !== 'object' || answer === null || typeof answer.error_code !== 'string')
      throw new TwFidoError('protocol', `${endpoint}: no error_code`);
    if (answer.error_code !== '0')
      throw new TwFidoError(
        'api_error',
        `${endpoint}: error ${answer.error_code} ${typeof answer.error_message === 'string' ? answer.error_message : ''}`.trim(),
        answer.error_code,
      );
    if (typeof answer.result !== 'object' || answer.result === null)
      throw new TwFidoError('protocol', `${endpoint}: no result`);
    return answer;
  }

  /** Sends the push; returns the sp_ticket_id to poll with. */
  async requestPush(req: PushRequest): Promise<{ spTicketId: string }> {
    const { serviceId, key } = this.config;
    const signInfo: SignInfo = {
      sign_type: 'PKCS#1',
      sign_data: req.challenge.toString('base64'),
      tbs_encoding: 'base64',
      hash_algorithm: 'SHA256',
    };
    const answer = await this.call('requestAthOrSignPush', {
      transaction_id: req.transactionId,
      sp_service_id: serviceId,
      id_num: req.idNum,
      op_code: 'ATH',
      hint: req.hint,
      time_limit: String(req.timeLimit),
      sign_info: signInfo,
      sp_checksum: twfidoChecksum(key, [
        req.transactionId,
        serviceId,
        req.idNum,
        undefined, // device_user_def_desc (not sent)
        'ATH',
        req.hint,
        signInfo.sign_data,
      ]),
    });
    const ticket = answer.result!.sp_ticket;
    if (!verifyTwfidoChecksum(key, [req.transactionId, '0', str(ticket)], answer.result!.idp_checksum))
      throw new TwFidoError('bad_checksum', 'requestAthOrSignPush: idp_checksum does not verify');
    if (typeof ticket !== 'string' || !ticket) throw new TwFidoError('protocol', 'no sp_ticket');
    return { spTicketId: parseSpTicket(ticket).sp_ticket_id };
  }

  /**
   * Asks for the outcome. On success the signature and the ID number are checked before the
   * answer is believed: `challenge` and `idNum` are what was sent with the push.
   */
  async poll(req: {
    transactionId: string;
    spTicketId: string;
    idNum: string;
    challenge: Buffer;
  }): Promise<PollResult> {
    const { serviceId, key } = this.config;
    const answer = await this.call('getAthOrSignResult', {
      transaction_id: req.transactionId,
      sp_service_id: serviceId,
      sp_ticket_id: req.spTicketId,
      sp_checksum: twfidoChecksum(key, [req.transactionId, serviceId, req.spTicketId]),
    });
    const r = answer.result!;
    if (
      !verifyTwfidoChecksum(key, [req.transactionId, '0', str(r.hashed_id_num), str(r.signed_response)], r.idp_checksum)
    )
      throw new TwFidoError('bad_checksum', 'getAthOrSignResult: idp_checksum does not verify');
    const status = r.status;
    if (status === 'requesting' || status === 'reject' || status === 'expire') return { status };
    if (status !== 'success') throw new TwFidoError('protocol', `unknown status ${String(status)}`);

    const expectedHash = crypto.createHash('sha256').update(req.idNum, 'utf8').digest('hex');
    const got = str(r.hashed_id_num).toLowerCase();
    if (got.length !== expectedHash.length || !crypto.timingSafeEqual(Buffer.from(got), Buffer.from(expectedHash)))
      throw new TwFidoError('id_mismatch', 'hashed_id_num is not the ID number we asked about');
    let certificate: crypto.X509Certificate;
    try {
      certificate = new crypto.X509Certificate(Buffer.from(str(r.cert), 'base64'));
    } catch {
      throw new TwFidoError('bad_signature', 'cert is not an X.509 certificate');
    }
    const now = (this.config.now?.() ?? new Date()).getTime();
    if (now < Date.parse(certificate.validFrom) || now > Date.parse(certificate.validTo))
      throw new TwFidoError('bad_signature', 'cert is not valid now');
    const issuers = this.config.trustedIssuers ?? [];
    if (issuers.length && !issuers.some((ca) => certificate.checkIssued(ca) && certificate.verify(ca.publicKey)))
      throw new TwFidoError('bad_signature', 'cert is not issued by a trusted CA');
    const signature = Buffer.from(str(r.signed_response), 'base64');
    let ok = false;
    try {
      ok = signature.length > 0 && crypto.verify('sha256', req.challenge, certificate.publicKey, signature);
    } catch {
      ok = false;
    }
    if (!ok) throw new TwFidoError('bad_signature', 'signed_response does not verify with cert');
    return { status: 'success', certificate };
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
