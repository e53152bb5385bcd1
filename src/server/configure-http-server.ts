// Limits the Node HTTP server enforces before express sees a request, and the JSON error it
// answers with when one is hit: headers too large (431), a request not received in time (408),
// malformed HTTP (400). Node's own answers are bare status lines without a body.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { clientErrorToAppError, rawErrorResponse } from './error-handler.js';

export interface HttpServerLimits {
  /** REQUEST_TIMEOUT_MS: the request deadline middleware answers slow bodies with 408 at this point. */
  requestTimeoutMs: number;
  /** Time allowed for the request headers; default min(requestTimeoutMs, 20 s). */
  headersTimeoutMs?: number;
  /**
   * How often Node checks the two timeouts. Its default (30 s) let a slow sender hold a socket
   * for up to twice the timeout.
   */
  checkIntervalMs?: number;
  /** Grace for the deadline middleware to answer a slow body itself (it logs and has the request id). */
  backstopMs?: number;
}

/**
 * Call right after `listen()` returns (before the 'listening' event): Node starts its timeout
 * checker on 'listening' with the interval set then.
 */
export function configureHttpServer(
  server: Server,
  { requestTimeoutMs, headersTimeoutMs = Math.min(requestTimeoutMs, 20_000), checkIntervalMs = 1_000, backstopMs = 1_000 }: HttpServerLimits,
): Server {
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs > 0 ? requestTimeoutMs + backstopMs : 0;
  // A createServer option, kept on the instance and read when listening starts (not in @types/node).
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = checkIntervalMs;
  server.on('clientError', answerClientError);
  return server;
}

/** The 'clientError' listener: what Node would do, with our error body. */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  // A reset or closed connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  // A response already under way on this socket cannot be replaced by another.
  const inflight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (inflight?.headersSent) {
    socket.destroy();
    return;
  }
  socket.end(rawErrorResponse(clientErrorToAppError(err)));
  // A peer that does not read must not keep the socket.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
