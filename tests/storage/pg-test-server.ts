// PostgreSQL for tests: TEST_DATABASE_URL when set (CI starts one server for the whole run), or a
// throwaway cluster started by this process. Tests that need it are skipped, with the reason in
// their name, when neither is possible, except in CI (CI=true), where they fail instead.
import { afterAll, describe, it } from 'vitest';
import pg from 'pg';
import { startThrowawayCluster } from '../../src/storage/postgres/throwaway-cluster.js';

export type PgAvailability = { ok: true; url: string; stop(): void } | { ok: false; reason: string };

async function reachable(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return `无法连接 TEST_DATABASE_URL：${(err as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
}

let shared: Promise<PgAvailability> | undefined;

/** One server per test process, stopped after the calling file's tests (call at the top level). */
export function postgresForTests(): Promise<PgAvailability> {
  afterAll(async () => {
    const a = await shared;
    if (a?.ok) a.stop();
  });
  shared ??= (async (): Promise<PgAvailability> => {
    const given = process.env.TEST_DATABASE_URL;
    if (given) {
      const problem = await reachable(given);
      return problem ? { ok: false, reason: problem } : { ok: true, url: given, stop: () => {} };
    }
    try {
      const cluster = await startThrowawayCluster({ durable: false });
      return { ok: true, url: cluster.url, stop: cluster.stop };
    } catch (err) {
      return { ok: false, reason: (err as Error).message };
    }
  })();
  return shared;
}

let dbSeq = 0;

/** A new, empty database on the server (dropped when the process's server stops or on `drop`). */
export async function createTestDatabase(serverUrl: string, prefix = 'zct_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${++dbSeq}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * describe() when PostgreSQL is available; otherwise a skipped describe naming the reason, or,
 * in CI, one failing test with the reason.
 */
export function describeWithPostgres(name: string, availability: PgAvailability, body: (url: string) => void): void {
  if (availability.ok) {
    describe(name, () => body(availability.url));
    return;
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    describe(name, () => {
      it('PostgreSQL is available (required in CI)', () => {
        throw new Error(`CI 中必须有 PostgreSQL：${availability.reason}`);
      });
    });
    return;
  }
  describe.skip(`${name} — skipped: ${availability.reason}`, () => {
    it('needs PostgreSQL', () => {});
  });
}
