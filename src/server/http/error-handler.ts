import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from './errors.ts';

type Localize = (issue: unknown) => string | { message: string } | undefined | null;
const viLocale = z.locales.vi().localeError as Localize;
const enLocale = z.locales.en().localeError as Localize;

function localized(fn: Localize, issue: Record<string, unknown>): string {
  const out = fn(issue);
  const text = typeof out === 'string' ? out : (out?.message ?? '');
  // The received type is not kept in the issue; cut the part that would print "undefined".
  return text.replace(/, (received|nhận được) \w+$/, '');
}

/** Zod's first issue as { field, message, messageVi }, in both languages from zod's own locales. */
function fromZodIssue(v: { instancePath: string; keyword: string; params: Record<string, unknown> }, where?: string) {
  const field = v.instancePath.replace(/^\//, '').replaceAll('/', '.') || where || 'body';
  const issue = { code: v.keyword, ...v.params };
  return new AppError(400, 'invalid', `${field}: ${localized(enLocale, issue)}`, `${field}: ${localized(viLocale, issue)}`, field);
}

const PG_ERRORS: Record<string, [number, string, string, string]> = {
  '23505': [409, 'conflict', 'A record with this value already exists', 'Dữ liệu này đã tồn tại'],
  '23503': [
    409,
    'in_use',
    'The record is referenced by or refers to a missing record',
    'Dữ liệu đang được tham chiếu hoặc tham chiếu tới dữ liệu không tồn tại',
  ],
};

/** Code and Vietnamese message of a 4xx thrown by Fastify or a plugin (body parser, rate limiter, multipart). */
const STATUS_4XX: Record<number, [string, string]> = {
  400: ['bad_request', 'Yêu cầu không hợp lệ'],
  403: ['forbidden', 'Yêu cầu bị từ chối'],
  404: ['not_found', 'Không tìm thấy'],
  406: ['not_acceptable', 'Định dạng dữ liệu không được chấp nhận'],
  408: ['timeout', 'Yêu cầu quá thời gian chờ'],
  413: ['too_large', 'Dữ liệu gửi lên quá lớn'],
  414: ['uri_too_long', 'Đường dẫn quá dài'],
  415: ['unsupported_media_type', 'Định dạng dữ liệu không được hỗ trợ'],
  429: ['too_many_requests', 'Quá nhiều yêu cầu, vui lòng thử lại sau'],
  431: ['headers_too_large', 'Phần đầu (header) của yêu cầu quá lớn'],
};

const internalError = () => new AppError(500, 'internal', 'Internal error; it has been logged', 'Lỗi hệ thống; sự cố đã được ghi nhận');

function fromStatus(status: number, message: string, field?: string) {
  const [code, messageVi] = STATUS_4XX[status] ?? STATUS_4XX[400]!;
  return new AppError(status, code, message, messageVi, field);
}

/** What busboy throws on a multipart body it cannot read: a missing or over-long boundary, a cut-off body (which the file stream reports as a premature close). */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of (multipart data|form)|.+ terminated early due to unexpected end of multipart data|The needle .+)$/;

