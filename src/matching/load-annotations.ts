// Loads and validates clause annotations from corpus/annotations/<docId>.json.
// The only file I/O in src/matching.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../domain/errors.js';
import { AnnotationFileSchema, type AnnotationFile } from './annotation-schema.js';

export function parseAnnotations(json: unknown, source = '注解文件'): AnnotationFile {
  const result = AnnotationFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '（根）';
    throw new AppError('CORPUS_INVALID', `${source} 格式有误：${where} ${issue?.message ?? ''}`.trim(), {
      details: result.error.issues,
    });
  }
  return result.data;
}

export async function loadAnnotations(
  docId: string,
  { dir = path.resolve('corpus/annotations') }: { dir?: string } = {},
): Promise<AnnotationFile> {
  const file = path.join(dir, `${docId}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new AppError('CORPUS_INVALID', `找不到条款注解文件：${file}`, { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError('CORPUS_INVALID', `条款注解文件不是合法的 JSON：${file}`, { cause });
  }
  return parseAnnotations(json, file);
}
