// Short forms of division names (pure): 温州市 → 温州, 鹿城区 → 鹿城, 广东省 → 广东. Shared by the
// division table (which indexes both forms) and the chat (which recognises both in a question).

// Suffixes stripped to build short forms, longest first.
const SUFFIXES = ['维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '自治州', '自治县', '地区', '新区', '省', '市', '区', '县', '盟', '旗'];

export function shortName(name: string): string {
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return name;
}
