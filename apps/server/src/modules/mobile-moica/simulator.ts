/**
 * A stand-in for 行動自然人憑證 (TW FidO) for development, the demo and tests: the two relying-party
 * endpoints with the same checksums and signed answers as the real service (see twfido-client.ts),
 * pending pushes kept in memory, and a small zh-TW page playing the person's phone, where a
 * pending request is approved (同意) or refused (拒絕). Tests drive it over HTTP:
 * `POST /phone/<sp_ticket_id>/approve|reject|expire`, `GET /phone/pending`.
 *
 * It signs with its own demo key and self-signed certificate, made at start; it is not MOICA.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { twfidoChecksum, verifyTwfidoChecksum } from './twfido-client.ts';

/** The demo's shared AES key (base64 of 32 bytes) when none is given: not a secret. */
export const DEMO_SP_KEY = Buffer.from('menhu-twfido-simulator-demo-key!').toString('base64');
export const DEMO_SP_SERVICE_ID = 'menhu-demo';

/** Error codes this simulator answers with (the real service has its own list). */
export const SIM_ERRORS = {
  BAD_REQUEST: ['10001', '參數錯誤'],
  UNKNOWN_SERVICE: ['10002', 'sp_service_id 不存在'],
  BAD_CHECKSUM: ['10003', 'sp_checksum 驗證失敗'],
  NOT_REGISTERED: ['20001', '此身分證統一編號未註冊行動自然人憑證'],
  NO_TICKET: ['30001', 'sp_ticket_id 不存在'],
} as const;

interface Push {
  transactionId: string;
  spTicketId: string;
  idNum: string;
  hint: string;
  signData: Buffer;
  createdAt: number;
  expiresAt: number;
  status: 'requesting' | 'success' | 'reject' | 'expire';
}

export interface TwFidoSimOptions {
  port?: number;
  host?: string;
  serviceId?: string;
  key?: string;
  /** Name shown on the phone page. */
  spName?: string;
  /** ID numbers answered with NOT_REGISTERED (no App bound). */
  unregistered?: string[];
}

export interface TwFidoSim {
  url: string;
  /** The demo signer's (self-signed) certificate, PEM: trust it to test issuer checks. */
  certPem: string;
  serviceId: string;
  key: string;
  close(): Promise<void>;
}

const sha256Hex = (s: string) => crypto.createHash('sha256').update(s, 'utf8').digest('hex');
const mask = (id: string) => `${id.slice(0, 2)}*****${id.slice(-3)}`;

/** A fresh RSA key and a self-signed certificate for it (pkijs: no global polyfills needed). */
async function demoIdentity(): Promise<{ privateKey: crypto.KeyObject; certDer: Buffer }> {
  const subtle = crypto.webcrypto.subtle;
  const engine = new pkijs.CryptoEngine({
    name: 'node',
    crypto: crypto.webcrypto as unknown as pkijs.CryptoEngineParameters['crypto'],
  });
  const alg = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: 2048,
  };
  const keys = (await subtle.generateKey(alg, true, ['sign', 'verify'])) as crypto.webcrypto.CryptoKeyPair;
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: crypto.randomBytes(8) });
  const name = (value: string) =>
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value }) });
  cert.subject.typesAndValues.push(name('TW FidO Simulator (Menhu demo only)'));
  cert.issuer.typesAndValues.push(name('TW FidO Simulator (Menhu demo only)'));
  const now = Date.now();
  cert.notBefore.value = new Date('2020-01-01T00:00:00Z');
  cert.notAfter.value = new Date(now + 10 * 365 * 86_400_000);
  await cert.subjectPublicKeyInfo.importKey(keys.publicKey as never, engine);
  await cert.sign(keys.privateKey as never, 'SHA-256', engine);
  const pkcs8 = Buffer.from(await subtle.exportKey('pkcs8', keys.privateKey));
  return {
    privateKey: crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    certDer: Buffer.from(cert.toSchema(true).toBER(false)),
  };
}

