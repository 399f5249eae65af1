/**
 * The one retry policy: how many tries, how long to back off when the server names no wait, and a
 * total wait budget. A server's Retry-After is honoured when it fits the budget; when it does not, we
 * stop at once and say the service is throttling and for how long it asked to wait, rather than
 * sleeping past what the caller can afford or retrying early (which Graph and Azure DevOps count
 * against us). Used by the Graph client, the REST calls of the scanner and the snapshot conflict loop.
 */

export interface RetryPolicy {
  /** Most tries in all, the first one included. */
  attempts: number;
  /** Most time spent waiting between tries, in all. */
  budgetMs: number;
  /** The first wait when the server names none; doubled on each later try. */
  baseMs: number;
}

export const RETRY_POLICIES = {
  /** Graph `$batch`: 429/503/504 items and batches (Graph asks for a few seconds at most when healthy). */
  graph: { attempts: 4, budgetMs: 30_000, baseMs: 500 },
  /** Azure DevOps REST (429 or 503 with Retry-After on busy organizations). */
  devops: { attempts: 3, budgetMs: 60_000, baseMs: 1_000 },
  /** Another writer saved the snapshot between our read and our write: read, merge and write again. */
  snapshotConflict: { attempts: 4, budgetMs: 3_000, baseMs: 100 },
} satisfies Record<string, RetryPolicy>;

export type RetryStep = { retry: true; waitMs: number } | { retry: false; message: string };

/** "1.5 s", "2 min", "1 h 30 min": how long a service asked us to wait. */
export function waitText(ms: number): string {
  if (ms < 10_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  const minutes = Math.round(ms / 60_000);
  return minutes < 120 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export class AbortedError extends Error {
  constructor() {
    super('the request was cancelled');
    this.name = 'AbortError';
  }
}

export function isAbort(e: unknown): boolean {
  return (e as { name?: unknown })?.name === 'AbortError';
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new AbortedError());
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

/**
 * The state of one operation's retries. After each failed try, `next` says whether to try again and
 * after how long; `wait` sleeps (abortably) and books the time against the budget.
 */
export class Retry {
  private attempt = 1;
  private waited = 0;

  constructor(
    readonly policy: RetryPolicy,
    /** Who answered, for messages: "Microsoft Graph", "dev.azure.com". */
    readonly service: string,
    private readonly options: { sleep?: (ms: number) => Promise<void>; signal?: AbortSignal } = {},
  ) {}

  get tries(): number {
    return this.attempt;
  }

  /** `askedMs` is the server's Retry-After (null when it named none); `what` says what went wrong. */
  next(askedMs: number | null, what = 'kept throttling'): RetryStep {
    const left = this.policy.budgetMs - this.waited;
    if (askedMs !== null && askedMs > left) {
      return {
        retry: false,
        message: `${this.service} is throttling: it asked to wait ${waitText(askedMs)}, more than the ${waitText(this.policy.budgetMs)} we wait in all; try again later`,
      };
    }
    if (this.attempt >= this.policy.attempts) {
      return {
        retry: false,
        message: `${this.service} ${what} after ${this.attempt} ${this.attempt === 1 ? 'try' : 'tries'}; try again later`,
      };
    }
    const waitMs = askedMs ?? Math.min(left, this.policy.baseMs * 2 ** (this.attempt - 1));
    return { retry: true, waitMs };
  }

  async wait(ms: number): Promise<void> {
    if (this.options.signal?.aborted) throw new AbortedError();
    if (this.options.sleep) await this.options.sleep(ms);
    else await abortableSleep(ms, this.options.signal);
    if (this.options.signal?.aborted) throw new AbortedError();
    this.waited += ms;
    this.attempt += 1;
  }
}
