// The document registry's contracts (documents, rules, upload drafts) on the corpus-folder and memory adapters (PostgreSQL runs the
// same suites in postgres.int.test.ts), and the corpus folder's export of what the seed copies.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileDocumentStore } from '../../src/storage/files/file-document-store.js';
import { createMemoryDocumentStore } from '../../src/storage/memory/memory-document-store.js';
import { createFileRuleStore, createMemoryRuleStore } from '../../src/rules/rule-store.js';
import { runDocumentStoreContract } from './document-store.contract.js';
import { runRuleStoreContract } from './rule-store.contract.js';
import { runUploadDraftsContract } from './upload-drafts.contract.js';
import { createFileUploadDrafts } from '../../src/storage/upload-drafts.js';

const dirs: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

runDocumentStoreContract('corpus files', () => createFileDocumentStore(temp('zct-docs-')));
runDocumentStoreContract('memory', () => createMemoryDocumentStore());
runRuleStoreContract('corpus files', () => {
  const corpus = temp('zct-rules-');
  return createFileRuleStore(join(corpus, 'rules'));
});
runRuleStoreContract('memory', () => createMemoryRuleStore());
runUploadDraftsContract('DATA_DIR/uploads', () => createFileUploadDrafts(join(temp('zct-uploads-'), 'uploads')));

describe('the repository corpus as a registry to copy', () => {
  it('exports every document with its original byte for byte, and the rule store leaves core facts out', async () => {
    const store = createFileDocumentStore('corpus');
    const pdf = await store.export('beijing-chanye-daoyin-2024');
    expect(pdf!.original.extension).toBe('pdf');
    expect(Buffer.from(pdf!.original.bytes).equals(readFileSync('corpus/raw/beijing-chanye-daoyin-2024.pdf'))).toBe(true);
    const txt = await store.export('wzzb-2024-11');
    expect(Buffer.from(txt!.original.bytes).toString('utf8')).toBe(txt!.text);
    expect(txt!.metaJson).toEqual(JSON.parse(readFileSync('corpus/meta/wzzb-2024-11.meta.json', 'utf8')));
    const rules = createFileRuleStore('corpus/rules');
    expect((await rules.listFacts()).map((f) => f.scope)).toEqual(['wzzb-2024-11']);
  });
});
