// A replica following another's index loads it only when it matches the registry and never
// builds one: with a document in the registry that no published index holds yet, the follower's
// load fails (its caller keeps serving what it has) and writes nothing to its DATA_DIR; the
// replica that wrote the document builds and publishes, after which the follower loads.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { loadSearchServices } from '../../src/bootstrap/search-services.js';
import { unitsFor } from '../../src/corpus/load-corpus.js';
import { AppError } from '../../src/domain/errors.js';
import { createMemoryDocumentStore } from '../../src/storage/memory/memory-document-store.js';
import { localIndexVersion } from '../../src/storage/index-registry.js';
import { meta } from './document-store.contract.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const doc = (id: string, text: string) => ({ meta: meta(id), original: { bytes: new Uint8Array(Buffer.from(text)), extension: 'txt' }, text, units: unitsFor(text, null).units });

describe('a follower replica and the registry', () => {
  it('loads the local index only when it matches the registry, and never builds one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zct-follower-'));
    dirs.push(dataDir);
    const config = loadConfig({ DATA_DIR: dataDir, CORPUS_DIR: 'corpus' });
    const documents = createMemoryDocumentStore();
    await documents.put(doc('qt-a', '第一条　新建连栋大棚每亩补助2000元。（责任单位：县农业农村局）\n第二条　本办法自2024年3月1日起施行。'));
    // The writer builds.
    const built = await loadSearchServices(config, { documents });
    const version = localIndexVersion(dataDir);
    expect(version).toBeTruthy();
    expect(built.corpus.units.map((u) => u.key)).toContain('qt-a:1');
    // The follower loads the same without building.
    const followed = await loadSearchServices(config, { documents, indexBuild: 'never' });
    expect(followed.rebuilt).toBe(false);
    expect(followed.index.manifest.corpusHash).toBe(built.index.manifest.corpusHash);
    // A document in the registry that no index holds yet: the follower refuses, writes nothing.
    await documents.put(doc('qt-b', '第一条　购置深远海养殖网箱按投资额的20%补助。（责任单位：县农业农村局）'));
    const folders = readdirSync(join(dataDir, 'indexes'));
    const err = await loadSearchServices(config, { documents, indexBuild: 'never' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('UNAVAILABLE');
    expect((err as AppError).userMessage).toMatch(/本副本的索引与文件库不一致.*不自行构建/);
    expect(readdirSync(join(dataDir, 'indexes'))).toEqual(folders);
    expect(localIndexVersion(dataDir)).toBe(version);
    // Once the writer has updated the index, the follower loads it.
    await loadSearchServices(config, { documents });
    expect(localIndexVersion(dataDir)).not.toBe(version);
    const caughtUp = await loadSearchServices(config, { documents, indexBuild: 'never' });
    expect(caughtUp.corpus.units.map((u) => u.key)).toContain('qt-b:1');
  }, 120_000);
});
