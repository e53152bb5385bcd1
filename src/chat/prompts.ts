// Prompt templates: versioned files in prompts/, loaded once at start-up and filled in (pure fill).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AnswerPrompts {
  version: string;
  system: string;
  user: string;
}

export function loadAnswerPrompts(dir: string, version = 'v1'): AnswerPrompts {
  return {
    version,
    system: readFileSync(join(dir, `answer-system.${version}.md`), 'utf8').trim(),
    user: readFileSync(join(dir, `answer-user.${version}.md`), 'utf8').trim(),
  };
}

/** Replaces {{name}} placeholders; unknown placeholders become empty strings. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => values[name] ?? '');
}
