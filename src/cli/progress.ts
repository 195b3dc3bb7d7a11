/** A one-line progress bar on stderr (plain lines when stderr is not a terminal). */
export function progressBar() {
  let lastPhase = '';
  let lastPrint = 0;
  return (phase: string, done: number, total: number) => {
    const now = Date.now();
    if (phase === lastPhase && done < total && now - lastPrint < 200) return;
    lastPrint = now;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    const line = `${phase.padEnd(26)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${done}/${total}`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}`);
      if (done >= total) process.stderr.write('\n');
    } else if (phase !== lastPhase || done >= total || pct % 10 === 0) {
      process.stderr.write(`${line}\n`);
    }
    lastPhase = phase;
  };
}
