// The pino adapter (the only pino import): JSON logs at a configured level, with every known
// secret value scrubbed from the final output line, whatever field or error it travelled in.
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level?: string;
  /** Values that must never appear in a log line (API keys, tokens); short ones are ignored. */
  secrets?: Array<string | undefined>;
  /** Where lines go; default stdout. Tests pass a collecting stream. */
  destination?: DestinationStream;
}

const REDACTED = '[已隐藏]';
const MIN_SECRET_LENGTH = 6;

/** Replaces each secret (raw and JSON-escaped) in a string. */
export function secretScrubber(secrets: Array<string | undefined>): (s: string) => string {
  const needles = [
    ...new Set(
      secrets
        .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
        .flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]),
    ),
  ].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return (s) => s;
  return (s) => needles.reduce((acc, n) => (acc.includes(n) ? acc.split(n).join(REDACTED) : acc), s);
}

export function createLogger({ level = 'info', secrets = [], destination }: LoggerOptions = {}): Logger {
  const scrub = secretScrubber(secrets);
  const options: pino.LoggerOptions = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: { streamWrite: scrub },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that writes nothing (tests, tools). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
