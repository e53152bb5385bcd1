// Number formatting shared by the Markdown, HTML and console reports (pure).
import { metricUnit, type MetricKey } from './report-types.js';

/** Ratios with 3 decimals, counts as integers, milliseconds with 1 decimal; "—" when not measured. */
export function formatMetric(key: MetricKey, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (metricUnit(key)) {
    case 'ratio':
      return value.toFixed(3);
    case 'count':
      return String(Math.round(value));
    case 'ms':
      return value.toFixed(1);
  }
}
