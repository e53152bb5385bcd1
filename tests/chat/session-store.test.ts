import { describe, expect, it } from 'vitest';
import { createMemorySessionStore } from '../../src/chat/session-store.js';

describe('memory session store', () => {
  it('expires sessions after the TTL (injectable clock)', () => {
    let now = 0;
    const s = createMemorySessionStore({ ttlMs: 1000, maxSessions: 10, maxTurns: 10, now: () => now });
    s.create('a');
    now = 999;
    expect(s.get('a')).toBeDefined();
    now = 999 + 1001;
    expect(s.get('a')).toBeUndefined();
  });

  it('bounds the number of sessions, evicting the least recently used', () => {
    let now = 0;
    const s = createMemorySessionStore({ ttlMs: 1e9, maxSessions: 2, maxTurns: 10, now: () => ++now });
    s.create('a');
    s.create('b');
    s.get('a');
    s.create('c');
    expect(s.get('b')).toBeUndefined();
    expect(s.get('a')).toBeDefined();
    expect(s.size()).toBe(2);
  });

  it('keeps only the latest turns', () => {
    const s = createMemorySessionStore({ ttlMs: 1e9, maxSessions: 2, maxTurns: 3, now: () => 0 });
    s.create('a');
    for (let i = 0; i < 5; i++) s.append('a', { role: 'user', content: String(i) });
    expect(s.get('a')!.turns.map((t) => t.content)).toEqual(['2', '3', '4']);
  });

  it('stores the accumulated profile', () => {
    const s = createMemorySessionStore({ ttlMs: 1e9, maxSessions: 2, maxTurns: 3 });
    s.create('a');
    s.setProfile('a', { aboveScale: true });
    expect(s.get('a')!.profile).toEqual({ aboveScale: true });
  });
});
