// Reloading corpus and index while requests are served: the swap is atomic, requests in flight
// finish on the services they started with, a corrupt index is rebuilt (never served) on reload,
// and a failed reload leaves the running services in place.
import { readdirSync, readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/bootstrap/app-services.js';
import { createAppServices } from '../../src/bootstrap/app-services.js';
import type { ChatService } from '../../src/domain/chat.js';
import { createApp } from '../../src/server/app.js';
import { createLiveServices } from '../../src/server/live-services.js';
import { staffAuth } from '../../src/server/middleware/staff-auth.js';
import { staffRouter } from '../../src/server/routes/staff-routes.js';
import { createMemoryFeedbackStore } from '../fakes/storage-memory.js';
import { buildServices, listen, postJson, sleep, type Running, type TestServices } from './helpers.js';

let t: TestServices;
const running: Running[] = [];
beforeAll(async () => {
  t = await buildServices();
});
afterAll(() => t.cleanup());
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

/** Marks answers with a tag (which services answered) after an optional delay. */
function tagged(chat: ChatService, tag: string, delayMs = 0): ChatService {
  return {
    answerStream: (req, signal) => chat.answerStream(req, signal),
    async answer(req, signal) {
      await sleep(delayMs);
      const r = await chat.answer(req, signal);
      return { ...r, answer: `[${tag}] ${r.answer}` };
    },
  };
}

async function serveLive(live: ReturnType<typeof createLiveServices>) {
  const app = createApp(live, { routers: [staffRouter({ feedback: createMemoryFeedbackStore(), auth: staffAuth({}), reload: () => live.reload() })] });
  const r = await listen(app);
  running.push(r);
  return r.base;
}

const ask = async (base: string) => ((await (await postJson(base, '/api/chat', { message: '研发费用补助最高多少？' })).json()) as { answer: string }).answer;

describe('live services', () => {
  it('requests in flight keep the old services; requests after the swap get the new ones', async () => {
    const a: AppServices = { ...t.services, chat: tagged(t.services.chat, 'A', 400) };
    const b: AppServices = { ...t.services, chat: tagged(t.services.chat, 'B') };
    const live = createLiveServices(a, { rebuild: async () => b });
    const base = await serveLive(live);
    const inFlight = ask(base);
    await sleep(100);
    await fetch(`${base}/api/staff/reload`, { method: 'POST' });
    expect(await ask(base)).toMatch(/^\[B\]/);
    expect(await inFlight).toMatch(/^\[A\]/);
  });

  it('a reload after a change, asked for while one runs, gets a later one that sees the change', async () => {
    let version = 0;
    let builds = 0;
    const seen: number[] = [];
    const live = createLiveServices(t.services, {
      rebuild: async () => {
        builds += 1;
        const read = version; // the corpus as this rebuild reads it, at its start
        await sleep(100);
        seen.push(read);
        return t.services;
      },
    });
    const first = live.reload();
    await sleep(20);
    version = 1; // e.g. a withdraw committed while the first rebuild runs
    const second = live.reloadAfterChange();
    const third = live.reloadAfterChange();
    expect(third).toBe(second);
    await Promise.all([first, second, third]);
    expect(builds).toBe(2);
    expect(seen).toEqual([0, 1]);
  });

  it('concurrent reloads share one rebuild; a failed reload answers 503 and keeps serving', async () => {
    let builds = 0;
    let fail = false;
    const live = createLiveServices(t.services, {
      rebuild: async () => {
        builds += 1;
        await sleep(100);
        if (fail) throw new Error('corpus file unreadable');
        return t.services;
      },
    });
    const base = await serveLive(live);
    const results = await Promise.all([1, 2, 3].map(() => fetch(`${base}/api/staff/reload`, { method: 'POST' })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(builds).toBe(1);
    fail = true;
    const failed = await fetch(`${base}/api/staff/reload`, { method: 'POST' });
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { message: string } }).error.message).toMatch(/重新加载失败.*仍在使用原来的语料和索引/);
    expect(live.current).toBe(t.services);
    expect((await postJson(base, '/api/chat', { message: '研发费用补助最高多少？' })).status).toBe(200);
  });

  it('under load, a reload over a corrupted index rebuilds it and swaps without a failed request', async () => {
    const build = () => createAppServices(t.config, { answerer: 'offline', sessions: t.services.sessions });
    const initial = await build();
    const live = createLiveServices(initial, { rebuild: build });
    const base = await serveLive(live);
    const before = ((await (await fetch(`${base}/api/health`)).json()) as { index: { builtAt: string } }).index.builtAt;

    // Half-write a file of the published index: the next load must notice and rebuild.
    const current = (JSON.parse(readFileSync(join(t.dataDir, 'index.json'), 'utf8')) as { current: string }).current;
    const dir = join(t.dataDir, 'indexes', current);
    expect(readdirSync(dir)).toContain('vectors.hnsw');
    truncateSync(join(dir, 'vectors.hnsw'), 1000);

    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      while (!stop) {
        const batch = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? fetch(`${base}/api/search?q=研发费用`) : postJson(base, '/api/chat', { message: '研发费用补助最高多少？' }))),
        );
        statuses.push(...batch.map((r) => r.status));
      }
    })();
    const reload = await fetch(`${base}/api/staff/reload`, { method: 'POST' });
    stop = true;
    await load;
    const summary = (await reload.json()) as { status: string; index: { rebuilt: boolean; reason: string; builtAt: string } };
    expect(reload.status).toBe(200);
    expect(summary.index.rebuilt).toBe(true);
    expect(summary.index.reason).toMatch(/vectors\.hnsw 校验失败/);
    expect(statuses.length).toBeGreaterThan(8);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const after = ((await (await fetch(`${base}/api/health`)).json()) as { index: { builtAt: string; rebuiltAtStart: boolean } }).index;
    expect(after.builtAt).not.toBe(before);
    expect(await ask(base)).toMatch(/300万元/);
  }, 60_000);
});
