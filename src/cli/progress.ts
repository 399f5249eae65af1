import type { FetchLike } from '../adapters/http';

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

/** fetch that counts requests and, with --verbose, logs method, URL path, status and time. */
export function instrumentedFetch(base: FetchLike, log: (line: string) => void) {
  const counter = { requests: 0 };
  const fetchImpl: FetchLike = async (input, init) => {
    counter.requests += 1;
    const started = Date.now();
    const method = init?.method ?? 'GET';
    let where = input;
    try {
      const url = new URL(input);
      where = `${url.host}${url.pathname}${url.search}`;
    } catch {
      // keep the raw string
    }
    try {
      const response = await base(input, init);
      log(`${method} ${where} → ${response.status} (${Date.now() - started} ms)`);
      return response;
    } catch (e) {
      log(`${method} ${where} → failed after ${Date.now() - started} ms (${(e as Error).name})`);
      throw e;
    }
  };
  return { fetch: fetchImpl, counter };
}
