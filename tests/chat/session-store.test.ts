import { describe, expect, it } from 'vitest';
import { createMemorySessionStore } from '../../src/chat/session-store.js';

describe('memory session store', () => {
  it('expires sessions after the TTL (injectable clock)', async () => {
    let now = 0;
    const s = createMemorySessionStore({ ttlMs: 1000, maxSessions: 10, maxTurns: 10, now: () => now });
    await s.create('a');
    now = 999;
    expect(await s.get('a')).toBeDefined();
    now = 999 + 1001;
    expect(await s.get('a')).toBeUndefined();
  });

  it('bounds the number of sessions, evicting the least recently used', async () => {
    let now = 0;
    const s = createMemorySessionStore({ ttlMs: 1e9, maxSessions: 2, maxTurns: 10, now: () => ++now });
    await s.create('a');
    await s.create('b');
    await s.get('a');
    await s.create('c');
    expect(await s.get('b')).toBeUndefined();
    expect(await s.get('a')).toBeDefined();
    expect(s.size()).toBe(2);
  });

  it('sweeps expired sessions but keeps one a recent turn refreshed', async () => {
    let now = 0;
    const s = createMemorySessionStore({ ttlMs: 1000, maxSessions: 10, maxTurns: 10, now: () => now });
    await s.create('a');
    await s.create('b');
    now = 800;
    await s.append('a', { role: 'user', content: '还在问' });
    now = 1500;
    expect(s.size()).toBe(1);
    expect(await s.get('b')).toBeUndefined();
    expect(await s.get('a')).toBeDefined();
  });

  it('keeps only the latest turns', async () => {
    const s = createMemorySessionStore({ ttlMs: 1e9, maxSessions: 2, maxTurns: 3, now: () => 0 });
    await s.create('a');
    for (let i = 0; i < 5; i++) (await s.append('a', { role: 'user', content: String(i) }));
    expect((await s.get('a'))!.turns.map((t) => t.content)).toEqual(['2', '3', '4']);
  });

  it('stores the accumulated profile', async () => {
    const s = createMemorySessionStore({ ttlMs: 1e9, maxSessions: 2, maxTurns: 3 });
    await s.create('a');
    await s.setProfile('a', { aboveScale: true });
    expect((await s.get('a'))!.profile).toEqual({ aboveScale: true });
  });
});
