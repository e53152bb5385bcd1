// Graceful shutdown in process: in-flight JSON requests and open event streams finish within the
// deadline, new connections are refused, clean-up runs after the last response, and whatever is
// still open at the deadline is ended with an error the client can read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatService } from '../../src/domain/chat.js';
import { createApp } from '../../src/server/app.js';
import { gracefulShutdown } from '../../src/server/graceful-shutdown.js';
import { createInflightTracker } from '../../src/server/middleware/inflight.js';
import { buildServices, capturingLogger, listen, postJson, sleep, sseFrames, type TestServices } from './helpers.js';

let t: TestServices;
beforeAll(async () => {
  t = await buildServices();
});
afterAll(() => t.cleanup());

function slowChat(chat: ChatService, ms: number): ChatService {
  return {
    async *answerStream(req, signal) {
      yield { type: 'token', text: '正在查找……' };
      await sleep(ms);
      yield* chat.answerStream(req, signal);
    },
    async answer(req, signal) {
      await sleep(ms);
      return chat.answer(req, signal);
    },
  };
}

async function start(delayMs: number) {
  const tracker = createInflightTracker();
  const { logger, entries } = capturingLogger('info');
  const r = await listen(createApp({ ...t.services, chat: slowChat(t.services.chat, delayMs) }, { tracker, logger }));
  const events: string[] = [];
  let exitCode: number | undefined;
  const shutdown = (deadlineMs: number) =>
    gracefulShutdown({
      server: r.server,
      tracker,
      deadlineMs,
      logger,
      cleanup: () => void events.push(`cleanup with ${tracker.size} open`),
      exit: (code) => {
        exitCode = code;
        events.push(`exit ${code}`);
      },
    });
  return { ...r, tracker, events, entries, shutdown, exitCode: () => exitCode };
}

describe('graceful shutdown', () => {
  it('lets an open stream and a pending JSON request finish, refuses new connections, then cleans up and exits 0', async () => {
    const s = await start(600);
    const stream = postJson(s.base, '/api/chat/stream', { message: '研发费用补助最高多少？' });
    const json = postJson(s.base, '/api/chat', { message: '研发费用补助最高多少？' });
    await sleep(150);
    expect(s.tracker.size).toBe(2);
    const done = s.shutdown(5000)('SIGTERM');
    await sleep(50);
    await expect(fetch(`${s.base}/api/health`)).rejects.toThrow();
    const [streamRes, jsonRes] = await Promise.all([stream, json]);
    const frames = sseFrames(await streamRes.text());
    expect(frames.at(-1)!.event).toBe('done');
    expect(jsonRes.status).toBe(200);
    expect(jsonRes.headers.get('connection')).toBe('close');
    await done;
    expect(s.events).toEqual(['cleanup with 0 open', 'exit 0']);
    expect(s.entries().find((e) => String(e.msg).startsWith('已关闭'))).toMatchObject({ completed: 2, forced: 0, code: 0 });
  });

  it('at the deadline, ends a stream with an error event and a pending request with 503, and still exits 0', async () => {
    const s = await start(5000);
    const stream = postJson(s.base, '/api/chat/stream', { message: '研发费用补助最高多少？' });
    const json = postJson(s.base, '/api/chat', { message: '研发费用补助最高多少？' });
    await sleep(150);
    const started = Date.now();
    await s.shutdown(300)('SIGTERM');
    expect(Date.now() - started).toBeLessThan(2000);
    const frames = sseFrames(await (await stream).text());
    expect(frames.map((f) => f.event)).toEqual(['token', 'error']);
    expect(JSON.parse(frames[1]!.data)).toEqual({ code: 'UNAVAILABLE', message: expect.stringContaining('服务正在重启') });
    const jsonRes = await json;
    expect(jsonRes.status).toBe(503);
    expect(s.exitCode()).toBe(0);
    expect(s.entries().find((e) => String(e.msg).startsWith('已关闭'))).toMatchObject({ forced: 2 });
  });

  it('a second signal does not start a second shutdown', async () => {
    const s = await start(10);
    const shutdown = s.shutdown(1000);
    await Promise.all([shutdown('SIGTERM'), shutdown('SIGINT')]);
    expect(s.events.filter((e) => e.startsWith('exit'))).toEqual(['exit 0']);
  });
});
