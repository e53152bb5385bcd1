// Answers scoped by region over the real multi-document corpus (DEFAULT_REGION 温州市): local and
// national documents answer, another held region is answered saying so, a region the corpus
// lacks is declined, and citations never come from a jurisdiction that does not contain the region.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/bootstrap/app-services.js';
import { createTestServices } from '../helpers/test-services.js';

let services: AppServices;
let cleanup: () => void;
beforeAll(async () => {
  ({ services, cleanup } = await createTestServices({ DEFAULT_REGION: '温州市' }, { answerer: 'offline' }));
});
afterAll(() => cleanup());

const docOf = (ref: string) => ref.split(':')[0]!;
const regionOf = (docId: string) => services.search.corpus.documents.find((d) => d.id === docId)!;

describe('answers scoped by region', () => {
  it('a question from the default region cites only documents whose jurisdiction contains it', async () => {
    for (const message of ['企业招用高校毕业生有什么补贴', '小微企业贷款担保费能降吗', '研发投入多的企业有奖励吗']) {
      const r = await services.chat.answer({ message });
      for (const c of r.citations) {
        const d = regionOf(docOf(c.ref));
        expect(['000000', '330000', '330300'], `${message} → ${c.ref}`).toContain(d.regionCode);
      }
    }
  });

  it('a held region named in the question is answered from its documents, saying so', async () => {
    const r = await services.chat.answer({ message: '北京市引进人才需要什么条件' });
    expect(r.abstained).toBe(false);
    expect(r.citations.length).toBeGreaterThan(0);
    for (const c of r.citations) expect(['000000', '110000']).toContain(regionOf(docOf(c.ref)).regionCode);
    expect(r.answer).toMatch(/^以下依据北京市的政策文件回答/);
  });

  it('the line before an answer names the place of the documents it cites, not a district inside it', async () => {
    const r = await services.chat.answer({ message: '北京朝阳区的小微文化企业，房租通能补多少' });
    expect(r.answer).toMatch(/^以下依据北京市的政策文件回答/);
  });

  it('a region the corpus has no local documents for is declined, naming the places it holds', async () => {
    const r = await services.chat.answer({ message: '我们公司在成都，能享受哪些扶持' });
    expect(r.abstained).toBe(true);
    expect(r.citations).toEqual([]);
    expect(r.answer).toMatch(/本平台暂未收录成都市的政策/);
    expect(r.answer).toMatch(/温州市/);
  });

  it('asked whether it also applies to a county inside the city, the answer says the city\'s document covers it', async () => {
    const r = await services.chat.answer({ message: '永嘉的服务业企业头回小升规，也能拿奖励吗' });
    expect(r.answer).toMatch(/^永嘉县在温州市范围内，温政办〔2024〕11号对其适用。/u);
    // Not for a question that only names the place.
    const plain = await services.chat.answer({ message: '永嘉的服务业企业头回小升规，奖多少' });
    expect(plain.answer).not.toContain('范围内');
  });

  it('the request can carry its own region (widget data-region)', async () => {
    const r = await services.chat.answer({ message: '港澳青年来创业有什么支持', region: '广州市天河区' });
    expect(r.citations.some((c) => docOf(c.ref) === 'gz-tianhe-hkmo-youth-2023')).toBe(true);
  });
});
