import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/eval/html-escape.js';
import { renderHtml } from '../../src/eval/report-html.js';
import { ThresholdsSchema } from '../../src/eval/gate.js';
import { barColor, renderBarChart } from '../../src/eval/svg-bars.js';
import { fakeReport } from '../fakes/eval-report.js';

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(3)).toBe('3');
  });
});

describe('renderBarChart', () => {
  it('draws one bar per value with escaped labels and a threshold line', () => {
    const svg = renderBarChart(
      [
        { label: '<b>召回</b>', value: 0.5, text: '0.500', threshold: 0.9, thresholdKind: 'min' },
        { label: '精确', value: null, text: '—' },
      ],
      { title: '测试', max: 1 },
    );
    expect(svg.match(/class="bar"/g)).toHaveLength(2);
    expect(svg).toContain('&lt;b&gt;召回&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('stroke-dasharray');
  });

  it('colours by threshold direction', () => {
    expect(barColor({ label: '', value: 0.95, text: '', threshold: 0.9, thresholdKind: 'min' })).toBe('#2e9d5b');
    expect(barColor({ label: '', value: 0.95, text: '', threshold: 0.9, thresholdKind: 'max' })).toBe('#d0453a');
    expect(barColor({ label: '', value: null, text: '' })).toBe('#b0b7c3');
  });

  it('clamps values outside the scale', () => {
    const svg = renderBarChart([{ label: 'x', value: 5, text: '5' }], { title: 't', max: 1, width: 420, labelWidth: 150 });
    expect(svg).toContain('width="200.0"'); // plot width = 420 - 150 - 70
  });
});

describe('renderHtml', () => {
  it('is one self-contained page: no external scripts, styles, images or fonts', async () => {
    const html = renderHtml(await fakeReport());
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes answers and questions so user text cannot inject markup', async () => {
    const html = renderHtml(await fakeReport());
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;晴');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;今天天气如何');
    expect(html).toContain('集卡通行费六五折。&lt;b&gt;注意&lt;/b&gt;');
    // Exactly one real <script> element: the page's own filter code.
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('shows every metric, one chart per family and one row per case', async () => {
    const report = await fakeReport();
    const html = renderHtml(report, ThresholdsSchema.parse({ min: { 'citations.precision': 0.95 } }));
    for (const k of Object.keys(report.metrics)) expect(html).toContain(`data-metric="${k}"`);
    expect(html.match(/<svg class="chart"/g)).toHaveLength(7);
    expect(html.match(/<tr data-status=/g)).toHaveLength(report.cases.length);
    expect(html).toContain('<tr data-metric="citations.precision" class="fail-metric">');
    expect(html).toContain('≥ 0.950');
    expect(html).toContain('data-multiturn="true"');
  });
});
