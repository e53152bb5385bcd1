// IndexRegistry on PostgreSQL: index_versions (one row per published version, newest = highest
// seq) and index_files (the version folder's files in 4 MB chunks, each with its sha256). A
// publish commits the files and the version row together and NOTIFYs 'zct_index' in the same
// transaction, so a replica that hears about a version can always read all of it.
import { sha256, type IndexFile, type IndexRegistry, type PublishedIndex } from '../index-registry.js';
import type { PgDatabase } from './pg-database.js';

export const INDEX_CHANNEL = 'zct_index';
const CHUNK = 4 * 1024 * 1024;

interface VersionRow {
  seq: number;
  id: string;
  corpus_hash: string;
  unit_count: number;
  built_at: string;
  published_by: string;
  published_at: Date;
}

const toPublished = (r: VersionRow): PublishedIndex => ({
  id: r.id,
  corpusHash: r.corpus_hash,
  unitCount: r.unit_count,
  builtAt: r.built_at,
  publishedBy: r.published_by,
  publishedAt: new Date(r.published_at),
});

export function createPgIndexRegistry(db: PgDatabase, { now = () => new Date() }: { now?: () => Date } = {}): IndexRegistry {
  return {
    async latest() {
      const r = await db.query<VersionRow>('SELECT * FROM index_versions ORDER BY seq DESC LIMIT 1');
      return r.rows[0] ? toPublished(r.rows[0]) : undefined;
    },

    async publish(meta, files) {
      return db.transaction(async (tx) => {
        const bytes = files.reduce((n, f) => n + f.bytes.length, 0);
        const inserted = await tx.query<{ seq: number }>(
          `INSERT INTO index_versions (id, corpus_hash, unit_count, built_at, bytes, published_by, published_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING seq`,
          [meta.id, meta.corpusHash, meta.unitCount, meta.builtAt, bytes, meta.publishedBy, now()],
        );
        const seq = inserted.rows[0]?.seq;
        if (seq === undefined) return false;
        for (const f of files) {
          const sum = sha256(f.bytes);
          for (let i = 0, chunk = 0; i < Math.max(1, f.bytes.length); i += CHUNK, chunk++) {
            await tx.query('INSERT INTO index_files (version_seq, name, chunk, sha256, data) VALUES ($1, $2, $3, $4, $5)', [seq, f.name, chunk, sum, f.bytes.subarray(i, i + CHUNK)]);
          }
        }
        // Older versions' files are no longer needed by anyone who starts now; keep the last 3.
        await tx.query('DELETE FROM index_files WHERE version_seq IN (SELECT seq FROM index_versions ORDER BY seq DESC OFFSET 3)');
        await tx.query('SELECT pg_notify($1, $2)', [INDEX_CHANNEL, meta.id]);
        return true;
      });
    },

    async files(id) {
      const r = await db.query<{ name: string; chunk: number; sha256: string; data: Buffer }>(
        'SELECT f.name, f.chunk, f.sha256, f.data FROM index_files f JOIN index_versions v ON v.seq = f.version_seq WHERE v.id = $1 ORDER BY f.name, f.chunk',
        [id],
      );
      const byName = new Map<string, { sum: string; parts: Buffer[] }>();
      for (const row of r.rows) {
        const entry = byName.get(row.name) ?? { sum: row.sha256, parts: [] };
        entry.parts.push(row.data);
        byName.set(row.name, entry);
      }
      const out: IndexFile[] = [];
      for (const [name, { sum, parts }] of byName) {
        const bytes = Buffer.concat(parts);
        if (sha256(bytes) !== sum) throw new Error(`索引版本 ${id} 的文件 ${name} 校验失败`);
        out.push({ name, bytes });
      }
      if (out.length === 0) throw new Error(`索引版本 ${id} 没有可用的文件（可能已被更新的版本替换）`);
      return out;
    },

    async subscribe(onPublished) {
      return db.listen([INDEX_CHANNEL], (_channel, payload) => onPublished(payload || undefined), () => onPublished(undefined));
    },
  };
}
