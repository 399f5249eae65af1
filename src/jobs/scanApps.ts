import { lookupAppsWithFollowUp } from '../adapters/graph/notFoundFollowUp';
import { oneLine } from '../adapters/output';
import { keyFor, lookupFor, queriesFor } from '../core/graphQueries';
import type { ListedConnection } from '../core/orgListing';
import type { AppLookup, Connection } from '../core/types';
import type { ScanDeps, ScanInput, ScanProblem } from './scan';

/** The scan's Graph step: the app registrations its connections name, and what Graph could not answer. */

/** Graph's answer for every app registration the connections name ($batch, with the not-found follow-up). */
export async function readApps(
  found: ListedConnection[],
  input: ScanInput,
  deps: ScanDeps,
): Promise<Map<string, AppLookup>> {
  const queries = queriesFor(found.map((f) => f.connection));
  if (queries.length === 0) return new Map();
  const total = new Set(queries.map((q) => `${q.tenantId}|${q.appId}`.toLowerCase())).size;
  let answered = 0;
  deps.log(`Microsoft Graph: ${total} app registration(s) for ${found.length} connection(s)`);
  return lookupAppsWithFollowUp(queries, {
    getToken: deps.graph.getToken,
    tokenAtHand: (tenantId, cloudRoot) => deps.graph.getToken(tenantId, cloudRoot).catch(() => null),
    fetch: deps.fetch,
    graphRootFor: input.graphUrl ? () => input.graphUrl as string : undefined,
    concurrency: input.concurrency,
    timeoutMs: input.timeoutMs,
    onResult: () => deps.progress('Reading app registrations', ++answered, total),
  });
}

/** One problem per app registration Graph did not answer for (found and not-found are verdicts). */
export function appProblems(found: { connection: Connection }[], results: Map<string, AppLookup>): ScanProblem[] {
  const byKey = new Map<string, ScanProblem>();
  for (const { connection: c } of found) {
    const lookup = lookupFor(c, results);
    const key = keyFor(c);
    if (!key || !lookup || lookup.kind === 'found' || lookup.kind === 'not-found') continue;
    const problem = byKey.get(key) ?? {
      kind: 'app',
      name: c.appId ?? '',
      tenantId: c.tenantId,
      connections: [],
      message: oneLine(lookup.message, 300),
    };
    problem.connections?.push(c.name);
    byKey.set(key, problem);
  }
  return [...byKey.values()];
}
