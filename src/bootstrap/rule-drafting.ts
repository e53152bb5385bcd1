// The model-assisted rule drafter from a Config: undefined without OPENAI_API_KEY (offline
// drafting only). The prompt (prompts/draft-rules.v1.md) is read once, here.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { createChatModel } from '../llm/openai-adapter.js';
import { createLlmUnitDrafter, type LlmUnitDrafter, type StructuredModel } from '../rules/llm-drafter.js';

export function createConfiguredUnitDrafter(config: Config, version = 'v1'): LlmUnitDrafter | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  const instructions = readFileSync(join(resolve(config.PROMPTS_DIR), `draft-rules.${version}.md`), 'utf8').trim();
  return createLlmUnitDrafter({
    model: createChatModel(config, { streaming: false }) as unknown as StructuredModel,
    instructions,
    method: config.LLM_STRUCTURED_METHOD,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
}
