// Every router of the app is case-sensitive and strict: `/API/chat` and `/api/chat/` are not
// `/api/chat`. Express matches case-insensitively by default, which let path variants slip past
// anything that compares paths (limits, quotas, auth) while still reaching the handler.
import { Router } from 'express';

export const ROUTING = { caseSensitive: true, strict: true } as const;

export function createRouter(): Router {
  return Router(ROUTING);
}
