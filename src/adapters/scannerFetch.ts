import type { FetchLike } from './http';
import type { Secrets } from './output';

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * fetch whose response bodies have every known secret masked before anyone parses them: a server
 * that echoes a token into a name or an error message cannot make us print it, not even cut short.
 */
export function scrubbingFetch(base: FetchLike, secrets: Secrets): FetchLike {
  return async (input, init) => {
    const response = await base(input, init);
    if (NULL_BODY.has(response.status)) return response;
    const text = secrets.scrub(await response.text());
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
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
