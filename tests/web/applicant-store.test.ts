// ApplicantStore contract, run against the memory and the SQLite adapter (migration 4): a visit
// saved under the company found by credit code (else by exact name), the previous visit returned
// for the comparison, search by name or code prefix, share links that expire.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicantStore, NewChecklist } from '../../src/storage/applicants/applicant-store.js';
import { createMemoryApplicantStore } from '../../src/storage/applicants/memory-applicant-store.js';
import { createSqliteApplicantStore } from '../../src/storage/applicants/sqlite-applicant-store.js';
import { openDatabase } from '../../src/storage/sqlite/open-sqlite.js';
import type { Database } from '../../src/storage/database.js';

const CODE = '91350100M000100Y43';
let clock = 1_700_000_000_000;
const now = () => new Date((clock += 1000));
let n = 0;
const newId = () => `id-${String(++n).padStart(8, '0')}`;
const opened: Database[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.close()));

const visit = (over: Partial<NewChecklist> = {}, statuses: Array<'eligible' | 'possible' | 'not_eligible'> = ['eligible']): NewChecklist => ({
  applicant: { name: '温州市鹿城智云软件有限公司', creditCode: CODE },
  asOf: '2026-12-01',
  region: '鹿城区',
  counter: '3号窗口',
  contact: '张三',
  snapshot: {
    measures: statuses.map((status, i) => ({ ref: `wzzb-2024-11:${i + 1}`, label: `第${i + 1}条`, title: `措施${i + 1}`, status, benefits: [], estimate: null, reason: '', missing: [], responsibleUnits: [], document: '' })),
    profile: { region: 'lucheng' },
    documents: [],
    notices: [],
  },
  ...over,
});

const adapters: Record<string, () => ApplicantStore> = {
  memory: () => createMemoryApplicantStore({ now, newId }),
  sqlite: () => {
    const db = openDatabase({ file: ':memory:' });
    opened.push(db);
    return createSqliteApplicantStore(db, { now, newId });
  },
};

for (const [name, make] of Object.entries(adapters)) {
  describe(`ApplicantStore (${name})`, () => {
    it('saves visits under one company and returns the previous visit', async () => {
      const s = make();
      const first = await s.saveChecklist(visit({}, ['possible']));
      expect(first.previous).toBeNull();
      expect(first.applicant).toMatchObject({ name: '温州市鹿城智云软件有限公司', creditCode: CODE, visits: 1 });
      const second = await s.saveChecklist(visit({ applicant: { name: '温州市鹿城智云软件有限公司（更名）', creditCode: CODE } }, ['eligible', 'eligible']));
      expect(second.applicant.id).toBe(first.applicant.id);
      expect(second.applicant.name).toBe('温州市鹿城智云软件有限公司（更名）');
      expect(second.applicant.visits).toBe(2);
      expect(second.previous?.id).toBe(first.checklist.id);
      expect(second.previous?.snapshot.measures.map((m) => m.status)).toEqual(['possible']);
      const detail = await s.getApplicant(first.applicant.id);
      expect(detail?.checklists.map((c) => c.id)).toEqual([second.checklist.id, first.checklist.id]);
      expect((await s.getChecklist(first.checklist.id))?.snapshot.profile).toEqual({ region: 'lucheng' });
    });

    it('keeps companies without a code apart by exact name', async () => {
      const s = make();
      const a = await s.saveChecklist(visit({ applicant: { name: '瑞安市甲公司', creditCode: null } }));
      const b = await s.saveChecklist(visit({ applicant: { name: '瑞安市甲公司', creditCode: null } }));
      const c = await s.saveChecklist(visit({ applicant: { name: '瑞安市乙公司', creditCode: null } }));
      expect(b.applicant.id).toBe(a.applicant.id);
      expect(c.applicant.id).not.toBe(a.applicant.id);
    });

    it('finds companies by part of the name or the start of the code, % and _ taken literally', async () => {
      const s = make();
      await s.saveChecklist(visit());
      await s.saveChecklist(visit({ applicant: { name: '瑞安市100%_汽配厂', creditCode: null } }));
      expect((await s.findApplicants({ text: '智云', limit: 10 })).map((a) => a.creditCode)).toEqual([CODE]);
      expect((await s.findApplicants({ text: '91350100m0', limit: 10 })).map((a) => a.creditCode)).toEqual([CODE]);
      expect((await s.findApplicants({ text: '100%_', limit: 10 })).map((a) => a.name)).toEqual(['瑞安市100%_汽配厂']);
      expect(await s.findApplicants({ text: '%', limit: 10 })).toHaveLength(1);
      expect(await s.findApplicants({ limit: 10 })).toHaveLength(2);
    });

    it('resolves share links until they expire, then purges them', async () => {
      const s = make();
      const saved = await s.saveChecklist(visit());
      const t0 = new Date(2_000_000_000_000);
      await s.createShare({ token: 'tok-aaaaaaaaaa', checklistId: saved.checklist.id, createdAt: t0, expiresAt: new Date(t0.getTime() + 3600_000) });
      expect((await s.resolveShare('tok-aaaaaaaaaa', new Date(t0.getTime() + 60_000)))?.checklist.id).toBe(saved.checklist.id);
      expect(await s.resolveShare('tok-aaaaaaaaaa', new Date(t0.getTime() + 3600_000))).toBeUndefined();
      expect(await s.resolveShare('tok-bbbbbbbbbb', t0)).toBeUndefined();
      expect(await s.purgeExpiredShares(new Date(t0.getTime() + 7200_000))).toBe(1);
    });
  });
}
