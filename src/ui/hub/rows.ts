import { keyFor } from '../../adapters/graph/forConnections';
import { typeLabel, schemeLabel } from '../../core/format';
import { compareVerdicts } from '../../core/summary';
import { severityRank } from '../../core/thresholds';
import type { Connection, Status, Verdict } from '../../core/types';
import { computeVerdict } from '../../core/verdict';
import type { HubData } from './useHubData';

/** One table row: a connection, its verdict, and the text the table shows and filters on. */
export interface HubRow {
  id: string;
  connection: Connection;
  verdict: Verdict;
  /** Graph has not answered yet for this row. */
  pending: boolean;
  appName: string | null;
  typeText: string;
  authText: string;
  haystack: string;
}

export function buildRows(data: HubData, noAccess: string | null, nowMs: number): HubRow[] {
  return data.connections.map((connection) => {
    const key = keyFor(connection);
    const pending = key !== null && data.pending.has(key);
    let lookup = key ? data.lookups.get(key) : undefined;
    if (key && !lookup && noAccess) lookup = { kind: 'no-access', message: noAccess };
    const verdict = computeVerdict({
      connection,
      lookup,
      nowMs,
      thresholds: data.thresholds,
      homeTenantId: data.homeTenantId,
    });
    const appName = lookup?.kind === 'found' ? lookup.app.displayName : null;
    const typeText = typeLabel(connection);
    const authText = schemeLabel(connection);
    const haystack = [
      connection.name,
      typeText,
      authText,
      appName,
      connection.appId,
      connection.tenantId,
      verdict.reason,
      connection.description,
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return { id: connection.id, connection, verdict, pending, appName, typeText, authText, haystack };
  });
}

export type SortKey = 'name' | 'type' | 'auth' | 'app' | 'tenant' | 'expiry' | 'status';

export interface ViewOptions {
  keyword: string;
  statuses: Status[];
  sort: { key: SortKey; descending: boolean } | null;
}

const byText = (f: (r: HubRow) => string) => (a: HubRow, b: HubRow) => f(a).localeCompare(f(b));

const COMPARERS: Record<SortKey, (a: HubRow, b: HubRow) => number> = {
  name: byText((r) => r.connection.name),
  type: byText((r) => r.typeText),
  auth: byText((r) => r.authText),
  app: byText((r) => r.appName ?? r.connection.appId ?? ''),
  tenant: byText((r) => r.connection.tenantId ?? ''),
  expiry: (a, b) => (a.verdict.expiresAt ?? '9999').localeCompare(b.verdict.expiresAt ?? '9999'),
  status: (a, b) => severityRank(a.verdict.status) - severityRank(b.verdict.status),
};

/** Keyword (every word must appear) and status filters, then the chosen sort or severity order. */
export function viewRows(rows: HubRow[], options: ViewOptions): HubRow[] {
  const words = options.keyword.toLowerCase().split(/\s+/).filter(Boolean);
  const statuses = new Set(options.statuses);
  const visible = rows.filter(
    (r) => (statuses.size === 0 || statuses.has(r.verdict.status)) && words.every((w) => r.haystack.includes(w)),
  );
  const sort = options.sort;
  if (!sort)
    return visible.sort((a, b) =>
      compareVerdicts({ name: a.connection.name, verdict: a.verdict }, { name: b.connection.name, verdict: b.verdict }),
    );
  const compare = COMPARERS[sort.key];
  return visible.sort(
    (a, b) => (sort.descending ? -1 : 1) * compare(a, b) || a.connection.name.localeCompare(b.connection.name),
  );
}
