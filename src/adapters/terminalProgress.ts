/** Progress on a terminal (stderr), redrawn in place at most every 100 ms. */
export function progressReporter(write: (text: string) => void, enabled: boolean) {
  let last = 0;
  let shown = false;
  return {
    update(phase: string, done: number, total: number): void {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done !== total) return;
      last = now;
      shown = true;
      write(`\r\x1b[K${phase}${total > 0 ? ` ${done}/${total}` : '…'}`);
    },
    clear(): void {
      if (shown) write('\r\x1b[K');
      shown = false;
    },
  };
}
