// In-memory FeedbackStore and ConversationStore for tests of code that uses storage (the server):
// the adapters of src/storage/memory (which pass the contract suites in tests/storage), with every
// call recorded in `calls`.
import type { ConversationStore } from '../../src/storage/conversation-store.js';
import type { FeedbackStore } from '../../src/storage/feedback-store.js';
import { createMemoryConversationStore as memoryConversations } from '../../src/storage/memory/memory-conversation-store.js';
import { createMemoryFeedbackStore as memoryFeedback } from '../../src/storage/memory/memory-feedback-store.js';

export interface RecordedCall {
  method: string;
  args: unknown[];
}

/** Wraps every method of `target` so that its calls (arguments cloned) are kept in `calls`. */
function recording<T extends object>(target: T): T & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const wrapped = { calls } as T & { calls: RecordedCall[] };
  for (const [name, fn] of Object.entries(target)) {
    if (typeof fn !== 'function') continue;
    (wrapped as Record<string, unknown>)[name] = (...args: unknown[]) => {
      let kept: unknown[];
      try {
        kept = structuredClone(args);
      } catch {
        kept = args;
      }
      calls.push({ method: name, args: kept });
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  }
  return wrapped;
}

export function createMemoryFeedbackStore(options: { now?: () => Date } = {}): FeedbackStore & { calls: RecordedCall[] } {
  return recording(memoryFeedback(options));
}

export function createMemoryConversationStore(): ConversationStore & { calls: RecordedCall[] } {
  return recording(memoryConversations());
}
