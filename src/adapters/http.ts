import { AbortedError, Retry, waitText, type RetryPolicy } from './retry';

/** Small fetch helpers shared by the Azure DevOps and Graph adapters (browser and Node). */

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryAfterMs: number | null = null,
    /** The error answer's JSON body (`typeKey`, `message`…), read by adapters/serverError.ts; null when it had none. */
    readonly serverError: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * What fetchWithTimeout returns: the status, the headers and the body, already read. Reading the body
 * is inside the deadline, so a server that sends headers and then stalls is a timeout, not a hang.
 */
export interface FetchedResponse {
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * A request's deadline when its caller names none (fetchWithTimeout is the one timeout helper):
 * Azure DevOps REST, and a Graph $batch (shorter: the pages wait on it before a row can settle).
 */
export const DEFAULT_TIMEOUT_MS = { devops: 30_000, graph: 20_000 } as const;

/**
 * fetch with a deadline that covers the headers and the body; network failures and timeouts become
 * HttpError with status null. `signal` cancels it (Refresh in the hub): that rejects with AbortError.
 */
export async function fetchWithTimeout(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<FetchedResponse> {
  if (signal?.aborted) throw new AbortedError();
  const controller = new AbortController();
  let timedOut = false;
  const aborted = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(new AbortedError()), { once: true }),
  );
  aborted.catch(() => undefined);
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const cancel = () => controller.abort();
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    // A fetch (or a test fake) that ignores the signal still loses the race.
    const response = await Promise.race([fetchImpl(url, { ...init, signal: controller.signal }), aborted]);
    const text = await Promise.race([response.text(), aborted]);
    return { ok: response.ok, status: response.status, headers: response.headers, text: async () => text };
  } catch (e) {
    if (signal?.aborted) throw new AbortedError();
    const host = safeHost(url);
    if (timedOut)
      throw new HttpError(
        `${host} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`,
        null,
      );
    if (e instanceof HttpError) throw e;
    throw new HttpError(`cannot reach ${host} (${(e as Error).message || 'network error'})`, null);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', cancel);
  }
}

/** Azure DevOps throttles busy organizations with 429, or 503, and Retry-After. */
const THROTTLED = new Set([429, 503]);

export interface RetryingFetchOptions {
  timeoutMs: number;
  policy: RetryPolicy;
  signal?: AbortSignal;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * fetchWithTimeout, tried again on 429/503 under the retry policy (each try has its own deadline).
 * When the policy gives up, HttpError says so: "… is throttling: it asked to wait 10 min …".
 */
export async function fetchRetrying(
  fetchImpl: FetchLike,
  url: string,
  init: RequestInit,
  options: RetryingFetchOptions,
): Promise<FetchedResponse> {
  const retry = new Retry(options.policy, safeHost(url), { signal: options.signal, sleep: options.sleep });
  for (;;) {
    const response = await fetchWithTimeout(fetchImpl, url, init, options.timeoutMs, options.signal);
    if (!THROTTLED.has(response.status)) return response;
    const asked = retryAfterMs(response.headers.get('Retry-After'), Date.now());
    const step = retry.next(asked, `kept answering ${response.status}`);
    if (!step.retry) throw new HttpError(step.message, response.status, asked);
    options.log?.(`${safeHost(url)} throttled (${response.status}): retrying in ${waitText(step.waitMs)}`);
    await retry.wait(step.waitMs);
  }
}

export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

/** Retry-After in milliseconds (seconds or an HTTP date), or null. */
export function retryAfterMs(value: string | null | undefined, nowMs: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return isNaN(date) ? null : Math.max(0, date - nowMs);
}

/** Reads a JSON body; a body that is not JSON becomes an HttpError naming the host. */
export async function readJson(response: FetchedResponse, url: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(`${safeHost(url)} sent a response that is not JSON (HTTP ${response.status})`, response.status);
  }
}

/** The worker pool lives in ./pool; re-exported for the pages that still import it from here. */
export { mapWithConcurrency } from './pool';
