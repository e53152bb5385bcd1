// A small terminal progress bar on stderr (no dependency). Falls back to plain lines when not a TTY.
export function createProgressBar(stream: NodeJS.WriteStream = process.stderr): (done: number, total: number, stage: string) => void {
  let lastLine = '';
  let lastStage = '';
  return (done, total, stage) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 28;
    const filled = Math.round(ratio * width);
    const line = `${stage.padEnd(10, '　')} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}`;
    if (stream.isTTY) {
      stream.write(`\r${line}`);
      if (ratio >= 1) stream.write('\n');
    } else if (stage !== lastStage || ratio >= 1) {
      if (line !== lastLine) stream.write(`${line}\n`);
    }
    lastLine = line;
    lastStage = stage;
  };
}
