// Chat state without DOM: messages and the session id, kept in sessionStorage across page
// reloads, and one `send` that streams a turn. When the server no longer knows the session
// (expired: 404 / NOT_FOUND), the turn is retried transparently in a new session, carrying the
// recent conversation as history so follow-up questions still resolve.
import { ApiError, type ApiClient, type ChatBody } from '../shared/api-client.js';
import type { ChatResponse, Citation, CompanyProfile, FollowUpQuestion, MatchedMeasure, Suggestion, ValidityInfo, ChatMatch } from '../shared/types.js';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  /** Assistant: still streaming. */
  pending?: boolean;
  citations?: Citation[];
  validity?: ValidityInfo[];
  suggestions?: Suggestion[];
  measures?: MatchedMeasure[];
  questions?: FollowUpQuestion[];
  /** The company profile the measures were matched for (answers to open questions extend it). */
  profile?: CompanyProfile;
  abstained?: boolean;
  turnId?: string;
  sessionId?: string;
  /** The user question this answer replies to (for feedback and retry). */
  question?: string;
  rating?: 'up' | 'down';
  error?: string;
  /** Refs retrieval considered (sent with feedback, useful for gold cases). */
  retrievedRefs?: string[];
}

export interface ChatState {
  sessionId?: string;
  messages: ChatMessage[];
}

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type ChatEvent =
  | { type: 'reset' }
  | { type: 'added'; message: ChatMessage }
  | { type: 'text' | 'measures' | 'done'; message: ChatMessage }
  | { type: 'firstToken'; message: ChatMessage };

export interface ChatSessionOptions {
  api: Pick<ApiClient, 'streamChat'>;
  storage?: KeyValueStore | null;
  storageKey: string;
  /** Turns of history sent when a session expired. */
  historyTurns?: number;
  /** Measures kept per message in storage (eligible and possible ones are what the UI shows). */
  keepMeasure?: (m: MatchedMeasure) => boolean;
  newId?: () => string;
  onResponse?: (response: ChatResponse, message: ChatMessage) => void;
  /** Extra request fields sent with every question (e.g. the console's current profile). */
  extraBody?: () => Partial<ChatBody>;
}

const MAX_STORED_MESSAGES = 60;

let counter = 0;
const defaultId = () => `m${Date.now().toString(36)}${(counter++).toString(36)}`;

export function loadState(storage: KeyValueStore | null | undefined, key: string): ChatState {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return { messages: [] };
    const parsed = JSON.parse(raw) as ChatState;
    if (!parsed || !Array.isArray(parsed.messages)) return { messages: [] };
    // A reload in the middle of a stream leaves a pending message that will never finish.
    const messages = parsed.messages.map((m) =>
      m.pending ? { ...m, pending: false, error: m.text ? undefined : '上次回答未完成，请重新提问。' } : m,
    );
    return { sessionId: typeof parsed.sessionId === 'string' ? parsed.sessionId : undefined, messages };
  } catch {
    return { messages: [] };
  }
}

/** Conversation history for a retry in a new session (user/assistant text only). */
export function historyFrom(messages: readonly ChatMessage[], turns: number): ChatBody['history'] {
  return messages
    .filter((m) => !m.pending && !m.error && m.text)
    .slice(-turns)
    .map((m) => ({ role: m.role, content: m.text }));
}

