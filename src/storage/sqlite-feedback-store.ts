// Kept so that existing imports keep working; the adapter lives in sqlite/.
export * from './sqlite/sqlite-feedback-store.js';
