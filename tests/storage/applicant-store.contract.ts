// ApplicantStore contract, one suite for every adapter (memory, SQLite, PostgreSQL): a visit saved
// under the company found by credit code (else by exact name), the previous visit returned for
// the comparison, search by name or code prefix (% and _ literal), share links that expire.
import { describe, expect, it } from 'vitest';
import type { ApplicantStore, ApplicantStoreOptions, NewChecklist } from '../../src/storage/applicants/applicant-store.js';

export const CODE = '91350100M000100Y43';

export function visit(over: Partial<NewChecklist> = {}, statuses: Array<'eligible' | 'possible' | 'not_eligible'> = ['eligible']): NewChecklist {
  return {
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
  };
}

/** `make` gets a fresh, empty store with the clock and ids given. */
export function runApplicantStoreContract(name: string, make: (o: Required<ApplicantStoreOptions>) => ApplicantStore | Promise<ApplicantStore>): void {
  describe(`ApplicantStore contract (${name})`, () => {
    let clock = 1_700_000_000_000;
    let n = 0;
    const opts = (): Required<ApplicantStoreOptions> => ({ now: () => new Date((clock += 1000)), newId: () => `id-${String(++n).padStart(8, '0')}` });

    it('saves visits under one company and returns the previous visit', async () => {
      const s = await make(opts());
      const first = await s.saveChecklist(visit({}, ['possible']));
      expect(first.previous).toBeNull();
      expect(first.applicant).toMatchObject({ name: '温州市鹿城智云软件有限公司', creditCode: CODE, visits: 1 });
      expect(first.applicant.lastVisitAt).toEqual(first.checklist.createdAt);
      const second = await s.saveChecklist(visit({ applicant: { name: '温州市鹿城智云软件有限公司（更名）', creditCode: CODE } }, ['eligible', 'eligible']));
      expect(second.applicant.id).toBe(first.applicant.id);
      expect(second.applicant.name).toBe('温州市鹿城智云软件有限公司（更名）');
      expect(second.applicant.visits).toBe(2);
      expect(second.applicant.updatedAt.getTime()).toBeGreaterThan(first.applicant.updatedAt.getTime());
      expect(second.applicant.createdAt).toEqual(first.applicant.createdAt);
      expect(second.previous?.id).toBe(first.checklist.id);
      expect(second.previous?.snapshot.measures.map((m) => m.status)).toEqual(['possible']);
      const detail = await s.getApplicant(first.applicant.id);
      expect(detail?.checklists.map((c) => c.id)).toEqual([second.checklist.id, first.checklist.id]);
      expect(detail?.applicant).toMatchObject({ visits: 2, lastVisitAt: second.checklist.createdAt });
      const got = await s.getChecklist(first.checklist.id);
      expect(got).toEqual(first.checklist);
      expect(got).toMatchObject({ asOf: '2026-12-01', region: '鹿城区', counter: '3号窗口', contact: '张三', applicantId: first.applicant.id });
      expect(got?.snapshot.profile).toEqual({ region: 'lucheng' });
      expect(await s.getApplicant('no-such-id')).toBeUndefined();
      expect(await s.getChecklist('no-such-id')).toBeUndefined();
    });

    it('keeps companies without a code apart by exact name, and apart from coded ones', async () => {
      const s = await make(opts());
      const a = await s.saveChecklist(visit({ applicant: { name: '瑞安市甲公司', creditCode: null }, region: null, counter: null, contact: null }));
      const b = await s.saveChecklist(visit({ applicant: { name: '瑞安市甲公司', creditCode: null } }));
      const c = await s.saveChecklist(visit({ applicant: { name: '瑞安市乙公司', creditCode: null } }));
      const d = await s.saveChecklist(visit({ applicant: { name: '瑞安市甲公司', creditCode: CODE } }));
      expect(b.applicant.id).toBe(a.applicant.id);
      expect(c.applicant.id).not.toBe(a.applicant.id);
      expect(d.applicant.id).not.toBe(a.applicant.id);
      expect(a.checklist).toMatchObject({ region: null, counter: null, contact: null });
    });

    it('finds companies by part of the name or the start of the code, % and _ taken literally, latest visit first', async () => {
      const s = await make(opts());
      await s.saveChecklist(visit());
      await s.saveChecklist(visit({ applicant: { name: '瑞安市100%_汽配厂', creditCode: null } }));
      expect((await s.findApplicants({ text: '智云', limit: 10 })).map((a) => a.creditCode)).toEqual([CODE]);
      expect((await s.findApplicants({ text: '91350100m0', limit: 10 })).map((a) => a.creditCode)).toEqual([CODE]);
      expect(await s.findApplicants({ text: '0100M0', limit: 10 })).toEqual([]);
      expect((await s.findApplicants({ text: '100%_', limit: 10 })).map((a) => a.name)).toEqual(['瑞安市100%_汽配厂']);
      expect(await s.findApplicants({ text: '%', limit: 10 })).toHaveLength(1);
      expect((await s.findApplicants({ limit: 10 })).map((a) => a.name)).toEqual(['瑞安市100%_汽配厂', '温州市鹿城智云软件有限公司']);
      expect(await s.findApplicants({ limit: 1 })).toHaveLength(1);
      await s.saveChecklist(visit());
      expect((await s.findApplicants({ text: '  ', limit: 10 })).map((a) => a.name)).toEqual(['温州市鹿城智云软件有限公司', '瑞安市100%_汽配厂']);
    });

    it('resolves share links until they expire, then purges them', async () => {
      const s = await make(opts());
      const saved = await s.saveChecklist(visit());
      const t0 = new Date(2_000_000_000_000);
      await s.createShare({ token: 'tok-aaaaaaaaaa', checklistId: saved.checklist.id, createdAt: t0, expiresAt: new Date(t0.getTime() + 3600_000) });
      const resolved = await s.resolveShare('tok-aaaaaaaaaa', new Date(t0.getTime() + 60_000));
      expect(resolved?.checklist).toEqual(saved.checklist);
      expect(resolved?.link).toEqual({ token: 'tok-aaaaaaaaaa', checklistId: saved.checklist.id, createdAt: t0, expiresAt: new Date(t0.getTime() + 3600_000) });
      expect(await s.resolveShare('tok-aaaaaaaaaa', new Date(t0.getTime() + 3600_000))).toBeUndefined();
      expect(await s.resolveShare('tok-bbbbbbbbbb', t0)).toBeUndefined();
      expect(await s.purgeExpiredShares(new Date(t0.getTime() + 60_000))).toBe(0);
      expect(await s.purgeExpiredShares(new Date(t0.getTime() + 7200_000))).toBe(1);
      expect(await s.purgeExpiredShares(new Date(t0.getTime() + 7200_000))).toBe(0);
    });
  });
}