export function createChatSession(opts: ChatSessionOptions) {
  const { api, storage, storageKey, historyTurns = 10, newId = defaultId, keepMeasure = (m) => m.status !== 'not_eligible' } = opts;
  const state: ChatState = loadState(storage, storageKey);
  const listeners = new Set<(e: ChatEvent) => void>();
  let busy = false;

  const emit = (e: ChatEvent) => listeners.forEach((l) => l(e));

  function save(): void {
    if (!storage) return;
    const messages = state.messages.slice(-MAX_STORED_MESSAGES).map((m) => ({
      ...m,
      measures: m.measures?.filter(keepMeasure),
    }));
    try {
      storage.setItem(storageKey, JSON.stringify({ sessionId: state.sessionId, messages }));
    } catch {
      // Storage full or disabled (private mode): the conversation simply does not survive a reload.
    }
  }

  function add(message: ChatMessage): ChatMessage {
    state.messages.push(message);
    emit({ type: 'added', message });
    return message;
  }

  async function stream(body: ChatBody, reply: ChatMessage): Promise<ChatResponse> {
    let first = true;
    return api.streamChat(body, {
      onToken(text) {
        reply.text += text;
        if (first) {
          first = false;
          emit({ type: 'firstToken', message: reply });
        }
        emit({ type: 'text', message: reply });
      },
      onCitation(c) {
        (reply.citations ??= []).push(c);
      },
      onMeasure(m) {
        (reply.measures ??= []).push(m);
        emit({ type: 'measures', message: reply });
      },
    });
  }

  return {
    state,
    get busy() {
      return busy;
    },
    subscribe(listener: (e: ChatEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Sends a question and streams the answer; resolves when the turn finished (or failed). */
    async send(text: string): Promise<ChatMessage | null> {
      const message = text.trim();
      if (!message || busy) return null;
      busy = true;
      const history = historyFrom(state.messages, historyTurns);
      add({ id: newId(), role: 'user', text: message });
      const reply = add({ id: newId(), role: 'assistant', text: '', pending: true, question: message });
      save();
      try {
        let response: ChatResponse;
        try {
          response = await stream({ message, ...opts.extraBody?.(), ...(state.sessionId ? { sessionId: state.sessionId } : {}) }, reply);
        } catch (err) {
          const expired = err instanceof ApiError && err.code === 'NOT_FOUND' && !!state.sessionId && reply.text === '';
          if (!expired) throw err;
          state.sessionId = undefined;
          reply.measures = undefined;
          reply.citations = undefined;
          response = await stream({ message, ...opts.extraBody?.(), ...(history?.length ? { history } : {}) }, reply);
        }
        state.sessionId = response.sessionId;
        const match = response.match as ChatMatch | undefined;
        Object.assign(reply, {
          text: response.answer,
          pending: false,
          citations: response.citations,
          validity: response.validity ?? [],
          suggestions: response.suggestions ?? [],
          abstained: response.abstained,
          turnId: response.turnId,
          sessionId: response.sessionId,
          measures: match?.measures ?? reply.measures,
          questions: match?.questions,
          profile: match?.profile,
          retrievedRefs: (response.retrieved ?? []).map((r) => r.ref).slice(0, 50),
        });
        opts.onResponse?.(response, reply);
      } catch (err) {
        reply.pending = false;
        reply.error = err instanceof ApiError ? err.message : '回答生成失败，请稍后再试。';
      } finally {
        busy = false;
        save();
        emit({ type: 'done', message: reply });
      }
      return reply;
    },
    /** Removes a failed answer and its question, then asks again. */
    async retry(reply: ChatMessage): Promise<ChatMessage | null> {
      const i = state.messages.indexOf(reply);
      if (i < 1 || !reply.question) return null;
      state.messages.splice(i - 1, 2);
      save();
      emit({ type: 'reset' });
      return this.send(reply.question);
    },
    /** Records a rating on a message (the view posts it). */
    rate(reply: ChatMessage, rating: 'up' | 'down'): void {
      reply.rating = rating;
      save();
    },
    /** Adds measures found outside the chat stream (the /api/match fallback). */
    attachMeasures(reply: ChatMessage, measures: MatchedMeasure[], questions: FollowUpQuestion[], profile?: CompanyProfile): void {
      reply.measures = measures;
      reply.questions = questions;
      if (profile) reply.profile = profile;
      save();
      emit({ type: 'measures', message: reply });
    },
    clear(): void {
      state.sessionId = undefined;
      state.messages.length = 0;
      try {
        storage?.removeItem(storageKey);
      } catch {
        // ignore
      }
      emit({ type: 'reset' });
    },
  };
}

export type ChatSession = ReturnType<typeof createChatSession>;
