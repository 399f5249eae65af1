import { retryAfterMs, type FetchLike } from '../adapters/http';
import type { Secrets } from './io';

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

const THROTTLED = new Set([429, 503]);

/**
 * Azure DevOps throttles busy organizations with 429 (or 503) and Retry-After: wait and try again,
 * at most `attempts` times and `maxWaitMs` in all. The caller's timeout signal still bounds the call.
 */
export function retryingFetch(
  base: FetchLike,
  log: (line: string) => void,
  attempts = 3,
  maxWaitMs = 60_000,
): FetchLike {
  return async (input, init) => {
    let waited = 0;
    for (let attempt = 1; ; attempt++) {
      const response = await base(input, init);
      if (!THROTTLED.has(response.status) || attempt >= attempts) return response;
      const wait = Math.min(
        retryAfterMs(response.headers.get('Retry-After'), Date.now()) ?? 2 ** attempt * 1000,
        30_000,
      );
      if (waited + wait > maxWaitMs) return response;
      await response.body?.cancel();
      log(`throttled (${response.status}): retrying in ${Math.round(wait / 100) / 10} s`);
      await abortableSleep(wait, init?.signal ?? undefined);
      waited += wait;
    }
  };
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
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
