// Amounts for a question that states the asker's own figures ("研发花了500来万，能拿多少"): the
// matching engine evaluates the measures' formulas on the facts read from the message (and the
// session's profile); only estimates that read one of those figures are returned.
import type { QuestionEstimate } from '../chat/offline-answerer.js';
import type { MatchService } from '../matching/match-service.js';
import type { CompanyProfile } from '../matching/profile.js';
import { summarizeProfile } from '../matching/summarize-profile.js';

const CLAIMED_BENEFIT = /(上限|封顶|最高|补助|补贴|奖励|奖补)(?:标准)?(?:是|为|已改为|改为|调整为|调到|有|达|达到|到)?\s*[0-9０-９一二三四五六七八九十百千万两.]+\s*[万亿]?元/u;

/** Comparisons of a figure with a threshold. */
const NUMERIC_OPS = new Set(['gte', 'gt', 'lte', 'lt', 'between']);

export interface QuestionEstimatorDeps {
  match: Pick<MatchService, 'match'>;
  /** Profile fields the message states (cheap, offline). */
  statedFields: (message: string) => string[];
}

export function createQuestionEstimator({ match, statedFields }: QuestionEstimatorDeps) {
  return async (message: string, keys: string[], opts: { region?: string; profile?: Record<string, unknown> } = {}): Promise<ReadonlyMap<string, QuestionEstimate>> => {
    const out = new Map<string, QuestionEstimate>();
    // A message asserting what the benefit is ("补助上限3000万元") gives no figure of the asker's own.
    if (CLAIMED_BENEFIT.test(message)) return out;
    const stated = new Set(statedFields(message));
    const known = new Set([...stated, ...Object.keys(opts.profile ?? {})]);
    if (stated.size === 0 && known.size === 0) return out;
    // Only the measures asked about are evaluated: the whole corpus's rules would cost seconds at 100k units.
    const r = await match.match({ profile: opts.profile ?? {}, description: message, keys, ...(opts.region ? { region: opts.region } : {}) });
    for (const key of keys) {
      const measure = r.measures.find((m) => m.key === key);
      // A stated figure below the measure's threshold: say which condition it misses. Only a figure
      // the message states, compared with a threshold, or a rule staff reviewed, may say no: an
      // unreviewed draft's list of groups ("适用对象：脱贫人口…") does not know every way in.
      const failed = measure?.failed;
      const figureMissed = !!failed?.fact && stated.has(failed.fact) && NUMERIC_OPS.has(failed.op ?? '');
      if (measure?.status === 'not_eligible' && failed && !failed.assumed && stated.size > 0 && (figureMissed || measure.reviewed === true)) {
        out.set(key, { text: `未满足“${failed.description.replace(/^不满足[:：]\s*/u, '')}”这一条件，不能享受该项`, quote: failed.quote, given: summarizeProfile(pick(r.profile, [...stated])) || '情况' });
        continue;
      }
      // The figure must come from this message, or from the profile when the message is about it.
      const estimate = measure?.estimates.find((e) => e.inputs.some((id) => stated.has(id)) || (stated.size === 0 && e.inputs.some((id) => known.has(id))));
      if (!estimate) continue;
      const given = summarizeProfile(pick(r.profile, estimate.inputs));
      out.set(key, { text: estimate.text, ...(estimate.quote ? { quote: estimate.quote } : {}), given: given || '情况' });
    }
    return out;
  };
}

function pick(profile: Record<string, unknown>, ids: string[]): CompanyProfile {
  return Object.fromEntries(ids.filter((id) => profile[id] !== undefined).map((id) => [id, profile[id]])) as CompanyProfile;
}
