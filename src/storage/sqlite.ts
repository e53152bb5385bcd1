// Kept so that existing imports of the SQLite opener keep working; the adapter lives in sqlite/.
export * from './sqlite/open-sqlite.js';
