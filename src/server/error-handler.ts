// The one place where errors become HTTP responses: {error: {code, message}} with Chinese
// messages. Never leaks stack traces or secrets.
import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AppError, type ErrorCode } from '../domain/errors.js';
import { isStorageError } from '../storage/storage-health.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  REQUEST_TIMEOUT: 408,
  HEADERS_TOO_LARGE: 431,
  RATE_LIMITED: 429,
  TIMEOUT: 504,
  UNAVAILABLE: 503,
  INTERNAL: 500,
  CORPUS_INVALID: 500,
  INDEX_INVALID: 500,
  CONFIG_INVALID: 500,
};

/** Maps body-parser and other framework errors to AppError. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; statusCode?: number } | null;
  if (e?.type === 'entity.parse.failed') return new AppError('BAD_REQUEST', '请求体不是合法的 JSON，请检查格式后重试。', { cause: err });
  if (e?.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', '请求内容过大，请精简后重试。', { cause: err });
  if (e?.type === 'encoding.unsupported') return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的请求内容编码（Content-Encoding），请发送未压缩或 gzip 压缩的 JSON。', { cause: err });
  if (e?.type === 'charset.unsupported') return new AppError('UNSUPPORTED_MEDIA_TYPE', '不支持的请求字符集，请使用 UTF-8。', { cause: err });
  if (e?.type === 'request.aborted') return new AppError('BAD_REQUEST', '请求在传输中被中断。', { cause: err });
  if (isStorageError(err)) return new AppError('UNAVAILABLE', '数据存储暂时不可用，您的请求没有完成，请稍后再试；如果一直出现，请联系网站管理员。', { cause: err });
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('BAD_REQUEST', '请求无效，请检查后重试。', { cause: err });
  return new AppError('INTERNAL', '服务器内部错误，请稍后再试。', { cause: err });
}

export function httpStatus(err: AppError): number {
  return STATUS[err.code] ?? 500;
}

export function errorBody(err: AppError): { error: { code: string; message: string } } {
  return { error: { code: err.code, message: err.userMessage } };
}

/**
 * Errors the Node HTTP parser reports before express sees a request (the server's 'clientError'
 * event): oversized headers, a request not received in time, malformed HTTP.
 */
export function clientErrorToAppError(err: { code?: string }): AppError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new AppError('HEADERS_TOO_LARGE', '请求头过大（可能是 Cookie 或其他头部过长），请清理浏览器 Cookie 或精简请求头后重试。', { cause: err });
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new AppError('PAYLOAD_TOO_LARGE', '请求分块的扩展信息过大，请去掉分块扩展后重试。', { cause: err });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new AppError('REQUEST_TIMEOUT', '请求没有在规定时间内发送完，连接已关闭。请检查网络后重新发送。', { cause: err });
    default:
      return new AppError('BAD_REQUEST', '请求不符合 HTTP 协议，无法处理。请检查客户端后重试。', { cause: err });
  }
}

/** A complete HTTP/1.1 response with the JSON error body, for writing to a raw socket; closes the connection. */
export function rawErrorResponse(err: AppError): string {
  const status = httpStatus(err);
  const body = JSON.stringify(errorBody(err));
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export type ErrorLogger = (err: unknown, status: number, req: Request, res: Response) => void;

/** `body` shapes the JSON (the /v1 routes answer in OpenAI's error shape). */
export function errorHandler(log: ErrorLogger = () => {}, body: (err: AppError) => unknown = errorBody) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    // A handler finishing after the deadline or shutdown already answered: nothing to report.
    if (res.headersSent && (err as { code?: string } | null)?.code === 'ERR_HTTP_HEADERS_SENT') return;
    const appErr = toAppError(err);
    const status = httpStatus(appErr);
    log(err, status, req, res);
    if (res.headersSent) {
      if (!res.writableEnded) res.end();
      return;
    }
    res.status(status).json(body(appErr));
  };
}

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction): void {
  next(new AppError('NOT_FOUND', '请求的接口不存在，请检查地址。'));
}
