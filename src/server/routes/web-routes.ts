// Web pages and assets: the demo host page (/), the widget script (/widget.js) and its iframe
// variant (/widget/frame), the staff console (/staff), and the console's form description
// (/api/profile-schema). Browser code under src/web is bundled with esbuild on first request,
// kept in memory, and served with ETag, Cache-Control and gzip.
import { createHash } from 'node:crypto';
import { createRouter } from '../router.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { build, transform, type Plugin } from 'esbuild';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { CompanyProfileSchema, ENUM_LABELS, PROFILE_FIELDS, type ProfileField } from '../../matching/profile.js';

export interface WebRouterOptions {
  /** Absolute path of the project root (for source files to bundle). */
  rootDir: string;
  /** Minify bundles (default true). */
  minify?: boolean;
}

export interface WebAsset {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  type: string;
  cacheControl: string;
}

const HTML = 'text/html; charset=utf-8';
const JS = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
/** Script and style URLs are not versioned, so caches revalidate (cheap 304s) after 10 minutes. */
const ASSET_CACHE = 'public, max-age=600, stale-while-revalidate=3600';
const PAGE_CACHE = 'no-cache';

export function makeAsset(content: string | Buffer, type: string, cacheControl: string): WebAsset {
  const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, gzip: gzipSync(body, { level: 9 }), etag, type, cacheControl };
}

/** CSS imported by browser code becomes a (minified) string, adopted as a stylesheet at run time. */
const cssAsText = (minify: boolean): Plugin => ({
  name: 'css-as-text',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const css = await readFile(args.path, 'utf8');
      const out = minify ? (await transform(css, { loader: 'css', minify: true, target: ['chrome80', 'firefox78', 'safari13'] })).code : css;
      return { contents: out, loader: 'text' };
    });
  },
});

/** Bundles one browser entry point (IIFE, ES2018, CSS imported as text). */
export async function bundleBrowserEntry(entry: string, minify = true): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2018'],
    minify,
    charset: 'utf8',
    legalComments: 'none',
    plugins: [cssAsText(minify)],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function sendAsset(req: Request, res: Response, asset: WebAsset): void {
  const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
  const etag = gzip ? asset.etag.replace(/"$/u, '-gz"') : asset.etag;
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', asset.cacheControl);
  res.setHeader('Content-Type', asset.type);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//u, '') === etag)) {
    res.status(304).end();
    return;
  }
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  const body = gzip ? asset.gzip : asset.body;
  res.setHeader('Content-Length', String(body.length));
  res.status(200).end(req.method === 'HEAD' ? undefined : body);
}

// ---- the console's form, described from CompanyProfileSchema ----

const GROUPS: Array<{ id: string; title: string; fields: ProfileField[] }> = [
  { id: 'basic', title: '基本信息', fields: ['name', 'region', 'inWenzhou', 'cityName', 'entityType', 'ownership', 'industries'] },
  { id: 'scale', title: '规模与财务', fields: ['aboveScale', 'firstTimeAboveScale', 'smallMicro', 'sme', 'employees', 'revenue'] },
  {
    id: 'rnd',
    title: '研发',
    fields: ['doesRnd', 'rdExpenseLastYear', 'rdExpenseYearBefore', 'rdExpenseThisYear', 'basicResearchExpense', 'rdRatio', 'rdGrowth', 'buysTechInsurance', 'hasInnovativeProduct'],
  },
  {
    id: 'qualifications',
    title: '资质',
    fields: ['qualifications', 'lacksQualifications', 'specializedNewLevel', 'isHeadquarters', 'hqStars', 'inTop100OtherServices'],
  },
  {
    id: 'trade',
    title: '外贸',
    fields: ['exporting', 'exportAmount', 'exportCreditInsurancePremium', 'fxHedging', 'fxSettlementAmount', 'importsAdvancedTech', 'hasForeignInvestment'],
  },
];

