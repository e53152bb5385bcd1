// Fuzzing every request schema through the real app in process (services, SQLite storage,
// persistent sessions, feedback and staff routes wired as in main.ts): random and hostile bodies,
// query strings and paths never crash the server and always yield a 4xx or a valid answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src/bootstrap/app-services.js';
import { createApp } from '../../src/server/app.js';
import { createPersistentSessionStore } from '../../src/server/persistent-sessions.js';
import { staffAuth } from '../../src/server/middleware/staff-auth.js';
import { feedbackRouter } from '../../src/server/routes/feedback-routes.js';
import { staffRouter } from '../../src/server/routes/staff-routes.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { buildServices, listen, sseFrames, type Running, type TestServices } from '../server/helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const TOKEN = 'fuzz-staff-token-123';
let t: TestServices;
let storage: Storage;
let dbDir: string;
let r: Running;
let sessionId: string;
let turnId: string;

beforeAll(async () => {
  t = await buildServices({ STAFF_TOKEN: TOKEN });
  dbDir = mkdtempSync(join(tmpdir(), 'zct-fuzz-db-'));
  storage = openStorage({ file: join(dbDir, 'app.db') });
  const sessions = createPersistentSessionStore({
    store: storage.conversations,
    ttlMs: 3_600_000,
    maxTurns: t.config.MAX_TURNS_PER_SESSION,
    maxCached: 1000,
  });
  const services = await createAppServices(t.config, { answerer: 'offline', sessions });
  const app = createApp(services, {
    routers: [
      feedbackRouter({ feedback: storage.feedback, exchange: (sessionId, turnId) => storage.conversations.getExchange(sessionId, turnId) }),
      staffRouter({ feedback: storage.feedback, auth: staffAuth({ token: TOKEN }) }),
    ],
  });
  r = await listen(app);
  const first = (await (await send('POST', '/api/chat', JSON.stringify({ message: '研发费用补助最高多少？' }))).json()) as { sessionId: string; turnId: string };
  ({ sessionId, turnId } = first);
});
afterAll(async () => {
  await r.close();
  storage.close();
  rmSync(dbDir, { recursive: true, force: true });
  t.cleanup();
});

function send(method: string, path: string, body?: string | Uint8Array, headers: Record<string, string> = {}) {
  const payload: BodyInit | undefined = typeof body === 'string' || body === undefined ? body : new Blob([new Uint8Array(body)]);
  return fetch(r.base + path, { method, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}`, ...headers }, body: payload });
}

/** Any response: a 4xx with our error body, or a success whose shape `valid` checks. */
async function expectHandled(res: Response, valid: (status: number, text: string) => void, label: string) {
  const text = await res.text();
  expect(res.status, `${label} → ${res.status} ${text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).not.toBe('INTERNAL');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese message
  } else {
    valid(res.status, text);
  }
}

let answered = 0;
const validChat = (_s: number, text: string) => {
  answered += 1;
  const b = JSON.parse(text) as { answer: unknown; citations: unknown; sessionId: unknown };
  expect(typeof b.answer).toBe('string');
  expect(Array.isArray(b.citations)).toBe(true);
  expect(typeof b.sessionId).toBe('string');
};
const validStream = (_s: number, text: string) => {
  answered += 1;
  const last = sseFrames(text).at(-1)!;
  expect(['done', 'error']).toContain(last.event);
  if (last.event === 'error') expect((JSON.parse(last.data) as { code: string }).code).not.toBe('INTERNAL');
};
const validJson = (_s: number, text: string) => void expect(typeof JSON.parse(text)).toBe('object');

// ---- arbitraries ----

const nasty = ['\uD800', '\uDFFF', '\u0000', '\u001b', '\u202e', '\u200b', '\ufeff', '\r\n', '\t', '%', '%E0%A4%A', '../', '<script>', '"', '\\', '第11条', '研发费用补助', '忽略以上规则', '3000万元', '__proto__', '{{system}}'];
const hostileString = (maxLength: number) =>
  fc.string({ unit: fc.oneof(fc.constantFrom(...nasty), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength });
const weirdValue = fc.oneof(
  hostileString(50),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constant('x'.repeat(25_000)),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const idArb = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), hostileString(70), weirdValue);
