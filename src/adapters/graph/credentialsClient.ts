import type { AppQuery } from '../../core/graphQueries';
import { graphRoot as cloudGraphRoot } from '../../core/links';
import { groupQueries, itemUrl, outcomeFor, TRANSIENT, type Group, type Item } from './batchParts';
import type { AppLookup } from '../../core/types';
import {
  DEFAULT_TIMEOUT_MS,
  fetchWithTimeout,
  HttpError,
  readJson,
  retryAfterMs,
  safeHost,
  type FetchLike,
} from '../http';
import { mapWithConcurrency } from '../pool';
import { isAbort, Retry, RETRY_POLICIES } from '../retry';

/**
 * Reads app registration credentials from Microsoft Graph for many connections at once:
 * one lookup per distinct (tenant, appId), 20 per `$batch`, a cap on batches in flight, per-item
 * outcomes, and 429s retried after Retry-After under the one retry policy (adapters/retry.ts).
 * `signal` cancels everything in flight (the hub's Refresh): lookupApps then rejects with AbortError.
 */

/**
 * Returns a Graph access token for the tenant, for the cloud whose Graph root is given (the scope is
 * `${cloudRoot}/.default` or `${cloudRoot}/Application.Read.All`); throws when none can be had.
 */
export type GraphTokenProvider = (tenantId: string, cloudRoot: string) => Promise<string>;

export interface GraphClientOptions {
  getToken: GraphTokenProvider;
  fetch?: FetchLike;
  /** Where to send requests for a cloud environment; defaults to that cloud's Graph (tests and sovereign proxies override it). */
  graphRootFor?: (environment: string) => string;
  batchSize?: number;
  concurrency?: number;
  timeoutMs?: number;
  /** Override the policy's tries and wait budget (RETRY_POLICIES.graph). */
  maxAttempts?: number;
  maxTotalWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
  /** Called as soon as one app's outcome is known, for progressive rendering. */
  onResult?: (key: string, lookup: AppLookup) => void;
}

export async function lookupApps(queries: AppQuery[], options: GraphClientOptions): Promise<Map<string, AppLookup>> {
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const batchSize = Math.min(20, options.batchSize ?? 20);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS.graph;
  const policy = {
    ...RETRY_POLICIES.graph,
    attempts: options.maxAttempts ?? RETRY_POLICIES.graph.attempts,
    budgetMs: options.maxTotalWaitMs ?? RETRY_POLICIES.graph.budgetMs,
  };
  const signal = options.signal;
  const results = new Map<string, AppLookup>();
  const settle = (key: string, lookup: AppLookup) => {
    results.set(key, lookup);
    options.onResult?.(key, lookup);
  };

  const groups = groupQueries(queries, options.graphRootFor ?? cloudGraphRoot);
  const tokens = new Map<Group, Promise<string>>();
  const jobs: { group: Group; items: Item[] }[] = [];
  for (const group of groups) {
    for (let i = 0; i < group.items.length; i += batchSize)
      jobs.push({ group, items: group.items.slice(i, i + batchSize) });
  }

  async function runBatch(group: Group, items: Item[]): Promise<void> {
    if (signal?.aborted) return;
    let token: string;
    try {
      if (!tokens.has(group)) tokens.set(group, options.getToken(group.tenantId, group.cloudRoot));
      token = await (tokens.get(group) as Promise<string>);
    } catch (e) {
      const message = (e as Error).message || 'no Graph token';
      for (const item of items) settle(item.key, { kind: 'no-access', message });
      return;
    }
    const retry = new Retry(policy, 'Microsoft Graph', { sleep: options.sleep, signal });
    let pending = items;
    while (pending.length > 0) {
      const again: Item[] = [];
      /** The longest Retry-After among the items to try again (null: none named one). */
      let asked: number | null = null;
      const ask = (header: string | null | undefined) => {
        const ms = retryAfterMs(header, Date.now());
        if (ms !== null) asked = Math.max(asked ?? 0, ms);
      };
      /** Graph did not answer (timeout, network): tried twice, not as often as a throttling answer. */
      let unreachable: string | null = null;
      try {
        const url = `${group.root}/v1.0/$batch`;
        const body = { requests: pending.map((item, i) => ({ id: String(i), method: 'GET', url: itemUrl(item) })) };
        const response = await fetchWithTimeout(
          fetchImpl,
          url,
          {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
            // Graph never redirects a $batch: following one would send the token's requests to another host.
            redirect: 'manual',
          },
          timeoutMs,
          signal,
        );
        // A browser shows a manual redirect as status 0 (opaqueredirect); Node as the 3xx itself.
        if (response.status === 0 || (response.status >= 300 && response.status < 400)) {
          const message = redirectMessage(url, response.status, response.headers.get('Location'));
          for (const item of pending) settle(item.key, { kind: 'error', message });
          return;
        }
        if (!response.ok) {
          const errorBody = await readJson(response, url).catch(() => null);
          if (!TRANSIENT.has(response.status)) {
            for (const item of pending) settle(item.key, outcomeFor(response.status, errorBody, item));
            return;
          }
          again.push(...pending);
          ask(response.headers.get('Retry-After'));
        } else {
          const json = (await readJson(response, url)) as { responses?: unknown };
          const answers = Array.isArray(json?.responses) ? json.responses : [];
          const byId = new Map<string, { status?: number; headers?: Record<string, string>; body?: unknown }>();
          for (const a of answers) byId.set(String((a as { id?: unknown }).id), a as never);
          pending.forEach((item, i) => {
            const answer = byId.get(String(i));
            const status = typeof answer?.status === 'number' ? answer.status : 0;
            if (TRANSIENT.has(status)) {
              again.push(item);
              ask(Object.entries(answer?.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1]);
            } else if (!answer) {
              settle(item.key, { kind: 'error', message: 'Graph left this request out of its batch answer' });
            } else {
              settle(item.key, outcomeFor(status, answer.body, item));
            }
          });
        }
      } catch (e) {
        if (isAbort(e)) throw e;
        const transient = e instanceof HttpError && e.status === null;
        if (!transient) {
          for (const item of pending) settle(item.key, { kind: 'error', message: (e as Error).message });
          return;
        }
        again.push(...pending);
        unreachable = (e as Error).message;
      }
      if (again.length === 0) return;
      const step = unreachable && retry.tries >= 2 ? null : retry.next(asked);
      if (!step?.retry) {
        const message = unreachable ?? step?.message ?? 'Graph did not answer';
        for (const item of again) settle(item.key, { kind: 'error', message });
        return;
      }
      await retry.wait(step.waitMs);
      pending = again;
    }
  }

  await mapWithConcurrency(jobs, options.concurrency ?? 4, (job) => runBatch(job.group, job.items));
  return results;
}

function redirectMessage(url: string, status: number, location: string | null): string {
  let to = '';
  try {
    if (location) to = ` to ${new URL(location, url).host}`;
  } catch {
    to = ' to an unreadable address';
  }
  return `Microsoft Graph at ${safeHost(url)} answered a redirect${status ? ` (${status})` : ''}${to}: not followed, so the request was not sent elsewhere`;
}