export async function startTwFidoSim(opts: TwFidoSimOptions = {}): Promise<TwFidoSim> {
  const serviceId = opts.serviceId ?? DEMO_SP_SERVICE_ID;
  const key = opts.key ?? DEMO_SP_KEY;
  const spName = opts.spName ?? 'Menhu 公務入口網';
  const unregistered = new Set((opts.unregistered ?? []).map((s) => s.toUpperCase()));
  const { privateKey, certDer } = await demoIdentity();
  const pushes = new Map<string, Push>();

  const current = (p: Push): Push => {
    if (p.status === 'requesting' && Date.now() > p.expiresAt) p.status = 'expire';
    return p;
  };
  const sweep = () => {
    for (const [k, p] of pushes) if (Date.now() > p.expiresAt + 10 * 60_000) pushes.delete(k);
  };
  const fail = ([code, message]: readonly [string, string], transactionId?: unknown) => ({
    ...(typeof transactionId === 'string' ? { transaction_id: transactionId } : {}),
    error_code: code,
    error_message: message,
    result: null,
  });

  const requestPush = (b: Record<string, unknown>) => {
    const sign = (b.sign_info ?? {}) as Record<string, unknown>;
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    if (!s(b.transaction_id) || !s(b.id_num) || s(b.op_code) !== 'ATH' || !s(sign.sign_data))
      return fail(SIM_ERRORS.BAD_REQUEST, b.transaction_id);
    if (s(b.sp_service_id) !== serviceId) return fail(SIM_ERRORS.UNKNOWN_SERVICE, b.transaction_id);
    const fields = [
      b.transaction_id,
      b.sp_service_id,
      b.id_num,
      b.device_user_def_desc,
      b.op_code,
      b.hint,
      sign.sign_data,
    ];
    if (!verifyTwfidoChecksum(key, fields.map(s), b.sp_checksum))
      return fail(SIM_ERRORS.BAD_CHECKSUM, b.transaction_id);
    const idNum = s(b.id_num).toUpperCase();
    if (unregistered.has(idNum)) return fail(SIM_ERRORS.NOT_REGISTERED, b.transaction_id);
    const limit = Math.min(300, Math.max(30, Number.parseInt(s(b.time_limit) || String(b.time_limit ?? ''), 10) || 60));
    const now = Date.now();
    const push: Push = {
      transactionId: s(b.transaction_id),
      spTicketId: crypto.randomUUID(),
      idNum,
      hint: s(b.hint).slice(0, 100),
      signData: Buffer.from(s(sign.sign_data), 'base64'),
      createdAt: now,
      expiresAt: now + limit * 1000,
      status: 'requesting',
    };
    pushes.set(push.spTicketId, push);
    sweep();
    const body = Buffer.from(
      JSON.stringify({
        transaction_id: push.transactionId,
        op_code: 'ATH',
        op_mode: 'PUSH',
        sp_service_id: serviceId,
        sp_ticket_id: push.spTicketId,
        sp_name: spName,
        hint: push.hint,
        expiration_time: new Date(push.expiresAt).toISOString(),
        hashed_id_num: sha256Hex(idNum),
        version: '1.0',
      }),
    ).toString('base64');
    const ticket = `${body}.${crypto.sign('sha256', Buffer.from(body), privateKey).toString('base64')}`;
    return {
      transaction_id: push.transactionId,
      error_code: '0',
      error_message: '',
      result: { sp_ticket: ticket, idp_checksum: twfidoChecksum(key, [push.transactionId, '0', ticket]) },
    };
  };

  const getResult = (b: Record<string, unknown>) => {
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    if (!s(b.transaction_id) || !s(b.sp_ticket_id)) return fail(SIM_ERRORS.BAD_REQUEST, b.transaction_id);
    if (s(b.sp_service_id) !== serviceId) return fail(SIM_ERRORS.UNKNOWN_SERVICE, b.transaction_id);
    if (!verifyTwfidoChecksum(key, [b.transaction_id, b.sp_service_id, b.sp_ticket_id].map(s), b.sp_checksum))
      return fail(SIM_ERRORS.BAD_CHECKSUM, b.transaction_id);
    const found = pushes.get(s(b.sp_ticket_id));
    if (!found || found.transactionId !== s(b.transaction_id)) return fail(SIM_ERRORS.NO_TICKET, b.transaction_id);
    const p = current(found);
    const success = p.status === 'success';
    const hashed = success ? sha256Hex(p.idNum) : '';
    const signed = success ? crypto.sign('sha256', p.signData, privateKey).toString('base64') : '';
    return {
      transaction_id: p.transactionId,
      error_code: '0',
      error_message: '',
      result: {
        status: p.status,
        hashed_id_num: hashed,
        signed_response: signed,
        ...(success ? { cert: certDer.toString('base64') } : {}),
        idp_checksum: twfidoChecksum(key, [p.transactionId, '0', hashed, signed]),
      },
    };
  };

  const pending = () =>
    [...pushes.values()]
      .map(current)
      .filter((p) => p.status === 'requesting')
      .map((p) => ({
        sp_ticket_id: p.spTicketId,
        masked_id: mask(p.idNum),
        hint: p.hint,
        sp_name: spName,
        expires_at: new Date(p.expiresAt).toISOString(),
        seconds_left: Math.max(0, Math.ceil((p.expiresAt - Date.now()) / 1000)),
      }));

  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown, type = 'application/json; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://sim');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 65_536) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      if (req.method === 'POST' && chunks.length) {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          return send(400, fail(SIM_ERRORS.BAD_REQUEST));
        }
      }
      if (req.method === 'POST' && url.pathname === '/sp/requestAthOrSignPush') return send(200, requestPush(body));
      if (req.method === 'POST' && url.pathname === '/sp/getAthOrSignResult') return send(200, getResult(body));
      if (req.method === 'GET' && url.pathname === '/phone/pending') return send(200, { items: pending() });
      const action = /^\/phone\/([0-9a-f-]{36})\/(approve|reject|expire)$/u.exec(url.pathname);
      if (req.method === 'POST' && action) {
        const p = pushes.get(action[1]!);
        if (!p || current(p).status !== 'requesting') return send(404, { ok: false, message: '找不到待確認的請求' });
        p.status = action[2] === 'approve' ? 'success' : action[2] === 'reject' ? 'reject' : 'expire';
        return send(200, { ok: true, status: p.status });
      }
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/phone'))
        return send(200, PHONE_PAGE, 'text/html; charset=utf-8');
      return send(404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';
  return {
    url: `http://${host}:${port}`,
    certPem: new crypto.X509Certificate(certDer).toString(),
    serviceId,
    key,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const PHONE_PAGE = `<!doctype html>
<html lang="zh-Hant-TW">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>行動自然人憑證（模擬器）</title>
<style>
  body { font-family: system-ui, "Noto Sans TC", sans-serif; margin: 0; background: #f0f2f5; color: #1f1f1f; }
  main { max-width: 420px; margin: 0 auto; padding: 16px; }
  h1 { font-size: 1.25rem; margin: 8px 0; }
  .note { font-size: .875rem; color: #595959; }
  .card { background: #fff; border-radius: 12px; padding: 16px; margin: 12px 0; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  .card p { margin: 4px 0; }
  .actions { display: flex; gap: 12px; margin-top: 12px; }
  button { flex: 1; font-size: 1rem; padding: 12px; border-radius: 8px; border: 2px solid transparent; cursor: pointer; }
  button:focus-visible { outline: 3px solid #0958d9; outline-offset: 2px; }
  .approve { background: #0958d9; color: #fff; }
  .reject { background: #fff; color: #a8071a; border-color: #a8071a; }
</style>
</head>
<body>
<main>
  <h1>行動自然人憑證</h1>
  <p class="note">這是 Menhu 的 TW FidO 模擬器，僅供開發與展示，並非內政部的服務。</p>
  <div id="status" role="status" aria-live="polite"></div>
  <section id="list" aria-label="待確認的登入請求"></section>
</main>
<script>
const list = document.getElementById('list');
const status = document.getElementById('status');
let shown = '';
async function answer(id, action) {
  const res = await fetch('/phone/' + id + '/' + action, { method: 'POST' });
  status.textContent = res.ok ? (action === 'approve' ? '已同意登入。' : '已拒絕登入。') : '此請求已逾時或已處理。';
  refresh();
}
function render(items) {
  const key = JSON.stringify(items.map((i) => [i.sp_ticket_id, i.seconds_left]));
  if (key === shown) return;
  shown = key;
  const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focusKey : null;
  list.replaceChildren();
  if (!items.length) {
    const p = document.createElement('p');
    p.textContent = '目前沒有待確認的請求。';
    list.append(p);
    return;
  }
  for (const i of items) {
    const card = document.createElement('article');
    card.className = 'card';
    const h = document.createElement('h2');
    h.style.fontSize = '1.05rem';
    h.textContent = i.sp_name + ' 請求登入';
    const who = document.createElement('p');
    who.textContent = '身分證統一編號：' + i.masked_id;
    const hint = document.createElement('p');
    hint.textContent = '說明：' + (i.hint || '（無）');
    const left = document.createElement('p');
    left.textContent = '剩餘時間：' + i.seconds_left + ' 秒';
    const actions = document.createElement('div');
    actions.className = 'actions';
    for (const [action, label, cls] of [['approve', '同意', 'approve'], ['reject', '拒絕', 'reject']]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = cls;
      b.textContent = label;
      b.dataset.focusKey = i.sp_ticket_id + action;
      b.setAttribute('aria-label', label + '（' + i.masked_id + '）');
      b.addEventListener('click', () => answer(i.sp_ticket_id, action));
      actions.append(b);
      if (focused === b.dataset.focusKey) queueMicrotask(() => b.focus());
    }
    card.append(h, who, hint, left, actions);
    list.append(card);
  }
}
async function refresh() {
  try {
    const res = await fetch('/phone/pending');
    render((await res.json()).items);
  } catch { /* the simulator stopped */ }
}
refresh();
setInterval(refresh, 1000);
</script>
</body>
</html>`;
