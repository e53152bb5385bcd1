// Where the gold question splits live (see split-gold.ts and evals/README.md).

/** Tune on dev; report and gate on test (which also holds questions written after the split). */
export const GOLD_SPLITS = {
  dev: 'evals/gold/questions.dev.jsonl',
  test: 'evals/gold/questions.test.jsonl',
} as const;
