// The only reader of process.env: one zod schema → Config. .env.example mirrors it.
import { z } from 'zod';
import { AppError } from '../domain/errors.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));

export const ConfigSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: int(3000, 0, 65535),
  DATA_DIR: z.string().default('data'),
  CORPUS_DIR: z.string().default('corpus'),
  INDEX_POLL_MS: int(2000, 100, 600_000),
  PROMPTS_DIR: z.string().default('prompts'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.string().url('OPENAI_BASE_URL 必须是 URL').optional()),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: int(20_000, 100, 300_000),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
  LLM_STREAMING: bool.default(true),
  LLM_STRUCTURED_METHOD: z.enum(['functionCalling', 'jsonSchema', 'jsonMode']).default('functionCalling'),

  EMBEDDINGS: z.enum(['local', 'openai']).default('local'),
  OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
  EMBEDDING_DIMENSION: int(1024, 16, 8192),

  RETRIEVAL_TOP_K: int(5, 1, 20),
  DEFAULT_REGION: optionalString,
  ABSTAIN_THRESHOLD: z.coerce.number().min(0).max(1).default(0.16),

  SESSION_TTL_MINUTES: int(60, 1, 7 * 24 * 60),
  MAX_SESSIONS: int(10_000, 1, 1_000_000),
  SESSION_CACHE_MAX_MB: int(64, 1, 16_384),
  MAX_TURNS_PER_SESSION: int(40, 2, 1000),
  MAX_MESSAGE_CHARS: int(1000, 10, 20_000),
  MAX_BODY_BYTES: int(64 * 1024, 1024, 10 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: int(120, 0, 100_000),
  SESSIONS_PER_CLIENT_PER_HOUR: int(300, 0, 100_000),
  REQUEST_TIMEOUT_MS: int(30_000, 1000, 600_000),
  CORS_ORIGINS: z.string().default(''),
  STAFF_TOKEN: optionalString,
  UPLOAD_MAX_BYTES: int(20 * 1024 * 1024, 1024, 200 * 1024 * 1024),
  SHARE_LINK_TTL_HOURS: int(72, 1, 90 * 24),
  RETENTION_DAYS: int(180, 1, 3650),
  CONVERSATION_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('NORMAL'),
  DATABASE_URL: optionalString.pipe(
    z.string().regex(/^postgres(ql)?:\/\//i, 'DATABASE_URL 必须是 postgres:// 或 postgresql:// 开头的连接地址（不设置则使用 DATA_DIR 下的 SQLite）').optional(),
  ),
  DATABASE_POOL_SIZE: int(10, 1, 200),
  TRUST_PROXY: bool.default(false),
  HSTS_MAX_AGE_SECONDS: int(0, 0, 2 * 365 * 24 * 3600),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws a CONFIG_INVALID error naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(ConfigSchema.shape)) if (env[key] !== undefined && env[key] !== '') picked[key] = env[key];
  const parsed = ConfigSchema.safeParse(picked);
  if (!parsed.success) {
    const msg = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AppError('CONFIG_INVALID', `配置无效：${msg}`);
  }
  return parsed.data;
}

/** A redacted view of the configuration, safe to log or show on /api/health. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    OPENAI_API_KEY: config.OPENAI_API_KEY ? '***' : undefined,
    STAFF_TOKEN: config.STAFF_TOKEN ? '***' : undefined,
    DATABASE_URL: config.DATABASE_URL ? config.DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@') : undefined,
  };
}
