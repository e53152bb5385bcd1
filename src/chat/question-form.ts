// Whether a message asks a question rather than describing a company (pure). A question that
// mentions where the company is ("我们在乐清，乐清算不算试验区") stays a question: saying where you are
// is context for the answer, not a request to match every measure.

const ASKS = /[？?]|吗|呢|么|什么|怎么|咋|啥|多少|多久|多长|多大|几|哪|谁|为何|为啥|如何|怎样|是否|能否|可否|有无|有没有|(\p{Script=Han})不\1|不[?？]?$|有\p{Script=Han}{1,15}没(有)?[?？]?$/u;
/** The asker speaking of their own business ("我们厂", "我司"). */
const SELF = /(我们|我司|我公司|本公司|我厂|本企业|我家|咱们|咱家|我是|我开|我有)/u;
/** Asking what applies to one's business in general: that is a request for matching. */
const GENERAL = /(能享受|可以享受|享受什么|享受哪些|哪些政策|什么政策|啥政策|有什么支持|有啥支持|有什么扶持|有啥扶持|适用哪些|适用什么|帮我匹配|帮我看看|政策体检)/u;
/** Profile fields that only say where or what kind of body the asker is. */
export const WHERE_FIELDS: ReadonlySet<string> = new Set(['region', 'cityName', 'inWenzhou', 'entityType']);

/** Asking whether the asker qualifies ("能申请吗", "够不够格", "会不会卡"). */
const ELIGIBILITY = /(能申请|可以申请|能不能申请|能报|能不能报|可以报|够不够|够格|符合吗|符不符合|有资格|能享受吗|能不能享受|能拿吗|能不能拿|能领吗|能不能领|能评吗|能不能评|会不会卡|卡不卡)/u;

export function asksEligibility(message: string): boolean {
  return ELIGIBILITY.test(message);
}

/** 前几年, 好几个, 十几辆, 几十万, 断了几年: a vague or past quantity, never a question. */
const VAGUE_JI = /(前|好|这|那|十|二十|三十|了)几|几(十|百|千|万)/gu;

export function asksQuestion(message: string): boolean {
  return ASKS.test(message.replace(VAGUE_JI, ''));
}

/**
 * True when the message is a question that matching should leave alone: it says nothing about the
 * asker's own business, or the only facts it states are where the asker is.
 */
export function isLocatedQuestion(message: string, facts: string[]): boolean {
  if (!asksQuestion(message) || GENERAL.test(message)) return false;
  return !SELF.test(message) || (facts.length > 0 && facts.every((f) => WHERE_FIELDS.has(f)));
}

/** A message's parts between punctuation, long enough to be read alone (6+ characters unless told). */
export function messageParts(message: string, minChars = 6): string[] {
  return message.split(/[，,。！!？?；;\n]+/u).map((p) => p.trim()).filter((p) => [...p].length >= minChars);
}

/**
 * The parts of a story that ask, each with the part just before it when that one tells rather than
 * asks ("…场地租金一年七八万，区里能帮着出多少？" keeps 场地租金): what the asker wants to know, without
 * the story before it. Undefined for a short message, or when every part asks or none does.
 */
export function askingText(message: string): string | undefined {
  const parts = messageParts(message, 1);
  if (parts.length < ASKING_MIN_PARTS) return undefined;
  const keep = new Set<number>();
  parts.forEach((p, i) => {
    if (!asksQuestion(p)) return;
    keep.add(i);
    if (i > 0 && !asksQuestion(parts[i - 1]!)) keep.add(i - 1);
  });
  if (keep.size === 0 || keep.size === parts.length) return undefined;
  return [...keep].sort((a, b) => a - b).map((i) => parts[i]).join('，');
}
/** A message of fewer parts is all ask. */
const ASKING_MIN_PARTS = 3;

/** The one part of a longer message that asks ("…实在照顾不过来。温州的长护险能用吗？"), else null. */
export function askingPart(message: string): string | null {
  const parts = messageParts(message);
  const asking = parts.filter((p) => asksQuestion(p));
  return parts.length >= 2 && asking.length === 1 ? asking[0]! : null;
}
