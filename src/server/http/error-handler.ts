import type { FastifyError, FastifyInstance } from 'fastify';
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
  '23503': [409, 'in_use', 'The record is referenced by or refers to a missing record', 'Dữ liệu đang được tham chiếu hoặc tham chiếu tới dữ liệu không tồn tại'],
};

const FASTIFY_4XX_VI: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  403: 'Yêu cầu bị từ chối',
  404: 'Không tìm thấy',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Định dạng dữ liệu không được hỗ trợ',
  429: 'Quá nhiều yêu cầu, vui lòng thử lại sau',
};

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & { cause?: unknown }, req, reply) => {
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (hasZodFastifySchemaValidationErrors(err)) e = fromZodIssue(err.validation[0] as never, err.validationContext);
    else if (err.code?.startsWith('FST_CSRF')) {
      e = new AppError(403, 'csrf', 'Invalid or missing CSRF token; reload the page', 'Mã chống giả mạo yêu cầu (CSRF) không hợp lệ, hãy tải lại trang');
    } else if (databaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '5');
      e = new AppError(503, 'database_unavailable', 'The database is unavailable; try again in a moment',
        'Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau ít phút');
    } else if (pgCode(err) && PG_ERRORS[pgCode(err)!]) {
      const [status, code, message, messageVi] = PG_ERRORS[pgCode(err)!]!;
      e = new AppError(status, code, message, messageVi, pgField(err));
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && !isResponseSerializationError(err)) {
      e = new AppError(err.statusCode, err.code ?? 'bad_request', err.message, FASTIFY_4XX_VI[err.statusCode] ?? 'Yêu cầu không hợp lệ');
    } else {
      req.log.error({ err }, 'unhandled error');
      e = new AppError(500, 'internal', 'Internal error; it has been logged', 'Lỗi hệ thống; sự cố đã được ghi nhận');
    }
    return reply.code(e.statusCode).send(e.toBody());
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(new AppError(404, 'route_not_found', `No route ${req.method} ${req.url.split('?')[0]}`, 'Không có đường dẫn này').toBody());
  });
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
  return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(cause.code ?? '')
    || /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(cause.message ?? '');
}

function pgField(err: { cause?: unknown; constraint?: string }): string | undefined {
  const detail = (err.cause as { detail?: string } | undefined)?.detail ?? '';
  return /Key \(([\w_]+)\)/.exec(detail)?.[1]?.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
}
