// Reading the widget's script tag (pure): the API base derived from the script URL, and a
// validated accent colour (only #hex / rgb() / hsl() reach the stylesheet).

/** https://host/path/widget.js?v=2 → https://host/path ; relative src resolved against the page. */
export function apiBaseFromScript(src: string, pageUrl: string): string {
  try {
    const u = new URL(src || pageUrl, pageUrl);
    const dir = u.pathname.replace(/\/[^/]*$/u, '');
    return `${u.origin}${dir}`;
  } catch {
    return '';
  }
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/iu;
const FUNC = /^(?:rgb|hsl)a?\(\s*[\d.]+%?\s*(?:,\s*|\s+)[\d.]+%?\s*(?:,\s*|\s+)[\d.]+%?\s*(?:[,/]\s*[\d.]+%?\s*)?\)$/iu;

export function safeAccent(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  return HEX.test(v) || FUNC.test(v) ? v : null;
}

/** A pale tint of a #hex accent for chip backgrounds; null for other notations. */
export function accentSoft(accent: string): string | null {
  if (!HEX.test(accent)) return null;
  let hex = accent.slice(1);
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, 0.1)`;
}

/** data-region / ?region=: a division name (瑞安市) or a 6-digit code; anything else is ignored. */
export function safeRegion(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  return /^\d{6}$/u.test(v) || /^[\u4e00-\u9fff]{2,20}$/u.test(v) ? v : null;
}

/** The region as the profile's 注册所在县（市、区） when the form lists it (label match). */
export function regionProfile(
  regionName: string,
  schema: { groups: Array<{ fields: Array<{ name: string; options?: Array<{ value: string; label: string }> }> }> },
): Record<string, string> {
  if (!regionName) return {};
  const field = schema.groups.flatMap((g) => g.fields).find((f) => f.name === 'region');
  const option = field?.options?.find((o) => o.label.length >= 2 && regionName.endsWith(o.label));
  return option ? { region: option.value } : {};
}