/** `spa`: a GET outside /api (and /taxii2) that matches no route is a page of the web app, answered with its index.html. */
export function registerErrorHandler(app: FastifyInstance, { spa }: { spa: boolean }) {
  app.setErrorHandler((err: FastifyError & { cause?: unknown }, req, reply) => {
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (hasZodFastifySchemaValidationErrors(err)) e = fromZodIssue(err.validation[0] as never, err.validationContext);
    else if (err.code?.startsWith('FST_CSRF')) {
      e = new AppError(403, 'csrf', 'Invalid or missing CSRF token; reload the page', 'Mã chống giả mạo yêu cầu (CSRF) không hợp lệ, hãy tải lại trang');
    } else if (databaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '5');
      e = new AppError(
        503,
        'database_unavailable',
        'The database is unavailable; try again in a moment',
        'Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau ít phút',
      );
    } else if (pgCode(err) && PG_ERRORS[pgCode(err)!]) {
      const [status, code, message, messageVi] = PG_ERRORS[pgCode(err)!]!;
      e = new AppError(status, code, message, messageVi, pgField(err));
    } else if (pgCode(err)?.startsWith('22')) {
      // A data exception: a value the schemas let through but the column cannot hold (a NUL in a cell of an imported
      // file, say, which the input guard does not see). The client's fault, but also a missing limit: logged so that
      // it gets declared.
      req.log.warn({ err }, 'value refused by the database');
      e = new AppError(
        400,
        'invalid_value',
        'A value cannot be stored (out of range or not valid text)',
        'Có giá trị không lưu được (vượt giới hạn hoặc không phải văn bản hợp lệ)',
      );
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && !isResponseSerializationError(err)) {
      e = fromStatus(err.statusCode, err.message, err.statusCode === 400 && err.code?.startsWith('FST_ERR_CTP') ? 'body' : undefined);
    } else if (!err.statusCode && (MALFORMED_MULTIPART.test(err.message) || err.code === 'ERR_STREAM_PREMATURE_CLOSE') && req.isMultipart?.()) {
      e = new AppError(
        400,
        'invalid_multipart',
        `The multipart body cannot be read: ${err.message}`,
        'Không đọc được dữ liệu multipart/form-data gửi lên',
        'file',
      );
    } else {
      req.log.error({ err }, 'unhandled error');
      e = internalError();
    }
    return reply.code(e.statusCode).send(e.toBody());
  });

  app.setNotFoundHandler((req, reply) => {
    // The decoded path decides (`/%61pi/x` is `/api/x`). A fallback here rather than a `/*` route, so that the
    // router still refuses an over-long /api path segment (414) instead of handing it to the wildcard.
    const decoded = safeDecode(req.url.split('?')[0]!);
    if (spa && (req.method === 'GET' || req.method === 'HEAD') && decoded !== null && !/^\/+(api|taxii2)(\/|$)/.test(decoded)) {
      return reply.type('text/html').sendFile('index.html');
    }
    reply.code(404).send(new AppError(404, 'route_not_found', `No route ${req.method} ${req.url.split('?')[0]}`, 'Không có đường dẫn này').toBody());
  });
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

/** PostgreSQL error code, whether the driver error is thrown directly or wrapped by drizzle. */
function pgCode(err: { code?: string; cause?: unknown }): string | undefined {
  const c = (err.cause as { code?: string } | undefined)?.code ?? err.code;
  return typeof c === 'string' && /^[0-9][0-9A-Z]{4}$/.test(c) ? c : undefined;
}

/**
 * The database went away under the request (restart, failover, terminated backend, refused or timed-out connect):
 * SQLSTATE class 08 and 57P0x, or node-postgres' own connection errors, which carry no SQLSTATE.
 */
function databaseUnavailable(err: Error & { code?: string; cause?: unknown }): boolean {
  const code = pgCode(err);
  if (code) return code.startsWith('08') || /^57P0[1-3]$/.test(code) || code === '53300';
  const cause = (err.cause ?? err) as { code?: string; message?: string };
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(cause.code ?? '') ||
    /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(cause.message ?? '')
  );
}

function pgField(err: { cause?: unknown; constraint?: string }): string | undefined {
  const detail = (err.cause as { detail?: string } | undefined)?.detail ?? '';
  return /Key \(([\w_]+)\)/.exec(detail)?.[1]?.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}

/**
 * Fastify option `frameworkErrors`: a path segment that is not valid percent-encoded UTF-8 (400) or longer than
 * `maxParamLength` (414), refused before routing.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  let e: AppError;
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') e = fromStatus(414, 'A path segment is too long');
  else if (err.code === 'FST_ERR_BAD_URL')
    e = new AppError(400, 'bad_url', 'The URL is not valid percent-encoded UTF-8', 'Đường dẫn không hợp lệ (mã hóa UTF-8 sai)', 'url');
  else {
    req.log.error({ err }, 'unhandled framework error');
    e = internalError();
  }
  return reply.code(e.statusCode).send(e.toBody());
}

/**
 * Fastify option `clientErrorHandler`: what Node's HTTP parser refuses before Fastify sees a request (headers or
 * request line over the size limit: 431; a timeout: 408; anything else: 400), answered in the same error shape.
 */
export function clientErrorHandler(this: FastifyInstance, err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? fromStatus(431, 'The request headers are too large')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? fromStatus(408, 'The request took too long')
        : fromStatus(400, 'The request is not valid HTTP');
  this.log.debug({ err }, 'client error');
  if (socket.writable) {
    const body = JSON.stringify(e.toBody());
    socket.write(
      `HTTP/1.1 ${e.statusCode} ${STATUS_CODES[e.statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
