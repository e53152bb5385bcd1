// The @langchain/openai adapter: the only file that imports it. Works with any
// OpenAI-compatible service through OPENAI_BASE_URL.
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import type { Config } from '../config/config.js';

export function createChatModel(config: Config, { streaming = config.LLM_STREAMING }: { streaming?: boolean } = {}): ChatOpenAI {
  return new ChatOpenAI({
    model: config.OPENAI_MODEL,
    apiKey: config.OPENAI_API_KEY,
    temperature: config.LLM_TEMPERATURE,
    timeout: config.LLM_TIMEOUT_MS,
    maxRetries: 0,
    // Streaming lets slow providers send first bytes early; the answer is still verified whole.
    streaming,
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
