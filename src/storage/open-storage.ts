// Composition helper for main.ts: one database handle and the stores built on it.
import type { ConversationStore } from './conversation-store.js';
import type { Database } from './database.js';
import type { FeedbackStore } from './feedback-store.js';
import { createSqliteConversationStore } from './sqlite-conversation-store.js';
import { createSqliteFeedbackStore } from './sqlite-feedback-store.js';
import { openDatabase, type OpenDatabaseOptions } from './sqlite.js';

export interface Storage {
  db: Database;
  feedback: FeedbackStore;
  conversations: ConversationStore;
  /** Closes the database; stop retention first. */
  close(): void;
}

export function openStorage(options: OpenDatabaseOptions): Storage {
  const db = openDatabase(options);
  const now = options.now;
  return {
    db,
    feedback: createSqliteFeedbackStore(db, { now }),
    conversations: createSqliteConversationStore(db, { now }),
    close: () => db.close(),
  };
}
