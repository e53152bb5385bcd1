// Read-only corpus endpoints: a unit's full text (what a citation opens), documents and their
// units (the console's browser), and search.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { createRouter } from '../router.js';
import type { Corpus, CorpusUnit } from '../../domain/types.js';
import { AppError } from '../../domain/errors.js';
import { findUnit, documentOf, unitsNamed } from '../../corpus/build-corpus.js';
import { validityNotices } from '../../chat/validity.js';
import type { Retriever } from '../../retrieval/hybrid-retriever.js';
import { parseOrThrow, parseUnitRef, searchQuerySchema } from '../schemas.js';

export function unitView(corpus: Corpus, unit: CorpusUnit, now: Date) {
  const doc = documentOf(corpus, unit);
  return {
    ref: unit.key,
    label: unit.label,
    kind: unit.kind,
    number: unit.number,
    section: unit.section,
    title: unit.title,
    text: unit.text,
    responsibleUnits: unit.units,
    document: { id: doc.id, title: doc.title, docNumber: doc.docNumber, issuer: doc.issuer, issueDate: doc.issueDate, region: doc.region },
    validity: validityNotices([unit], corpus.documents, now)[0] ?? null,
    source: unit.source,
  };
}

export function corpusRouter(opts: { corpus: Corpus; retriever: Retriever; now: () => Date }): Router {
  const { corpus, retriever, now } = opts;
  const router = createRouter();

  router.get('/api/units/:ref', (req: Request, res: Response, next: NextFunction) => {
    try {
      // express has already decoded the parameter; decoding again would throw on a literal '%'.
      const ref = parseUnitRef(String(req.params.ref));
      const unit = findUnit(corpus, ref);
      if (!unit) {
        // A bare ref several documents have: say which ones, so the caller can qualify it.
        const named = ref.includes(':') ? [] : unitsNamed(corpus, ref);
        if (named.length > 1) {
          const list = named.slice(0, 8).map((u) => `${u.key}（${corpus.documents.find((d) => d.id === u.docId)?.title ?? u.docId}）`);
          throw new AppError('BAD_REQUEST', `多份文件都有编号为 ${ref} 的条款，请写成“<文件编号>:${ref}”：${list.join('；')}。`);
        }
        throw new AppError('NOT_FOUND', `没有找到编号为 ${ref} 的条款，请检查文件编号和条款编号（例如 wzzb-2024-11:11）。`);
      }
      res.json(unitView(corpus, unit, now()));
    } catch (err) {
      next(err);
    }
  });

  router.get('/api/documents', (_req: Request, res: Response) => {
    res.json({
      documents: corpus.documents.map((d) => ({
        ...d,
        units: corpus.units
          .filter((u) => u.docId === d.id)
          .map((u) => ({ ref: u.key, label: u.label, kind: u.kind, number: u.number, section: u.section, title: u.title, responsibleUnits: u.units })),
      })),
    });
  });

  router.get('/api/search', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const q = parseOrThrow(searchQuerySchema, req.query);
      const r = await retriever.retrieve(q.q, { k: q.k, mode: q.mode });
      res.json({
        confidence: r.confidence,
        hits: r.hits.map((h) => ({ ref: h.unit.key, label: h.unit.label, title: h.unit.title, kind: h.unit.kind, score: h.score, sentences: h.sentences })),
      });
    } catch (err) {
      next(err);
    }
  });

  return router;
}
