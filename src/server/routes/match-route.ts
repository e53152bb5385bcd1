// POST /api/match: validate {profile?, description?, region?, asOf?}, delegate to the match
// service, respond. The profile is checked against the fact registry's schema (every registered
// fact, so a document that adds facts as data needs no code change).
// Invalid input becomes AppError('BAD_REQUEST') naming the bad field; the central error handler
// maps it to {error:{code,message}}.
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { createRouter } from '../router.js';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { MatchService } from '../../matching/match-service.js';
import { CompanyProfileSchema, fieldLabel, PROFILE_FIELDS, type ProfileField } from '../../matching/profile.js';
import { inboundText } from '../schemas.js';

export const MAX_DESCRIPTION_CHARS = 4000;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function matchRequestSchema(profile: z.ZodObject = CompanyProfileSchema.strict()) {
  return z
    .object({
      profile: profile.optional(),
      description: inboundText('description 必须是字符串', { keepLineBreaks: true, simplified: true }).max(MAX_DESCRIPTION_CHARS).optional(),
      region: z.string().trim().min(2, 'region 应为地区名称或 6 位区划代码').max(40).optional(),
      asOf: z
        .string()
        .regex(ISO_DAY, 'asOf 应为 YYYY-MM-DD 格式的日期')
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'asOf 不是有效日期')
        .optional(),
    })
    .strict()
    .refine((b) => b.profile !== undefined || (b.description?.trim() ?? '') !== '', {
      message: '请提供 profile（企业画像）或 description（企业情况描述）中的至少一项',
    });
}

export const MatchRequestSchema = matchRequestSchema();
export type MatchRequest = { profile?: Record<string, unknown>; description?: string; region?: string; asOf?: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String);
  const field = path[1] as ProfileField | undefined;
  const named =
    path[0] === 'profile' && field && (PROFILE_FIELDS as string[]).includes(field)
      ? `字段 ${path.join('.')}（${fieldLabel(field)}）`
      : path.length > 0 ? `字段 ${path.join('.')}` : '请求体';
  switch (issue.code) {
    case 'invalid_type':
      return `${named}类型不正确，应为 ${issue.expected}`;
    case 'invalid_value':
      return `${named}取值无效，可选值：${issue.values.map(String).join('、')}`;
    case 'invalid_format':
      return `${named}${issue.message}`;
    case 'too_big':
      return `${named}超出上限（${String(issue.maximum)}）`;
    case 'too_small':
      return `${named}低于下限（${String(issue.minimum)}）`;
    case 'unrecognized_keys':
      return `${named}包含不支持的字段：${issue.keys.join('、')}`;
    default:
      return `${named}${issue.message}`;
  }
}

export function parseMatchRequest(body: unknown, schema: z.ZodType = MatchRequestSchema): MatchRequest {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const message = issue.code === 'custom' ? issue.message : describeIssue(issue);
    throw new AppError('BAD_REQUEST', `请求参数有误：${message}。请修改后重试。`, { details: result.error.issues });
  }
  return result.data as MatchRequest;
}

export function matchRouter(service: MatchService, { path = '/api/match' }: { path?: string } = {}): Router {
  const router = createRouter();
  const schema = service.profileSchema ? matchRequestSchema(service.profileSchema) : MatchRequestSchema;
  router.post(path, express.json({ limit: '64kb' }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const input = parseMatchRequest(req.body, schema);
      res.json(await service.match(input));
    } catch (err) {
      next(err);
    }
  });
  // Body-parser failures arrive here before the handler; give them our codes and Chinese messages.
  router.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const type = (err as { type?: string } | null)?.type;
    if (type === 'entity.parse.failed') return next(new AppError('BAD_REQUEST', '请求体不是合法的 JSON，请检查格式后重试。', { cause: err }));
    if (type === 'entity.too.large') return next(new AppError('PAYLOAD_TOO_LARGE', '请求内容过大，请精简描述后重试。', { cause: err }));
    next(err);
  });
  return router;
}
