// Horizontal bar charts as inline SVG strings (pure, no chart library).
import { escapeHtml } from './html-escape.js';

export interface Bar {
  label: string;
  value: number | null;
  /** Shown at the end of the bar, e.g. "0.912" or "35.2 ms". */
  text: string;
  /** Where a threshold sits on the same scale; drawn as a dashed line. */
  threshold?: number;
  /** Whether the threshold is a minimum (value must reach it) or a maximum. */
  thresholdKind?: 'min' | 'max';
}

export interface BarChartOptions {
  title: string;
  /** Value at the right edge; defaults to the largest value or threshold (at least 1). */
  max?: number;
  width?: number;
  rowHeight?: number;
  labelWidth?: number;
}

export function barColor(bar: Bar): string {
  if (bar.value === null) return '#b0b7c3';
  if (bar.threshold === undefined) return '#4a78c2';
  const ok = bar.thresholdKind === 'max' ? bar.value <= bar.threshold : bar.value >= bar.threshold;
  return ok ? '#2e9d5b' : '#d0453a';
}

export function renderBarChart(bars: Bar[], { title, max, width = 420, rowHeight = 30, labelWidth = 150 }: BarChartOptions): string {
  const scaleMax =
    max ?? Math.max(1, ...bars.map((b) => b.value ?? 0), ...bars.map((b) => b.threshold ?? 0));
  const plot = width - labelWidth - 70;
  const x = (v: number) => labelWidth + (Math.max(0, Math.min(v, scaleMax)) / scaleMax) * plot;
  const height = bars.length * rowHeight + 12;
  const rows = bars.map((b, i) => {
    const y = 6 + i * rowHeight;
    const barH = rowHeight - 12;
    const w = b.value === null ? 0 : x(b.value) - labelWidth;
    const threshold =
      b.threshold === undefined
        ? ''
        : `<line x1="${x(b.threshold).toFixed(1)}" x2="${x(b.threshold).toFixed(1)}" y1="${y}" y2="${y + barH + 6}" stroke="#333" stroke-dasharray="3 2"><title>${escapeHtml(
            `${b.thresholdKind === 'max' ? '上限' : '门槛'} ${b.threshold}`,
          )}</title></line>`;
    return [
      `<text x="${labelWidth - 8}" y="${y + barH / 2 + 4}" text-anchor="end" font-size="12">${escapeHtml(b.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${plot}" height="${barH}" fill="#eef1f5"/>`,
      `<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${barH}" fill="${barColor(b)}"><title>${escapeHtml(`${b.label}：${b.text}`)}</title></rect>`,
      threshold,
      `<text x="${labelWidth + plot + 6}" y="${y + barH / 2 + 4}" font-size="12">${escapeHtml(b.text)}</text>`,
    ].join('');
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows.join('')}</svg>`;
}
