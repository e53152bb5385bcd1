// `npm run cli -- match-regions [gold]`: runs the match service (offline extraction, rules of
// every document as they load, nationwide default so each description's own place decides)
// over gold profiles from several regions and prints recall, precision and measures from
// non-applicable jurisdictions.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../corpus/load-corpus.js';
import { contains, placesInText, resolveRegion } from '../ingest/divisions.js';
import { loadFactFiles, loadRules } from '../rules/load-rules.js';
import { createFileRuleStore } from '../rules/rule-store.js';
import { loadTextTools } from '../text/load-tokenizer.js';
import { documentApplies } from './engine.js';
import { createProfileExtraction } from './extract-profile.js';
import { createOfflineExtractor } from './llm-extract.js';
import { createMatchService } from './match-service.js';
import { formatRegionSummary, RegionProfileSchema, scoreRegionCase, summarize, type RegionEvalSummary } from './region-eval.js';

export async function evaluateRegions({ corpusDir, goldPath, asOf }: { corpusDir: string; goldPath: string; asOf?: string }): Promise<RegionEvalSummary> {
  const corpus = await loadCorpus(corpusDir);
  const rules = await loadRules({
    store: createFileRuleStore(path.join(corpusDir, 'rules')),
    factFiles: await loadFactFiles(path.join(corpusDir, 'facts')),
    documents: corpus.documents, units: corpus.units, places: placesInText, contains,
  });
  const extraction = createProfileExtraction({
    tokenizer: loadTextTools(corpusDir).tokenizer,
    registry: rules.registry,
    places: { placesInText, resolveRegion },
    heldRegions: corpus.documents.filter((d) => d.regionCode && d.regionCode !== '000000').map((d) => ({ code: d.regionCode!, name: d.region })),
    contains,
    today: asOf ?? new Date().toISOString().slice(0, 10),
  });
  const service = createMatchService({
    ruleSets: rules.ruleSets, registry: rules.registry, units: corpus.units, divisions: { resolveRegion, contains },
    extractor: createOfflineExtractor({ extract: extraction }),
  });
  const gold = (await readFile(goldPath, 'utf8')).split('\n').filter((l) => l.trim()).map((l) => RegionProfileSchema.parse(JSON.parse(l)));
  const docs = new Map(corpus.documents.map((d) => [d.id, d]));
  const cases = [];
  for (const g of gold) {
    const r = await service.match({ description: g.description, ...(asOf ? { asOf } : {}) });
    const code = resolveRegion(g.region)?.code ?? null;
    cases.push(scoreRegionCase(g, r.measures, (docId) => documentApplies(docs.get(docId)!, code, contains)));
  }
  return summarize(gold, cases);
}

export async function runRegionEval({ corpusDir, goldPath, out }: { corpusDir: string; goldPath: string; out: (s: string) => void }): Promise<void> {
  out(`${formatRegionSummary(await evaluateRegions({ corpusDir, goldPath }))}\n`);
}