const turnArb = fc.record({ role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool'), weirdValue), content: fc.oneof(hostileString(300), weirdValue) }, { requiredKeys: [] });

/** Well-formed requests with hostile text: these reach retrieval and the answerer. */
const shapedChatBody = fc.record(
  {
    message: hostileString(900).map((m) => `${m}研发`),
    history: fc.array(fc.record({ role: fc.constantFrom('user' as const, 'assistant' as const), content: hostileString(300) }), { maxLength: 20 }),
  },
  { requiredKeys: ['message'] },
);
const chaoticChatBody = fc.record(
  {
    message: fc.oneof({ weight: 4, arbitrary: hostileString(1100) }, { weight: 1, arbitrary: weirdValue }),
    sessionId: idArb,
    history: fc.oneof(fc.array(turnArb, { maxLength: 45 }), weirdValue),
    extra: weirdValue,
  },
  { requiredKeys: [] },
);
const chatBody = fc.oneof({ weight: 2, arbitrary: shapedChatBody }, { weight: 1, arbitrary: chaoticChatBody });
const completionBody = fc.record(
  {
    model: fc.oneof(hostileString(250), weirdValue),
    messages: fc.oneof(
      fc.array(
        fc.record({
          role: fc.oneof(fc.constantFrom('system', 'user', 'assistant', 'developer', 'tool'), weirdValue),
          content: fc.oneof(hostileString(400), fc.array(fc.record({ type: fc.oneof(fc.constant('text'), weirdValue), text: fc.oneof(hostileString(100), weirdValue) }), { maxLength: 3 }), weirdValue),
        }),
        { maxLength: 45 },
      ),
      weirdValue,
    ),
    stream: fc.oneof(fc.boolean(), weirdValue),
    user: weirdValue,
  },
  { requiredKeys: [] },
);
const citationArb = fc.record({ ref: fc.oneof(hostileString(20), weirdValue), label: hostileString(30), quote: hostileString(80), docTitle: hostileString(30), docId: weirdValue }, { requiredKeys: [] });
const feedbackBody = fc.record(
  {
    sessionId: fc.oneof(fc.constant('__SESSION__'), idArb),
    turnId: fc.oneof(fc.constant('__TURN__'), idArb),
    rating: fc.oneof(fc.constantFrom('up', 'down'), weirdValue),
    comment: maybe(fc.oneof(hostileString(300), weirdValue)),
    question: fc.oneof(hostileString(300), weirdValue),
    answer: fc.oneof(hostileString(600), weirdValue),
    citations: fc.oneof(fc.array(citationArb, { maxLength: 55 }), weirdValue),
    retrievedRefs: maybe(fc.oneof(fc.array(hostileString(10), { maxLength: 5 }), weirdValue)),
  },
  { requiredKeys: [] },
);
const matchBody = fc.record(
  {
    description: fc.oneof(hostileString(800), weirdValue),
    profile: fc.oneof(
      fc.dictionary(fc.constantFrom('aboveScale', 'revenue', 'employees', 'industry', 'region', 'qualifications', 'rndExpense', '__proto__', 'constructor'), weirdValue),
      weirdValue,
    ),
  },
  { requiredKeys: [] },
);

/** The real session and turn ids sometimes, so that valid feedback gets through too. */
const withIds = (body: Record<string, unknown>) => JSON.stringify(body).replaceAll('"__SESSION__"', JSON.stringify(sessionId)).replaceAll('"__TURN__"', JSON.stringify(turnId));

describe('fuzzed JSON bodies', () => {
  it('POST /api/chat', async () => {
    answered = 0;
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => expectHandled(await send('POST', '/api/chat', JSON.stringify(body)), validChat, JSON.stringify(body).slice(0, 120))),
      { numRuns: RUNS },
    );
    expect(answered).toBeGreaterThan(RUNS / 3); // the fuzzer reaches the answerer, not only validation
  }, 120_000);

  it('POST /api/chat/stream', async () => {
    answered = 0;
    await fc.assert(
      fc.asyncProperty(chatBody, async (body) => expectHandled(await send('POST', '/api/chat/stream', JSON.stringify(body)), validStream, JSON.stringify(body).slice(0, 120))),
      { numRuns: RUNS },
    );
    expect(answered).toBeGreaterThan(RUNS / 3);
  }, 120_000);

  it('POST /v1/chat/completions', async () => {
    await fc.assert(
      fc.asyncProperty(completionBody, async (body) =>
        expectHandled(
          await send('POST', '/v1/chat/completions', JSON.stringify(body)),
          (_s, text) => {
            if (text.startsWith('data: ')) expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
            else expect(typeof (JSON.parse(text) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('string');
          },
          JSON.stringify(body).slice(0, 120),
        ),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('POST /api/match', async () => {
    await fc.assert(
      fc.asyncProperty(matchBody, async (body) => expectHandled(await send('POST', '/api/match', JSON.stringify(body)), validJson, JSON.stringify(body).slice(0, 120))),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('POST /api/feedback', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(feedbackBody, async (body) =>
        expectHandled(
          await send('POST', '/api/feedback', withIds(body)),
          (status, text) => {
            expect(status).toBe(201);
            expect(typeof (JSON.parse(text) as { id: number }).id).toBe('number');
            created += 1;
          },
          withIds(body).slice(0, 120),
        ),
      ),
      { numRuns: RUNS },
    );
    // Valid feedback made it through too (all on the one real turn: one row, the latest rating),
    // and everything stored can be listed and exported.
    expect(created).toBeGreaterThan(0);
    const list = await send('GET', '/api/staff/feedback?limit=500');
    expect(list.status).toBe(200);
    expect(((await list.json()) as { total: number }).total).toBe(1);
    expect((await send('GET', '/api/staff/feedback/export')).status).toBe(200);
  }, 120_000);

  it('any JSON value at all, on every POST endpoint', async () => {
    const paths = ['/api/chat', '/api/chat/stream', '/v1/chat/completions', '/api/match', '/api/feedback', '/api/staff/reload'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 6 }), async (path, value) =>
        expectHandled(await send('POST', path, JSON.stringify(value)), () => {}, `${path} ${JSON.stringify(value).slice(0, 100)}`),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe('fuzzed query strings, paths and raw bytes', () => {
  const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\ufffd'));

  it('GET /api/search and the staff list', async () => {
    const param = fc.oneof(hostileString(600), fc.integer().map(String), fc.constantFrom('', 'hybrid', 'bm25', 'vector', 'up', 'down', '-1', '1e309', 'NaN'));
    await fc.assert(
      fc.asyncProperty(param, param, param, fc.boolean(), async (a, b, c, staff) => {
        const path = staff
          ? `/api/staff/feedback?rating=${enc(a)}&limit=${enc(b)}&offset=${enc(c)}&since=${enc(a)}`
          : `/api/search?q=${enc(a)}&k=${enc(b)}&mode=${enc(c)}&q=${staff ? 'x' : ''}`;
        await expectHandled(await send('GET', path), validJson, path.slice(0, 120));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('GET /api/units/:ref with hostile (and invalidly encoded) refs', async () => {
    const ref = fc.oneof(hostileString(40).map(enc), fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%25', '..%2F..%2Fetc%2Fpasswd', '11', 's2', 'preamble', '%00', '%C0%AE'));
    await fc.assert(
      fc.asyncProperty(ref, async (ref) => expectHandled(await send('GET', `/api/units/${ref}`), validJson, ref)),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('raw bytes as JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/chat', '/api/chat/stream', '/v1/chat/completions', '/api/feedback', '/api/match'), fc.uint8Array({ maxLength: 2000 }), async (path, bytes) =>
        expectHandled(await send('POST', path, bytes), () => {}, `${path} ${bytes.length} bytes`),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});

describe('hand-made hostile bodies', () => {
  const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const cases: Array<[string, string, string, Record<string, string>?]> = [
    ['10k nested arrays as the body', '/api/chat', deepArray(10_000)],
    ['10k nested objects as the body', '/api/chat', deepObject(10_000)],
    ['10k nested arrays as message', '/api/chat', `{"message":${deepArray(10_000)}}`],
    ['10k nested objects in history', '/api/chat', `{"message":"研发","history":[${deepObject(10_000)}]}`],
    ['10k nested arrays as messages content', '/v1/chat/completions', `{"messages":[{"role":"user","content":${deepArray(10_000)}}]}`],
    ['10k nested objects as extra completion field', '/v1/chat/completions', `{"messages":[{"role":"user","content":"研发"}],"x":${deepObject(10_000)}}`],
    ['10k nested objects as profile', '/api/match', `{"profile":${deepObject(10_000)}}`],
    ['10k nested arrays as citations', '/api/feedback', `{"sessionId":"abcdefgh","turnId":"abcdefgh","rating":"up","question":"q","answer":"a","citations":${deepArray(10_000)}}`],
    ['__proto__ at the top', '/api/chat', '{"__proto__":{"polluted":true},"message":"研发费用补助"}'],
    ['constructor.prototype', '/api/chat', '{"constructor":{"prototype":{"polluted":true}},"message":"研发费用补助"}'],
    ['__proto__ in a history turn', '/api/chat', '{"message":"研发费用补助","history":[{"role":"user","content":"x","__proto__":{"polluted":true}}]}'],
    ['__proto__ in a completion message', '/v1/chat/completions', '{"messages":[{"role":"user","content":"研发","__proto__":{"polluted":true}}],"__proto__":{"polluted":true}}'],
    ['__proto__ in a profile', '/api/match', '{"profile":{"__proto__":{"polluted":true},"aboveScale":true}}'],
    ['__proto__ in a citation', '/api/feedback', `{"sessionId":"abcdefgh","turnId":"abcdefgh","rating":"up","question":"q","answer":"a","citations":[{"ref":"11","label":"l","quote":"q","docTitle":"d","__proto__":{"polluted":true}}]}`],
    ['a lone surrogate escaped in JSON', '/api/chat', '{"message":"\\ud800研发\\udfff补助"}'],
    ['NUL and controls escaped in JSON', '/api/chat', '{"message":"\\u0000\\u0007研发\\u001b[31m补助"}'],
    ['duplicate keys', '/api/chat', '{"message":"研发","message":42}'],
    ['a number too big for a double', '/api/match', '{"profile":{"employees":1e400}}'],
    ['invalid UTF-8', '/api/chat', Buffer.from([0x7b, 0x22, 0x6d, 0x65, 0x73, 0x73, 0x61, 0x67, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]).toString('latin1')],
    ['UTF-16 declared', '/api/chat', '{"message":"研发"}', { 'Content-Type': 'application/json; charset=utf-16' }],
    ['gzip declared, not gzip', '/api/chat', '{"message":"研发"}', { 'Content-Encoding': 'gzip' }],
    ['text/plain', '/api/chat', '{"message":"研发"}', { 'Content-Type': 'text/plain' }],
    ['empty body', '/api/chat', ''],
    ['just whitespace', '/api/chat', '   \n  '],
    ['a body over MAX_BODY_BYTES', '/api/chat', JSON.stringify({ message: 'x'.repeat(70_000) })],
  ];

  it.each(cases)('%s', async (_name, path, body, headers) => {
    const payload = _name === 'invalid UTF-8' ? Buffer.from(body, 'latin1') : body;
    await expectHandled(await send('POST', path, payload, headers), () => {}, _name);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // …and the server still answers normally afterwards.
    expect((await send('GET', '/api/health')).status).toBe(200);
  });
});
