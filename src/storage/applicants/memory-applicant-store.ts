// ApplicantStore in memory: the reference for the contract tests and for running without a
// database. Same matching rules as the SQLite adapter.
import { randomUUID } from 'node:crypto';
import type { ApplicantRecord, ApplicantStore, ApplicantStoreOptions, SavedChecklist, ShareLink } from './applicant-store.js';

export function createMemoryApplicantStore({ now = () => new Date(), newId = randomUUID }: ApplicantStoreOptions = {}): ApplicantStore {
  const applicants = new Map<string, Omit<ApplicantRecord, 'visits' | 'lastVisitAt'>>();
  const checklists: SavedChecklist[] = [];
  const shares = new Map<string, ShareLink>();

  const view = (a: Omit<ApplicantRecord, 'visits' | 'lastVisitAt'>): ApplicantRecord => {
    const mine = checklists.filter((c) => c.applicantId === a.id);
    const last = mine.reduce<Date | null>((m, c) => (!m || c.createdAt > m ? c.createdAt : m), null);
    return { ...a, visits: mine.length, lastVisitAt: last };
  };
  const newestFirst = (a: SavedChecklist, b: SavedChecklist) => b.createdAt.getTime() - a.createdAt.getTime() || checklists.indexOf(b) - checklists.indexOf(a);

  return {
    async saveChecklist(input) {
      const at = now();
      const { name, creditCode } = input.applicant;
      let a = [...applicants.values()].find((x) => (creditCode ? x.creditCode === creditCode : !x.creditCode && x.name === name));
      if (!a) {
        a = { id: newId(), name, creditCode, createdAt: at, updatedAt: at };
        applicants.set(a.id, a);
      } else {
        a.name = name;
        a.updatedAt = at;
      }
      const previous = checklists.filter((c) => c.applicantId === a.id).sort(newestFirst)[0] ?? null;
      const checklist: SavedChecklist = { id: newId(), applicantId: a.id, createdAt: at, asOf: input.asOf, region: input.region, counter: input.counter, contact: input.contact, snapshot: input.snapshot };
      checklists.push(checklist);
      return { applicant: view(a), checklist, previous };
    },
    async findApplicants({ text, limit }) {
      const q = text?.trim().toUpperCase() ?? '';
      return [...applicants.values()]
        .filter((a) => !q || a.name.toUpperCase().includes(q) || (a.creditCode ?? '').startsWith(q))
        .map(view)
        .sort((x, y) => (y.lastVisitAt?.getTime() ?? 0) - (x.lastVisitAt?.getTime() ?? 0))
        .slice(0, limit);
    },
    async getApplicant(id) {
      const a = applicants.get(id);
      if (!a) return undefined;
      return { applicant: view(a), checklists: checklists.filter((c) => c.applicantId === id).sort(newestFirst) };
    },
    async getChecklist(id) {
      return checklists.find((c) => c.id === id);
    },
    async createShare(link) {
      shares.set(link.token, link);
    },
    async resolveShare(token, at) {
      const link = shares.get(token);
      if (!link || link.expiresAt <= at) return undefined;
      const checklist = checklists.find((c) => c.id === link.checklistId);
      return checklist ? { link, checklist } : undefined;
    },
    async purgeExpiredShares(at) {
      let n = 0;
      for (const [t, l] of shares) if (l.expiresAt <= at) (shares.delete(t), n++);
      return n;
    },
  };
}