interface JsonProp {
  description?: string;
  type?: string;
  enum?: string[];
  items?: { enum?: string[] };
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

export function profileFormSchema() {
  const props = (z.toJSONSchema(CompanyProfileSchema) as { properties: Record<string, JsonProp> }).properties;
  const labels = ENUM_LABELS as Record<string, Record<string, string>>;
  const field = (name: ProfileField) => {
    const p = props[name] ?? {};
    const label = p.description ?? name;
    const values = p.enum ?? p.items?.enum;
    const options = values?.map((value) => ({ value, label: labels[name]?.[value] ?? value }));
    const type =
      p.type === 'array' ? 'multi' : values ? 'enum' : p.type === 'boolean' ? 'boolean' : p.type === 'string' ? 'string'
      : /单位：元/u.test(label) ? 'money' : p.type === 'integer' ? 'integer' : 'number';
    return {
      name,
      label,
      type,
      ...(options ? { options } : {}),
      ...(p.minimum !== undefined ? { min: p.minimum } : {}),
      ...(p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER ? { max: p.maximum } : {}),
      ...(p.maxLength !== undefined ? { maxLength: p.maxLength } : {}),
    };
  };
  const grouped = new Set(GROUPS.flatMap((g) => g.fields));
  const others = PROFILE_FIELDS.filter((f) => !grouped.has(f));
  return {
    groups: [...GROUPS, { id: 'other', title: '其他', fields: others }].map((g) => ({
      id: g.id,
      title: g.title,
      fields: g.fields.filter((f) => (PROFILE_FIELDS as string[]).includes(f)).map(field),
    })),
  };
}

// ---- router ----

export function webRouter({ rootDir, minify = true }: WebRouterOptions): Router {
  const router = createRouter();
  const web = (...p: string[]) => join(rootDir, 'src', 'web', ...p);
  const cache = new Map<string, Promise<WebAsset>>();
  const formSchema = profileFormSchema();

  const assets: Record<string, () => Promise<WebAsset>> = {
    '/': async () => makeAsset(await readFile(web('pages', 'index.html')), HTML, PAGE_CACHE),
    '/widget/frame': async () => makeAsset(await readFile(web('pages', 'frame.html')), HTML, PAGE_CACHE),
    '/staff': async () => makeAsset(await readFile(web('pages', 'staff.html')), HTML, PAGE_CACHE),
    '/widget.js': async () => makeAsset(await bundleBrowserEntry(web('widget', 'widget.ts'), minify), JS, ASSET_CACHE),
    '/staff/console.js': async () => makeAsset(await bundleBrowserEntry(web('console', 'console.ts'), minify), JS, ASSET_CACHE),
    '/widget.css': async () =>
      makeAsset(`${await readFile(web('chat', 'chat.css'), 'utf8')}\n${await readFile(web('widget', 'widget.css'), 'utf8')}`, CSS, ASSET_CACHE),
    '/assets/chat.css': async () => makeAsset(await readFile(web('chat', 'chat.css')), CSS, ASSET_CACHE),
    '/assets/console.css': async () => makeAsset(await readFile(web('console', 'console.css')), CSS, ASSET_CACHE),
    '/assets/demo.css': async () => makeAsset(await readFile(web('pages', 'demo.css')), CSS, ASSET_CACHE),
  };

  /** Builds an asset once; a failed build is retried on the next request. */
  const load = (path: string): Promise<WebAsset> => {
    let p = cache.get(path);
    if (!p) {
      p = assets[path]!();
      cache.set(path, p);
      p.catch(() => cache.delete(path));
    }
    return p;
  };

  for (const path of Object.keys(assets)) {
    router.get(path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        sendAsset(req, res, await load(path));
      } catch (err) {
        next(new AppError('INTERNAL', '页面资源生成失败，请稍后再试或联系管理员。', { cause: err }));
      }
    });
  }
  router.get('/api/profile-schema', (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'public, max-age=600');
    res.json(formSchema);
  });
  return router;
}
