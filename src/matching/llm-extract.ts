// Profile extractors behind one interface: the offline rule-based one and an LLM one that asks
// an injected chat model for structured output and falls back to the offline rules on any error.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Facts } from '../rules/condition.js';
import { extractProfile, type ExtractOptions } from './extract-profile.js';
import { mergeProfiles } from './merge-profiles.js';
import { CompanyProfileSchema } from './profile.js';

export interface ProfileExtractor {
  /** Facts from `text`, merged over `previous` (later statements win). */
  extract(text: string, previous?: Facts): Promise<Facts>;
}

export interface OfflineExtractorOptions extends ExtractOptions {
  /** The rule-based extraction to use, e.g. a shared createProfileExtraction(); built from the options otherwise. */
  extract?: (text: string) => { profile: Facts };
}

export function createOfflineExtractor({ extract, ...options }: OfflineExtractorOptions = {}): ProfileExtractor {
  const run = extract ?? ((text: string): { profile: Facts } => extractProfile(text, options));
  return {
    async extract(text, previous = {}) {
      return mergeProfiles(previous, run(text).profile);
    },
  };
}

export const DEFAULT_EXTRACTION_INSTRUCTIONS = [
  '你是政策匹配助手，负责从用户对自身单位的描述中提取结构化画像。',
  '只填写用户明确说出的事实，不要猜测；用户否认的事实填 false（如“不是规上”→ aboveScale=false）。',
  '金额一律换算为元（如“500万”→ 5000000）；“去年/上年度”的研发费用填 rdExpenseLastYear，“前年”填 rdExpenseYearBefore。',
  '明确尚未获得的资质（如“还没有认定高新”）填入 lacksQualifications。',
].join('\n');

export interface LlmExtractorOptions {
  model: Pick<BaseChatModel, 'withStructuredOutput'>;
  fallback?: ProfileExtractor;
  instructions?: string;
  /** Called when the model fails and the fallback is used (for logging by the caller). */
  onFallback?: (error: unknown) => void;
}

export function createLlmExtractor({
  model,
  fallback = createOfflineExtractor(),
  instructions = DEFAULT_EXTRACTION_INSTRUCTIONS,
  onFallback = () => {},
}: LlmExtractorOptions): ProfileExtractor {
  return {
    async extract(text, previous = {}) {
      try {
        const structured = model.withStructuredOutput(CompanyProfileSchema, { name: 'company_profile' });
        const raw = await structured.invoke([
          ['system', instructions],
          ['human', `已知画像：${JSON.stringify(previous)}\n用户新的描述：${text}`],
        ]);
        const parsed: Facts = CompanyProfileSchema.parse(withoutNulls(raw));
        // Rules fill what the model left out (e.g. inWenzhou from the region); the model wins on conflicts.
        return mergeProfiles(await fallback.extract(text, previous), parsed);
      } catch (error) {
        onFallback(error);
        return fallback.extract(text, previous);
      }
    },
  };
}

/** Models often send null for "unknown"; the schema wants the field absent. */
function withoutNulls(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null));
}
