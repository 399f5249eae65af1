import { historyIn, type ProjectInfo } from './devopsShapes';
import { resolveNowTokens, type Fixture } from './fixture';

/**
 * Execution history as the service pages it (REST reference "Endpoints - Get Service Endpoint Execution
 * Records", continuationToken int64; ServiceEndpointExecutionData.id in azure-devops-extension-api/ServiceEndpoint):
 * newest record first, `top` 50 by default and at most 1000, the continuation token the last record's id,
 * sent in `x-ms-continuationtoken` only when the page is full (so a history of exactly `top` records ends
 * with an empty page).
 */

export const HISTORY_TOP_DEFAULT = 50;
export const HISTORY_TOP_MAX = 1000;

export type HistoryRecord = { data?: Record<string, unknown> } & Record<string, unknown>;

const idOf = (r: HistoryRecord): number | null => {
  const id = r.data?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
};
const startOf = (r: HistoryRecord) => Date.parse(String(r.data?.startTime ?? '')) || 0;

/**
 * One project's history of an endpoint, `{{now}}` dates resolved, newest (highest id) first. Every record
 * the service sends has an id; a fixture record without one gets the next id after the fixture's own, in
 * the order the runs started (the service's ids grow with time).
 */
export function historyRecords(
  fixture: Fixture,
  endpoint: unknown,
  project: ProjectInfo,
  nowMs: number,
): HistoryRecord[] {
  return newestFirst(resolveNowTokens(historyIn(fixture, endpoint, project), nowMs) as HistoryRecord[]);
}

/** Records newest (highest id) first, numbered where they have no id. */
export function newestFirst(records: HistoryRecord[]): HistoryRecord[] {
  let next = records.reduce((max, r) => Math.max(max, idOf(r) ?? 0), 0);
  const unnumbered = records.filter((r) => idOf(r) === null).sort((a, b) => startOf(a) - startOf(b));
  const ids = new Map(unnumbered.map((r) => [r, ++next]));
  return records
    .map((r) => (ids.has(r) ? { ...r, data: { ...r.data, id: ids.get(r) } } : r))
    .sort((a, b) => (idOf(b) ?? 0) - (idOf(a) ?? 0));
}

/** The page `top` and `continuationToken` ask for; null when the token is not a record id (the service answers 400). */
export function historyPage(
  records: HistoryRecord[],
  q: URLSearchParams,
): { page: HistoryRecord[]; continuationToken: string | null } | null {
  const top = Math.min(HISTORY_TOP_MAX, Math.max(1, Number(q.get('top')) || HISTORY_TOP_DEFAULT));
  const token = q.get('continuationToken');
  const before = token === null || token === '' ? null : Number(token);
  if (before !== null && !Number.isSafeInteger(before)) return null;
  const page = records.filter((r) => before === null || (idOf(r) ?? 0) < before).slice(0, top);
  const last = page[page.length - 1];
  return { page, continuationToken: page.length === top && last ? String(idOf(last)) : null };
}
