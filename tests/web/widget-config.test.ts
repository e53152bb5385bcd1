// Reading the widget's script tag: API base from its src, and only safe accent colours.
import { describe, expect, it } from 'vitest';
import { accentSoft, apiBaseFromScript, safeAccent } from '../../src/web/widget/widget-config.js';
import { highlightParts } from '../../src/web/chat/highlight.js';

describe('apiBaseFromScript', () => {
  it('uses the directory of the script URL', () => {
    expect(apiBaseFromScript('https://zct.example.gov.cn/widget.js', 'https://www.wenzhou.gov.cn/page')).toBe('https://zct.example.gov.cn');
    expect(apiBaseFromScript('https://host/zct/widget.js?v=3', 'https://other/')).toBe('https://host/zct');
    expect(apiBaseFromScript('/widget.js', 'http://127.0.0.1:3000/demo')).toBe('http://127.0.0.1:3000');
    expect(apiBaseFromScript('', 'http://127.0.0.1:3000/x/y')).toBe('http://127.0.0.1:3000/x');
  });
});

describe('safeAccent', () => {
  it('accepts hex, rgb() and hsl() colours', () => {
    for (const c of ['#b4282d', '#fff', 'rgb(180, 40, 45)', 'rgba(180,40,45,.9)', 'hsl(0 60% 40%)']) expect(safeAccent(c)).toBe(c);
  });

  it('rejects anything that could carry CSS or markup', () => {
    for (const c of ['red;}body{display:none', 'url(javascript:alert(1))', '#12345g', 'expression(alert(1))', '<script>', '', undefined, null]) {
      expect(safeAccent(c)).toBeNull();
    }
  });

  it('derives a pale tint from hex', () => {
    expect(accentSoft('#b4282d')).toBe('rgba(180, 40, 45, 0.1)');
    expect(accentSoft('#fff')).toBe('rgba(255, 255, 255, 0.1)');
    expect(accentSoft('rgb(1,2,3)')).toBeNull();
  });
});

describe('highlightParts', () => {
  it('marks quoted passages in the clause text', () => {
    expect(highlightParts('对规上企业给予最高300万元补助。其他。', ['最高300万元补助'])).toEqual([
      { text: '对规上企业给予', mark: false },
      { text: '最高300万元补助', mark: true },
      { text: '。其他。', mark: false },
    ]);
  });

  it('marks every occurrence, longest quote first, without overlaps', () => {
    expect(highlightParts('abcabc', ['abc', 'bc']).map((p) => p.mark)).toEqual([true, true]);
    expect(highlightParts('无匹配', ['xyz', undefined, ''])).toEqual([{ text: '无匹配', mark: false }]);
  });
});
