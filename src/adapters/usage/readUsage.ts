import { dict } from '../../core/raw';
import { mapWithConcurrency } from '../pool';
import { DAY_MS } from '../../core/days';
import type { ProjectRef } from '../../core/types';
import { parseExecutionRecord, usageOf, USAGE_WINDOW_DAYS, type UsageMap, type UsageRecord } from '../../core/usage';
import { readWhole } from '../../core/usageRule';

/**
 * Reads the execution history of many connections into a usage map: bounded concurrency, newest
 * records first, stopping per connection at the end of the history, past the usage window, at the
 * newest record an earlier reading held (`since`), or at a page cap. Whether the reading is whole is
 * core/usageRule readWhole's call. One failing connection costs its own entry, never the map.
 */

export interface HistoryPage {
  records: unknown[];
  /** The `x-ms-continuationtoken` header, when the service has more. */
  continuationToken: string | null;
}

/** One page of `GET {project}/_apis/serviceendpoint/{endpointId}/executionhistory`. */
export type FetchHistoryPage = (
  endpointId: string,
  top: number,
  continuationToken: string | null,
) => Promise<HistoryPage>;

export interface ReadUsageOptions {
  nowMs: number;
  concurrency?: number;
  pageSize?: number;
  maxPages?: number;
  windowDays?: number;
  /** The project whose history this is (history is per project): each use and the reading carry it. */
  project?: ProjectRef;
  /** The reader is a project administrator there (an empty history is then really empty). */
  admin?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Connection id (lower case) → the newest record id of an earlier reading in this project, and whether
   * that reading was whole: its history is read newest first down to that record (counted again).
   */
  since?: Record<string, { stopAt: number; knownWhole: boolean }>;
}

export interface UsageReading {
  usage: UsageMap;
  /** Connection id → why its history could not be read. */
  failures: Record<string, string>;
  requests: number;
}

export async function readUsage(
  connectionIds: string[],
  fetchPage: FetchHistoryPage,
  options: ReadUsageOptions,
): Promise<UsageReading> {
  const pageSize = options.pageSize ?? 100;
  const maxPages = options.maxPages ?? 5;
  const since = new Date(options.nowMs - (options.windowDays ?? USAGE_WINDOW_DAYS) * DAY_MS).toISOString();
  const readAt = new Date(options.nowMs).toISOString();
  const usage: UsageMap = dict();
  const failures = dict<string>();
  let requests = 0;
  let done = 0;
  const ids = [...new Set(connectionIds.map((id) => id.toLowerCase()))];
  await mapWithConcurrency(ids, options.concurrency ?? 6, async (id) => {
    const records: UsageRecord[] = [];
    const known = options.since?.[id];
    let token: string | null = null;
    let complete = false;
    try {
      for (let page = 0; page < maxPages; page++) {
        requests += 1;
        const answer = await fetchPage(id, pageSize, token);
        let reachedKnown = false;
        for (const raw of answer.records) {
          const r = parseExecutionRecord(raw);
          if (r) records.push(r);
          if (known && r?.recordId === known.stopAt) {
            reachedKnown = true;
            break;
          }
        }
        token = answer.continuationToken || null;
        const oldest = records.reduce<string | null>(
          (min, r) => (min === null || r.usedAt < min ? r.usedAt : min),
          null,
        );
        const ended = !token || answer.records.length === 0;
        const pastWindow = oldest !== null && oldest < since;
        complete = readWhole({ ended, pastWindow, reachedKnown, knownWhole: known?.knownWhole === true });
        if (ended || pastWindow || reachedKnown) break;
      }
      usage[id] = usageOf(records, readAt, complete, options.project, options.admin);
    } catch (e) {
      failures[id] = e instanceof Error ? e.message : String(e);
    } finally {
      options.onProgress?.(++done, ids.length);
    }
  });
  return { usage, failures, requests };
}
