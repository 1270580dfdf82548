/**
 * A HiPKI simulator for development and the browser tests (never for production): serves
 * `/popupForm` implementing HiPKI's popup protocol (posts {"func":"getTbs"} to its opener, takes
 * the MakeSignature request, answers {"func":"sign", ret_code, last_error, signature, certb64,
 * cardSN} and closes), with a demo software "card" per holder (姓名 + 身分證末四碼, typed in the
 * popup) issued by a demo CA shaped like MOICA's. The demo CA's anchors are written to a PEM
 * file for MOICA_TRUST_ANCHORS, and its OCSP responder and CRL run on a local port, so the
 * portal verifies demo signatures exactly as it verifies real ones.
 *
 *   node scripts/hipki-sim.ts [--port 61161] [--anchors ./data/hipki-sim-anchors.pem]
 *   env HIPKI_SIM_PIN (default 123456), HIPKI_SIM_NAME (王小明), HIPKI_SIM_ID_TAIL
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { TestPki, type Issued } from '../apps/server/src/test-support/moica-pki.ts';
import { DEMO_USER01_ID_NUMBER } from '../apps/server/src/modules/demo/seed.ts';

export interface HipkiSim {
  /** http://localhost:<port>, for the portal's HIPKI_URL. */
  url: string;
  /** The demo CA's trust anchors (PEM), for the portal's MOICA_TRUST_ANCHORS. */
  anchorsFile: string;
  stop(): Promise<void>;
}

export interface HipkiSimOptions {
  port?: number;
  pin?: string;
  name?: string;
  idTail?: string;
  anchorsFile?: string;
}

const ERR = {
  cancelled: 0x76000999,
  noCard: 0x76000006,
  noReader: 0x76100003,
  notTrusted: 0x76000031,
  pin: 0x76000002,
} as const;

