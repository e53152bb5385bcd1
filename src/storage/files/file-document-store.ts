// DocumentStore over the corpus folder (I/O edge): the original under raw/ (byte-identical), the
// extracted text under text/ (text originals serve as their own text), metadata under
// meta/<id>.meta.json and segmentations under units/<id>.units.json. Each file is written to a
// temporary name and renamed, so a reader never sees half a file.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../domain/errors.js';
import type { DocumentStore, NewDocument, StoredDocument, StoredUnits } from '../../domain/ports.js';
import type { DocumentMeta } from '../../domain/types.js';
import { DocumentMetaSchema } from '../../corpus/document-meta.js';

const META = 'meta';
const RAW = 'raw';
const TEXT = 'text';
const UNITS = 'units';

async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

const ID = /^[a-z0-9][a-z0-9-]*$/;

export function createFileDocumentStore(corpusDir: string): DocumentStore {
  const metaFile = (id: string) => join(corpusDir, META, `${id}.meta.json`);
  const unitsFile = (id: string) => join(corpusDir, UNITS, `${id}.units.json`);
  const checkId = (id: string) => {
    if (!ID.test(id)) throw new AppError('BAD_REQUEST', `文档编号“${id.slice(0, 60)}”无效：只能包含小写字母、数字和连字符。`);
  };

  async function readMeta(id: string): Promise<{ meta: DocumentMeta; raw: Record<string, unknown> } | undefined> {
    const file = metaFile(id);
    if (!existsSync(file)) return undefined;
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const parsed = DocumentMetaSchema.safeParse(raw);
    if (!parsed.success) {
      throw new AppError('CORPUS_INVALID', `元数据文件 ${id}.meta.json 无效：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
    }
    const { extracted: _e, corrections: _c, ...meta } = parsed.data;
    return { meta: meta as DocumentMeta, raw };
  }

  /** The text file of a document, relative to the corpus folder. */
  const textPath = (meta: DocumentMeta) => (meta.file.includes('/') ? join(corpusDir, meta.file) : join(corpusDir, RAW, meta.file));

  async function writeMeta(meta: DocumentMeta, extra: Record<string, unknown> = {}): Promise<void> {
    await atomicWrite(metaFile(meta.id), `${JSON.stringify({ ...meta, ...extra }, null, 2)}\n`);
  }

  return {
    async list() {
      const dir = join(corpusDir, META);
      if (!existsSync(dir)) return [];
      const ids = (await readdir(dir)).filter((f) => f.endsWith('.meta.json')).map((f) => f.slice(0, -'.meta.json'.length)).sort();
      const out: DocumentMeta[] = [];
      for (const id of ids) {
        const m = await readMeta(id);
        if (m) out.push(m.meta);
      }
      return out;
    },

    async get(docId) {
      if (!ID.test(docId)) return undefined;
      const m = await readMeta(docId);
      if (!m) return undefined;
      const text = await readFile(textPath(m.meta), 'utf8');
      const uf = unitsFile(docId);
      const units = existsSync(uf) ? (JSON.parse(await readFile(uf, 'utf8')) as StoredUnits) : null;
      return { meta: m.meta, text, units } satisfies StoredDocument;
    },

    async put(doc: NewDocument) {
      const { meta } = doc;
      checkId(meta.id);
      for (const d of [META, RAW, TEXT, UNITS]) await mkdir(join(corpusDir, d), { recursive: true });
      const ext = doc.original.extension.replace(/^\./, '').toLowerCase() || 'bin';
      const rawName = `${meta.id}.${ext}`;
      // A replaced document may have come in another format: drop its old original.
      for (const f of await readdir(join(corpusDir, RAW))) {
        if (f.startsWith(`${meta.id}.`) && f !== rawName && !f.endsWith('.meta.json')) await rm(join(corpusDir, RAW, f), { force: true });
      }
      await atomicWrite(join(corpusDir, RAW, rawName), doc.original.bytes);
      // A text original serves as its own text only when it is exactly that text (UTF-8, no BOM).
      const isText = ext === 'txt' && Buffer.from(doc.original.bytes).toString('utf8') === doc.text;
      const file = isText ? rawName : `${TEXT}/${meta.id}.txt`;
      if (!isText) await atomicWrite(join(corpusDir, TEXT, `${meta.id}.txt`), doc.text);
      await atomicWrite(unitsFile(meta.id), JSON.stringify(doc.units));
      await writeMeta({ ...meta, file }, doc.extra);
    },

    async putUnits(docId, units) {
      checkId(docId);
      await mkdir(join(corpusDir, UNITS), { recursive: true });
      await atomicWrite(unitsFile(docId), JSON.stringify(units));
    },

    async withdraw(docId, at) {
      const m = ID.test(docId) ? await readMeta(docId) : undefined;
      if (!m) return undefined;
      const meta = { ...m.meta, withdrawnAt: at.toISOString() };
      const { extracted, corrections } = m.raw as { extracted?: unknown; corrections?: unknown };
      await writeMeta(meta, { ...(extracted ? { extracted } : {}), ...(corrections ? { corrections } : {}) });
      return meta;
    },

    async updateMeta(docId, meta, extra) {
      checkId(docId);
      const m = await readMeta(docId);
      if (!m) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的文件。`);
      const { extracted, corrections } = m.raw as { extracted?: unknown; corrections?: unknown };
      await writeMeta({ ...meta, id: docId, file: m.meta.file }, { ...(extracted ? { extracted } : {}), ...(corrections ? { corrections } : {}), ...extra });
    },
  };
}
