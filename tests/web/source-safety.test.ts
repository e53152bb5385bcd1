// Static guarantees for the browser code and pages: no HTML parsing of data, no eval, no inline
// scripts, handlers or style attributes (so a strict CSP with script-src 'self' works).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const code = files('src/web', /\.ts$/u).map((f) => ({ f, text: readFileSync(f, 'utf8').replace(/^\s*\/\/.*$/gmu, '') }));
const pages = files('src/web/pages', /\.html$/u).map((f) => ({ f, text: readFileSync(f, 'utf8') }));

describe('browser code', () => {
  it('never parses HTML or evaluates strings', () => {
    expect(code.length).toBeGreaterThan(10);
    const banned = [/\.innerHTML\b/u, /\.outerHTML\b/u, /insertAdjacentHTML/u, /document\.write/u, /\beval\s*\(/u, /new\s+Function\s*\(/u, /setTimeout\(\s*['"`]/u, /DOMParser/u, /createContextualFragment/u];
    for (const { f, text } of code) for (const re of banned) expect(text, `${f} matches ${re}`).not.toMatch(re);
  });

  it('does not set style attributes or inline handlers from code', () => {
    for (const { f, text } of code) {
      expect(text, f).not.toMatch(/setAttribute\(\s*['"](style|on\w+)['"]/u);
      expect(text, f).not.toMatch(/['"]style['"]\s*:/u);
    }
  });
});

describe('pages', () => {
  it('load scripts and styles from files only', () => {
    expect(pages.map((p) => p.f.split('/').pop()).sort()).toEqual(['frame.html', 'index.html', 'share.html', 'staff.html']);
    for (const { f, text } of pages) {
      for (const tag of text.match(/<script\b[^>]*>[\s\S]*?<\/script>/giu) ?? []) {
        expect(tag, f).toMatch(/\bsrc="\/[^"]+"/u);
        expect(tag.replace(/<script\b[^>]*>/iu, '').replace(/<\/script>/iu, '').trim(), f).toBe('');
      }
      expect(text, f).not.toMatch(/<style\b/iu);
      expect(text, f).not.toMatch(/\sstyle=/iu);
      expect(text, f).not.toMatch(/\son[a-z]+=/iu);
      expect(text, f).not.toMatch(/javascript:/iu);
      expect(text, f).toMatch(/<html lang="zh-CN">/u);
    }
  });
});
