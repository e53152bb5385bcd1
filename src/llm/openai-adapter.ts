// The @langchain/openai adapter: the only file that imports it. Works with any
// OpenAI-compatible service through OPENAI_BASE_URL.
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config/config.js';

export function createChatModel(config: Config, overrides: { streaming?: boolean } = {}): ChatOpenAI {
  return new ChatOpenAI({
    model: config.OPENAI_MODEL,
    apiKey: config.OPENAI_API_KEY,
    temperature: config.LLM_TEMPERATURE,
    timeout: config.LLM_TIMEOUT_MS,
    maxRetries: 0,
    streaming: overrides.streaming ?? false,
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
  });
}

export function createOpenAIEmbeddings(config: Config): OpenAIEmbeddings {
  return new OpenAIEmbeddings({
    model: config.OPENAI_EMBEDDING_MODEL,
    apiKey: config.OPENAI_API_KEY,
    // Many OpenAI-compatible services only return float arrays.
    encodingFormat: 'float',
    timeout: config.LLM_TIMEOUT_MS,
    maxRetries: 1,
    configuration: config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : undefined,
  });
}