const escape = (s: string) =>
  s.replace(/[&<>"']/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function popupPage(name: string, idTail: string): string {
  return `<!doctype html>
<html lang="zh-Hant"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>HiPKI 模擬器</title>
<style>body{font-family:system-ui,sans-serif;margin:16px;line-height:1.5}label{display:block;margin:8px 0}
input,select{font-size:1rem;margin-left:8px}button{font-size:1rem;margin-right:8px}</style></head>
<body>
<h1>HiPKI 模擬器（開發與測試用）</h1>
<p id="status" role="status">等待網頁送出簽章請求…</p>
<form id="form" hidden>
  <label>持卡人姓名<input id="name" value="${escape(name)}"></label>
  <label>身分證末四碼<input id="tail" value="${escape(idTail)}" maxlength="4"></label>
  <label>模擬狀況<select id="simulate">
    <option value="">正常（插入卡片）</option><option value="noCard">沒有卡片</option>
    <option value="noReader">沒有讀卡機</option><option value="notTrusted">網站未受信任</option>
    <option value="locked">卡片已鎖住</option></select></label>
  <button type="submit">簽章</button><button type="button" id="cancel">取消</button>
</form>
<script>
let request = null, origin = '*';
const $ = (id) => document.getElementById(id);
const reply = (msg) => {
  window.opener.postMessage(JSON.stringify(Object.assign({ func: 'sign' }, msg)), origin);
  window.close();
};
window.addEventListener('message', (e) => {
  if (e.source !== window.opener) return;
  let d;
  try { d = typeof e.data === 'string' ? JSON.parse(e.data) : e.data; } catch { return; }
  if (!d || d.func !== 'MakeSignature') return;
  request = d;
  origin = e.origin;
  $('status').textContent = '來自 ' + e.origin + ' 的簽章請求';
  $('form').hidden = false;
});
$('form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const res = await fetch('/sign', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ request, name: $('name').value, idTail: $('tail').value, simulate: $('simulate').value }),
  });
  reply(await res.json());
});
$('cancel').addEventListener('click', () => reply({ ret_code: ${ERR.cancelled}, last_error: 0 }));
if (window.opener) window.opener.postMessage(JSON.stringify({ func: 'getTbs' }), '*');
else $('status').textContent = '請由網頁開啟此視窗。';
</script>
</body></html>`;
}

export async function startHipkiSim(opts: HipkiSimOptions = {}): Promise<HipkiSim> {
  const pin = opts.pin ?? process.env.HIPKI_SIM_PIN ?? '123456';
  const pki = await TestPki.create(() => new Date());
  const anchorsFile =
    opts.anchorsFile ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hipki-sim-')), 'demo-anchors.pem');
  fs.mkdirSync(path.dirname(anchorsFile), { recursive: true });
  fs.writeFileSync(anchorsFile, [pki.root, pki.cas.g2, pki.cas.g3].map((i) => i.cert.toString('pem')).join('\n'));
  const cards = new Map<string, Issued>();
  const cardFor = async (name: string, idTail: string) => {
    const key = `${name}|${idTail}`;
    let card = cards.get(key);
    if (!card) cards.set(key, (card = await pki.issueCard({ name, idTail, rsa: true })));
    return card;
  };

  const sign = async (body: {
    request?: { func?: string; tbs?: string; nonce?: string; pin?: string };
    name?: string;
    idTail?: string;
    simulate?: string;
  }) => {
    const req = body.request;
    if (!req || req.func !== 'MakeSignature' || typeof req.tbs !== 'string')
      return { ret_code: 0x76000001, last_error: 0 };
    if (body.simulate === 'noCard') return { ret_code: ERR.noCard, last_error: 0 };
    if (body.simulate === 'noReader') return { ret_code: ERR.noReader, last_error: 0 };
    if (body.simulate === 'notTrusted') return { ret_code: ERR.notTrusted, last_error: 0 };
    if (body.simulate === 'locked') return { ret_code: ERR.pin, last_error: 0xa4 };
    if (req.pin !== pin) return { ret_code: ERR.pin, last_error: 0xa0 };
    const name = (body.name ?? '').trim() || '王小明';
    const idTail = (body.idTail ?? '').trim().toUpperCase() || '0000';
    const card = await cardFor(name, idTail);
    const cardSN = `TP03${String(parseInt(card.cert.serialNumber, 16)).padStart(12, '0')}`;
    const signature = await pki.sign(card, { challenge: req.tbs, nonce: req.nonce ?? req.tbs, cardSerial: cardSN });
    return {
      func: 'sign',
      ret_code: 0,
      last_error: 0,
      signature,
      certb64: Buffer.from(card.cert.rawData).toString('base64'),
      cardSN,
    };
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/popupForm') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
        popupPage(
          opts.name ?? process.env.HIPKI_SIM_NAME ?? '王小明',
          // The demo card is user01's (王小明) unless told otherwise.
          opts.idTail ?? process.env.HIPKI_SIM_ID_TAIL ?? DEMO_USER01_ID_NUMBER.slice(-4),
        ),
      );
      return;
    }
    if (req.method === 'POST' && url.pathname === '/sign') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          try {
            const answer = await sign(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Parameters<typeof sign>[0]);
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
          } catch (err) {
            res
              .writeHead(500, { 'content-type': 'application/json' })
              .end(JSON.stringify({ ret_code: 0x76000001, error: String(err) }));
          }
        })();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 61161, 'localhost', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    anchorsFile,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pki.close();
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const sim = await startHipkiSim({
    port: Number(arg('port') ?? 61161),
    ...(arg('anchors') ? { anchorsFile: path.resolve(arg('anchors')!) } : {}),
  });
  console.log(`HiPKI simulator on ${sim.url}/popupForm`);
  console.log(
    `Start the portal with HIPKI_URL=${sim.url} MOICA_TRUST_ANCHORS=${sim.anchorsFile} and moica in LOGIN_METHODS.`,
  );
}
