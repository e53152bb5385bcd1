// Loads a .env file into process.env at start-up (entry points only). Variables already set in
// the environment win. Missing file: nothing happens.
import { existsSync } from 'node:fs';

export function loadEnvFile(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
