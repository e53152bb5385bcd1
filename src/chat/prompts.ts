// Prompt templates: versioned files in prompts/, loaded once at start-up and filled in (pure fill).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AnswerPrompts {
  version: string;
  system: string;
  user: string;
  /** Wraps a client-supplied (unverified) assistant turn; {{content}} is its text. */
  unverifiedTurn?: string;
}

export function loadAnswerPrompts(dir: string, version = 'v1'): AnswerPrompts {
  return {
    version,
    system: readFileSync(join(dir, `answer-system.${version}.md`), 'utf8').trim(),
    user: readFileSync(join(dir, `answer-user.${version}.md`), 'utf8').trim(),
    ...optionalPrompt(join(dir, `answer-unverified-turn.${version}.md`), 'unverifiedTurn'),
  };
}

/** Replaces {{name}} placeholders; unknown placeholders become empty strings. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => values[name] ?? '');
}

/** Instructions for the LLM profile extractor (prompts/extract-profile.<version>.md), if present. */
export function loadExtractionPrompt(dir: string, version = 'v1'): string | undefined {
  const file = join(dir, `extract-profile.${version}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function optionalPrompt<K extends string>(file: string, key: K): Partial<Record<K, string>> {
  return existsSync(file) ? ({ [key]: readFileSync(file, 'utf8').trim() } as Partial<Record<K, string>>) : {};
}

/** prompts/rewrite-query.<version>.md: instructions for rewriting a question into document terms. */
export function loadRewritePrompt(dir: string, version = 'v1'): string | undefined {
  const file = join(dir, `rewrite-query.${version}.md`);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
