// 规则审核 behind staff-auth: the documents with their rule status (reviewed / draft / none), one
// document's units beside their drafted or reviewed rules (conditions and benefits with quotes),
// drafting a document's rules offline (the same command as `npm run cli -- draft-rules`), and
// saving the staff's decision for one unit (each condition and benefit accepted, edited or
// rejected) as a reviewed rule. A saved rule passes the rule schema and the quote check the
// loader runs (a quote not in the unit is a 400 with a Chinese message); then the server reloads
// (the same reload as 文件管理), so matching uses it at once and stops showing 待核实.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { createRouter } from '../router.js';
import { AppError } from '../../domain/errors.js';
import type { DocumentMeta, PolicyUnit } from '../../domain/types.js';
import { unitLabel } from '../../corpus/labels.js';
import { draftRules } from '../../rules/drafter.js';
import { buildRegistry, type FactFile } from '../../rules/fact-registry.js';
import { ruleFileProblems } from '../../rules/quote-check.js';
import { applyReview, ReviewDecisionSchema, ruleFileStatus, withReviewedRule } from '../../rules/rule-review.js';
import type { RuleFile } from '../../rules/rule-schema.js';
import type { RuleStore } from '../../rules/rule-store.js';
import type { ReloadSummary } from './staff-routes.js';

export interface RuleRoutesOptions {
  store: RuleStore;
  auth: RequestHandler;
  /** The corpus being served (documents and units). */
  corpus: () => { documents: readonly DocumentMeta[]; units: ReadonlyArray<PolicyUnit & { docId: string }> };
  /** The fact files under corpus/facts (read per request: drafting adds a document's own). */
  factFiles: () => Promise<FactFile[]>;
  /** Drafts a document's rules into the store (with its facts), as the CLI does; returns its report lines. */
  draft: (docId: string) => Promise<string[]>;
  places?: (text: string, context?: string) => Array<{ code: string; name: string }>;
  contains?: (ancestor: string, code: string) => boolean;
  reload: () => Promise<ReloadSummary>;
}

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/u;
const REF = /^[A-Za-z0-9._-]{1,40}$/u;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new AppError('BAD_REQUEST', `审核结果格式有误：${issue.message}（${issue.path.join('.') || '请求体'}）。请修改后重试。`, { details: r.error.issues });
}

export function ruleRoutes({ store, auth, corpus, factFiles, draft, places, contains, reload }: RuleRoutesOptions): Router {
  const docOf = (docId: string): DocumentMeta => {
    if (!ID.test(docId)) throw new AppError('BAD_REQUEST', '文件编号格式不正确。');
    const doc = corpus().documents.find((d) => d.id === docId && !d.withdrawnAt);
    if (!doc) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的在用文件，请在“文件管理”中查看。`);
    return doc;
  };
  const unitsOf = (docId: string) => corpus().units.filter((u) => u.docId === docId);
  /** The stored file, or what the loader drafts on the spot for a document without one. */
  async function rulesOf(doc: DocumentMeta): Promise<{ file: RuleFile; stored: boolean }> {
    const file = await store.get(doc.id);
    if (file) return { file, stored: true };
    const registry = buildRegistry((await factFiles()).filter((f) => f.scope !== doc.id));
    return { file: draftRules({ doc, units: unitsOf(doc.id), registry, places, contains }).file, stored: false };
  }

  const router = createRouter();
  router.use('/api/staff/rules', auth);

  router.get('/api/staff/rules', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const only = typeof req.query.docId === 'string' && req.query.docId ? req.query.docId : undefined;
      const docs = corpus().documents.filter((d) => !d.withdrawnAt && (!only || d.id === only));
      const documents = await Promise.all(
        docs.map(async (d) => {
          const file = await store.get(d.id).catch(() => undefined);
          const s = ruleFileStatus(file);
          return { id: d.id, title: d.title, docNumber: d.docNumber ?? null, region: d.region, origin: file?.origin ?? null, ...s };
        }),
      );
      res.setHeader('Cache-Control', 'no-store');
      res.json({ documents });
    } catch (err) {
      next(err);
    }
  });

  router.get('/api/staff/rules/:docId', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const doc = docOf(String(req.params.docId));
      const { file, stored } = await rulesOf(doc);
      const byRef = new Map(file.rules.map((r) => [r.ref, r]));
      const units = unitsOf(doc.id)
        .filter((u) => byRef.has(u.ref))
        .map((u) => ({ ref: u.ref, key: `${doc.id}:${u.ref}`, label: unitLabel(u), title: u.title, text: u.text, rule: byRef.get(u.ref)! }));
      res.setHeader('Cache-Control', 'no-store');
      res.json({ docId: doc.id, title: doc.title, docNumber: doc.docNumber ?? null, origin: stored ? file.origin : null, ...ruleFileStatus(stored ? file : undefined), units });
    } catch (err) {
      next(err);
    }
  });

  router.post('/api/staff/rules/:docId/draft', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const doc = docOf(String(req.params.docId));
      const lines = await draft(doc.id);
      const index = await reload();
      res.json({ docId: doc.id, report: lines, ...ruleFileStatus(await store.get(doc.id)), index });
    } catch (err) {
      next(err);
    }
  });

  router.put('/api/staff/rules/:docId/:ref', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const doc = docOf(String(req.params.docId));
      const ref = String(req.params.ref);
      if (!REF.test(ref)) throw new AppError('BAD_REQUEST', '条款编号格式不正确。');
      const decision = parse(ReviewDecisionSchema, req.body);
      // A document without a rule file gets its draft (and the facts it needs) written first, so
      // the reviewed rule sits in a file beside the other drafts.
      if (!(await store.get(doc.id))) await draft(doc.id);
      const file = await store.get(doc.id);
      const current = file?.rules.find((r) => r.ref === ref);
      if (!file || !current) throw new AppError('NOT_FOUND', `${doc.id} 没有条款 ${ref} 的规则草稿，请先起草。`);
      const rule = applyReview(current, decision);
      const registry = buildRegistry(await factFiles());
      const problems = ruleFileProblems({ ...file, documentConditions: undefined, notices: [], rules: [rule] }, unitsOf(doc.id), registry);
      if (problems.length) throw new AppError('BAD_REQUEST', `未保存：${problems.slice(0, 3).join('；')}。`, { details: problems });
      const saved = withReviewedRule(file, rule);
      await store.put(saved);
      const index = await reload();
      res.json({ docId: doc.id, ref, key: `${doc.id}:${ref}`, rule, ...ruleFileStatus(saved), index });
    } catch (err) {
      next(err);
    }
  });

  return router;
}
