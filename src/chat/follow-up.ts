// Follow-up resolution (pure): a short or elliptical question ("那申请找哪个部门？", "上限是多少？")
// is read against the conversation's earlier turns before retrieval.
import type { ChatTurn } from '../domain/chat.js';

export interface ResolvedQuestion {
  /** Text used for retrieval. */
  query: string;
  isFollowUp: boolean;
  /** Refs cited in the previous assistant turn, preferred when the follow-up names no topic. */
  contextRefs: string[];
  /** The earlier user question the follow-up was joined with. */
  previousQuestion?: string;
}

const LEADING = /^(那|那么|那个|那这个|还有|另外|然后|这个|这|它|其|该|此|上述|如果|要是|假如|所以|并且|而且|再问|顺便)/u;
const ANAPHORA = /(这个|这项|这条|该项|该政策|该条|上面|刚才|前面|上述|它的|其中|这些|那些|同样|也能|也可以|呢[？?]?$)/u;

export function isFollowUpQuestion(message: string, history: ChatTurn[]): boolean {
  if (!history.some((t) => t.role === 'user')) return false;
  const m = message.trim();
  const bare = m.replace(/[\s？?！!。，,]/gu, '');
  return bare.length <= 10 || LEADING.test(m) || ANAPHORA.test(m);
}

export function resolveFollowUp(message: string, history: ChatTurn[]): ResolvedQuestion {
  const lastAssistant = [...history].reverse().find((t) => t.role === 'assistant');
  const contextRefs = lastAssistant?.refs ?? [];
  if (!isFollowUpQuestion(message, history)) return { query: message, isFollowUp: false, contextRefs: [] };
  // Join with the latest user question that was itself not a follow-up, so chains stay anchored.
  const users = history.filter((t) => t.role === 'user').map((t) => t.content);
  let anchor = users[users.length - 1] ?? '';
  for (let i = users.length - 1; i >= 0; i--) {
    const earlier = history.slice(0, history.findIndex((t) => t.role === 'user' && t.content === users[i]));
    if (!isFollowUpQuestion(users[i]!, earlier)) {
      anchor = users[i]!;
      break;
    }
  }
  return { query: `${anchor} ${message}`.trim(), isFollowUp: true, contextRefs, previousQuestion: anchor };
}
