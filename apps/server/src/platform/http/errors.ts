/**
 * One error type (STYLE): services throw AppError with a catalogue code; the handler turns
 * every failure, ours or the framework's, into `{ error: { code, message, details } }`
 * without stack traces.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, type ErrorCode, type ErrorBody } from '@menhu/contracts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, details?: unknown, headers: Record<string, string> = {}) {
    super(code);
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
}

export type Lang = 'zh-TW' | 'en';

export function requestLang(req: FastifyRequest): Lang {
  const header = String(req.headers['accept-language'] ?? '');
  return /^en\b/iu.test(header.trim()) ? 'en' : 'zh-TW';
}

export function errorBody(code: ErrorCode, lang: Lang, details?: unknown): ErrorBody {
  const entry = ERRORS[code];
  return {
    error: { code, message: lang === 'en' ? entry.en : entry.zh, ...(details === undefined ? {} : { details }) },
  };
}

const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MENHU_ERR_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MENHU_ERR_BAD_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'MENHU_ERR_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'MENHU_ERR_UNSUPPORTED_MEDIA',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MENHU_ERR_VALIDATION',
  FST_REQ_FILE_TOO_LARGE: 'MENHU_ERR_BODY_TOO_LARGE',
  FST_FILES_LIMIT: 'MENHU_ERR_BODY_TOO_LARGE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'MENHU_ERR_UNSUPPORTED_MEDIA',
};

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[] } };
}

/**
 * PostgreSQL 22003 (numeric value out of range): an id or number the request schemas accept
 * but an integer column cannot hold, such as /api/admin/accounts/99999999999. It is the
 * client's input, so 400, not 500. Drizzle wraps the driver's error in `cause`.
 */
interface DbErrorLike {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: { code?: unknown; constraint?: unknown; message?: unknown };
}

/** The PostgreSQL SQLSTATE of an error, whether raw (pg, PGlite) or wrapped by Drizzle. */
export function sqlState(err: unknown): string | null {
  const e = err as DbErrorLike | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/u.test(code) ? code : null;
}

function isOutOfRange(err: unknown): boolean {
  return sqlState(err) === '22003';
}

/**
 * What of an unexpected error goes to the log: never Drizzle's message, which lists the query
 * parameters (personal data, hashes, ciphertexts), only the SQLSTATE, constraint and the
 * driver's own message.
 */
export function loggableError(err: unknown): Record<string, unknown> {
  const e = err as DbErrorLike & { name?: unknown; stack?: unknown };
  const state = sqlState(err);
  if (!state && e?.name !== 'DrizzleQueryError') return { err };
  return {
    name: e.name,
    sqlState: state,
    constraint: e.cause?.constraint ?? e.constraint,
    dbMessage: e.cause?.message ?? e.message,
  };
}

export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const lang = requestLang(req);
  if (err instanceof AppError) {
    return reply
      .status(err.status)
      .headers(err.headers)
      .send(errorBody(err.code, lang, err.details));
  }
  const fe = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fe.validation) {
    const details = fe.validation.map((v) => ({
      path: [fe.validationContext ?? 'body', ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join(
        '.',
      ),
      message: v.message ?? 'invalid',
    }));
    return reply.status(400).send(errorBody('MENHU_ERR_VALIDATION', lang, details));
  }
  const mapped = fe.code ? FRAMEWORK_CODES[fe.code] : undefined;
  if (mapped) return reply.status(ERRORS[mapped].status).send(errorBody(mapped, lang));
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply.status(400).send(errorBody('MENHU_ERR_VALIDATION', lang));
  }
  if (isOutOfRange(err)) return reply.status(400).send(errorBody('MENHU_ERR_VALIDATION', lang));
  // A unique key lost a race with another request (or node): the data exists, say so.
  if (sqlState(err) === '23505') return reply.status(409).send(errorBody('MENHU_ERR_CONFLICT', lang));
  req.log.error(loggableError(err), 'unhandled error');
  return reply.status(500).send(errorBody('MENHU_ERR_INTERNAL', lang));
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.status(404).send(errorBody('MENHU_ERR_NOT_FOUND', requestLang(req)));
}
