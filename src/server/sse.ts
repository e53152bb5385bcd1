// Writing an event stream to an HTTP response as server-sent events, respecting backpressure
// and stopping when the client goes away.
import type { Response } from 'express';
import { once } from 'node:events';

export function startSse(res: Response): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
}

/** Writes one SSE frame; waits for 'drain' when the socket buffer is full. */
export async function writeSse(res: Response, event: string, data: unknown): Promise<void> {
  if (res.writableEnded || res.destroyed) return;
  const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  if (!res.write(frame)) await once(res, 'drain');
}

/** Pipes typed events ({type, ...}) as SSE frames named after their type. */
export async function pipeEvents<E extends { type: string }>(
  res: Response,
  events: AsyncIterable<E>,
  toData: (e: E) => unknown = (e) => e,
): Promise<void> {
  for await (const e of events) {
    if (res.destroyed) break;
    await writeSse(res, e.type, toData(e));
  }
}
