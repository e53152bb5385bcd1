// DocumentStore over the corpus folder (I/O edge): the original under raw/ (byte-identical), the
// extracted text under text/ (text originals serve as their own text), metadata under
// meta/<id>.meta.json and segmentations under units/<id>.units.json. Each file is written to a
// temporary name and renamed, so a reader never sees half a file.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../domain/errors.js';
import type { NewDocument, StoredDocument, StoredUnits } from '../../domain/ports.js';
import type { DocumentMeta } from '../../domain/types.js';
import { checkDocumentId, DOCUMENT_ID, keptExtras, originalExtension, servedMeta, textFileFor, type ExportableDocumentStore } from '../document-registry.js';

const META = 'meta';
const RAW = 'raw';
const TEXT = 'text';
const UNITS = 'units';

async function atomicWrite(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

export function createFileDocumentStore(corpusDir: string): ExportableDocumentStore {
  const metaFile = (id: string) => join(corpusDir, META, `${id}.meta.json`);
  const unitsFile = (id: string) => join(corpusDir, UNITS, `${id}.units.json`);

  async function readMeta(id: string): Promise<{ meta: DocumentMeta; raw: Record<string, unknown> } | undefined> {
    const file = metaFile(id);
    if (!existsSync(file)) return undefined;
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    return { meta: servedMeta(raw, `元数据文件 ${id}.meta.json`), raw };
  }

  /** The text file of a document, relative to the corpus folder. */
  const textPath = (meta: DocumentMeta) => (meta.file.includes('/') ? join(corpusDir, meta.file) : join(corpusDir, RAW, meta.file));

  async function writeMeta(meta: DocumentMeta, extra: Record<string, unknown> = {}): Promise<void> {
    await atomicWrite(metaFile(meta.id), `${JSON.stringify({ ...meta, ...extra }, null, 2)}\n`);
  }

  async function readUnits(id: string): Promise<StoredUnits | null> {
    const uf = unitsFile(id);
    return existsSync(uf) ? (JSON.parse(await readFile(uf, 'utf8')) as StoredUnits) : null;
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
      if (!DOCUMENT_ID.test(docId)) return undefined;
      const m = await readMeta(docId);
      if (!m) return undefined;
      const text = await readFile(textPath(m.meta), 'utf8');
      return { meta: m.meta, text, units: await readUnits(docId) } satisfies StoredDocument;
    },

    async put(doc: NewDocument) {
      const { meta } = doc;
      checkDocumentId(meta.id);
      for (const d of [META, RAW, TEXT, UNITS]) await mkdir(join(corpusDir, d), { recursive: true });
      const rawName = `${meta.id}.${originalExtension(doc.original.extension)}`;
      // A replaced document may have come in another format: drop its old original.
      for (const f of await readdir(join(corpusDir, RAW))) {
        if (f.startsWith(`${meta.id}.`) && f !== rawName && !f.endsWith('.meta.json')) await rm(join(corpusDir, RAW, f), { force: true });
      }
      await atomicWrite(join(corpusDir, RAW, rawName), doc.original.bytes);
      const file = textFileFor(meta.id, doc.original, doc.text);
      if (file !== rawName) await atomicWrite(join(corpusDir, TEXT, `${meta.id}.txt`), doc.text);
      await atomicWrite(unitsFile(meta.id), JSON.stringify(doc.units));
      await writeMeta({ ...meta, file }, doc.extra);
    },

    async putUnits(docId, units) {
      checkDocumentId(docId);
      await mkdir(join(corpusDir, UNITS), { recursive: true });
      await atomicWrite(unitsFile(docId), JSON.stringify(units));
    },

    async withdraw(docId, at) {
      const m = DOCUMENT_ID.test(docId) ? await readMeta(docId) : undefined;
      if (!m) return undefined;
      const meta = { ...m.meta, withdrawnAt: at.toISOString() };
      await writeMeta(meta, keptExtras(m.raw));
      return meta;
    },

    async updateMeta(docId, meta, extra) {
      checkDocumentId(docId);
      const m = await readMeta(docId);
      if (!m) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的文件。`);
      await writeMeta({ ...meta, id: docId, file: m.meta.file }, { ...keptExtras(m.raw), ...extra });
    },

    async export(docId) {
      if (!DOCUMENT_ID.test(docId)) return undefined;
      const m = await readMeta(docId);
      if (!m) return undefined;
      const text = await readFile(textPath(m.meta), 'utf8');
      // The original is raw/<id>.<ext>; a document from before originals were kept apart from
      // their text has only its text file, which then is its original.
      const raws = existsSync(join(corpusDir, RAW)) ? (await readdir(join(corpusDir, RAW))).filter((f) => f.startsWith(`${docId}.`) && !f.endsWith('.tmp')) : [];
      const preferred = m.meta.source?.file?.replace(/^.*\//u, '');
      const rawName = raws.find((f) => f === preferred) ?? raws.find((f) => f === `${docId}.${m.meta.source?.format ?? 'txt'}`) ?? raws[0];
      const bytes = rawName ? new Uint8Array(await readFile(join(corpusDir, RAW, rawName))) : new Uint8Array(Buffer.from(text, 'utf8'));
      const extension = rawName ? rawName.slice(docId.length + 1) : 'txt';
      return { metaJson: m.raw, original: { bytes, extension }, text, units: await readUnits(docId) };
    },
  };
}
