// Saved applicants (the counter console): a company known by name and, when given, its 统一社会
// 信用代码; each visit's 政策体检单 saved as a snapshot; short links that open one saved
// checklist on a phone until they expire. The port is asynchronous so that SQLite, PostgreSQL
// or memory adapters can implement it; the snapshot is validated with zod at the HTTP edge and
// stored as JSON.
import { z } from 'zod';

export const ChecklistMeasureSchema = z.object({
  ref: z.string().min(1).max(120),
  label: z.string().max(120),
  title: z.string().max(300),
  status: z.enum(['eligible', 'possible', 'not_eligible']),
  actionability: z.string().max(40).optional(),
  benefits: z.array(z.string().max(600)).max(10).default([]),
  estimate: z.string().max(600).nullable().default(null),
  reason: z.string().max(600).default(''),
  missing: z.array(z.string().max(300)).max(20).default([]),
  responsibleUnits: z.array(z.string().max(100)).max(20).default([]),
  document: z.string().max(300).default(''),
});
export type ChecklistMeasure = z.infer<typeof ChecklistMeasureSchema>;

export const ChecklistSnapshotSchema = z.object({
  measures: z.array(ChecklistMeasureSchema).max(2000),
  profile: z.record(z.string(), z.unknown()).default({}),
  /** Document lines the checklist rests on (《…》（文号）…). */
  documents: z.array(z.string().max(600)).max(500).default([]),
  notices: z.array(z.string().max(1000)).max(50).default([]),
});
export type ChecklistSnapshot = z.infer<typeof ChecklistSnapshotSchema>;

export interface ApplicantRecord {
  id: string;
  name: string;
  creditCode: string | null;
  createdAt: Date;
  updatedAt: Date;
  visits: number;
  lastVisitAt: Date | null;
}

export interface SavedChecklist {
  id: string;
  applicantId: string;
  createdAt: Date;
  /** The date the checklist was judged for (YYYY-MM-DD). */
  asOf: string;
  region: string | null;
  counter: string | null;
  /** The person at the counter for the company (经办人). */
  contact: string | null;
  snapshot: ChecklistSnapshot;
}

export interface NewChecklist {
  applicant: { name: string; creditCode: string | null };
  asOf: string;
  region: string | null;
  counter: string | null;
  contact: string | null;
  snapshot: ChecklistSnapshot;
}

export interface SavedVisit {
  applicant: ApplicantRecord;
  checklist: SavedChecklist;
  /** The applicant's checklist before this one, for the comparison. */
  previous: SavedChecklist | null;
}

export interface ShareLink {
  token: string;
  checklistId: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ApplicantStore {
  /** Saves a visit under the company (found by credit code, else by exact name; created when new). */
  saveChecklist(input: NewChecklist): Promise<SavedVisit>;
  /** Companies whose name contains, or whose credit code starts with, `query`; latest visit first. */
  findApplicants(query: { text?: string; limit: number }): Promise<ApplicantRecord[]>;
  getApplicant(id: string): Promise<{ applicant: ApplicantRecord; checklists: SavedChecklist[] } | undefined>;
  getChecklist(id: string): Promise<SavedChecklist | undefined>;
  createShare(link: ShareLink): Promise<void>;
  /** The checklist behind a link that has not expired at `now`. */
  resolveShare(token: string, now: Date): Promise<{ link: ShareLink; checklist: SavedChecklist } | undefined>;
  /** Deletes expired links; returns how many. */
  purgeExpiredShares(now: Date): Promise<number>;
}

export interface ApplicantStoreOptions {
  now?: () => Date;
  newId?: () => string;
}
