/**
 * The one typed fetch client. It sends the UI language (the server localises error messages),
 * the session's CSRF token on every state-changing request, and turns the error body
 * `{error:{code,message,details}}` into an ApiError.
 */
import type { ErrorCode } from '@menhu/contracts';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'MENHU_ERR_NETWORK';
  readonly details: unknown;
  /** Seconds from a 429's Retry-After header, when it gave one. */
  readonly retryAfter: number | null;

  constructor(status: number, code: ApiError['code'], message: string, details?: unknown, retryAfter?: number | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter ?? null;
  }
}

let csrfToken: string | null = null;
let language = 'zh-TW';
let onUnauthorized: (() => void) | null = null;

export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const setApiLanguage = (lang: string) => {
  language = lang;
};
/** Called when any call but sign-in answers 401: the session is gone. */
export const setUnauthorizedHandler = (handler: (() => void) | null) => {
  onUnauthorized = handler;
};

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  /** A JSON body, or a raw Blob/string sent with `contentType`. */
  body?: unknown;
  contentType?: string;
}

function headersFor(method: string, contentType: string | undefined): Record<string, string> {
  const h: Record<string, string> = { 'Accept-Language': language, Accept: 'application/json' };
  if (contentType) h['Content-Type'] = contentType;
  if (method !== 'GET' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  return h;
}

async function toApiError(res: Response, path: string): Promise<ApiError> {
  let body: { error?: { code?: ApiError['code']; message?: string; details?: unknown } } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy error page): fall through to a generic error
  }
  const code = body.error?.code ?? 'MENHU_ERR_INTERNAL';
  // A refused code or password (sign-in steps, confirming a binding) leaves the session as it was.
  const refusedCredential = code === 'MENHU_ERR_INVALID_CREDENTIALS' || code === 'MENHU_ERR_INVALID_CODE';
  if (res.status === 401 && !refusedCredential && path !== '/api/auth/login') onUnauthorized?.();
  const retry = Number(res.headers.get('retry-after') ?? '');
  return new ApiError(
    res.status,
    code,
    body.error?.message ?? res.statusText,
    body.error?.details,
    Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null,
  );
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const raw = opts.contentType !== undefined;
  const contentType = raw ? opts.contentType : opts.body !== undefined ? 'application/json' : undefined;
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, contentType),
      body: opts.body === undefined ? undefined : raw ? (opts.body as BodyInit) : JSON.stringify(opts.body),
    });
  } catch (err) {
    throw new ApiError(0, 'MENHU_ERR_NETWORK', (err as Error).message);
  }
  if (!res.ok) throw await toApiError(res, path);
  return res;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  return (await res.json()) as T;
}

/** Downloads a file answer (xlsx exports) under the server's file name. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send(path, { query });
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/iu.exec(disposition);
  const name = m ? decodeURIComponent(m[1]!) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A raw upload with progress (fetch has none), same headers and error shape as api(). */
export function upload<T>(
  path: string,
  file: Blob,
  contentType: string,
  onProgress?: (percent: number) => void,
  method: 'POST' | 'PUT' = 'POST',
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headersFor(method, contentType))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'MENHU_ERR_NETWORK', 'network error'));
    xhr.onload = () => {
      const res = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText });
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as T);
      else void toApiError(res, path).then(reject);
    };
    xhr.send(file);
  });
}
