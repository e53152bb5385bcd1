// Fake EvalTarget and fake in-process services for eval tests: scripted replies, recorded calls.
import type { ChatObservation, MatchObservation } from '../../src/eval/case-scoring.js';
import type { EvalChatRequest, EvalMatchRequest, EvalTarget, InProcessServices } from '../../src/eval/targets.js';

export type ChatScript = Partial<ChatObservation> & { cites?: string[]; retrieves?: string[]; throws?: string };
export type MatchScript = { returns?: Record<string, 'eligible' | 'possible' | 'not_eligible'>; throws?: string };

export function chatObservation(s: ChatScript = {}): ChatObservation {
  return {
    answer: s.answer ?? '',
    abstained: s.abstained ?? false,
    citations: s.citations ?? (s.cites ?? []).map((ref) => ({ ref })),
    retrieved: s.retrieved ?? (s.retrieves ?? s.cites ?? []).map((ref) => ({ ref })),
    mode: s.mode ?? 'offline',
    resolvedQuestion: s.resolvedQuestion ?? '',
    droppedCitations: s.droppedCitations ?? [],
  };
}

export interface FakeTarget extends EvalTarget {
  chatCalls: EvalChatRequest[];
  matchCalls: EvalMatchRequest[];
}

/** Replies are keyed by the message (chat) or the description (match); unknown keys abstain / return nothing. */
export function createFakeTarget(
  chat: Record<string, ChatScript> = {},
  match: Record<string, MatchScript> = {},
  knownRefs?: string[],
): FakeTarget {
  const chatCalls: EvalChatRequest[] = [];
  const matchCalls: EvalMatchRequest[] = [];
  return {
    name: 'fake',
    chatCalls,
    matchCalls,
    async chat(request) {
      chatCalls.push(request);
      const s = chat[request.message] ?? { abstained: true, answer: '抱歉，文件中没有找到相关内容。' };
      if (s.throws) throw new Error(s.throws);
      return chatObservation({ resolvedQuestion: request.message, ...s });
    },
    async match(request) {
      matchCalls.push(request);
      const s = match[request.description ?? JSON.stringify(request.profile)] ?? {};
      if (s.throws) throw new Error(s.throws);
      return { measures: Object.entries(s.returns ?? {}).map(([ref, status]) => ({ ref, status })) } satisfies MatchObservation;
    },
    ...(knownRefs ? { knownRefs: () => knownRefs } : {}),
  };
}

/** Services shaped like AppServices' chat/match/search, for inProcessTarget. */
export function createFakeServices(target: FakeTarget, units: string[] = []): InProcessServices {
  return {
    chat: { answer: (r) => target.chat(r) },
    match: { match: (r) => target.match(r) },
    search: { corpus: { units: units.map((key) => ({ key })) } },
  };
}
