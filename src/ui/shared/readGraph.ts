import { SignInRequiredError, type GraphTokenSource } from '../../adapters/auth/naaGraphTokens';
import { lookupAppsWithFollowUp } from '../../adapters/graph/notFoundFollowUp';
import { queriesFor } from '../../core/graphQueries';
import type { AppLookup, Connection } from '../../core/types';
import type { PageDeps } from './pageDeps';

/** Graph answers are shown in groups, at most ten re-renders a second, so large lists stay fluid. */
const FLUSH_MS = 100;

export interface GraphReadResult {
  lookups: Map<string, AppLookup>;
  /** Tenants whose token needs the user to sign in. */
  needSignIn: string[];
}

/**
 * Reads every connection's app from Graph, reporting outcomes in groups rather than one render per app.
 * `signal` cancels the requests in flight (Refresh): the promise then rejects with AbortError.
 */
export async function readGraph(
  connections: Connection[],
  source: GraphTokenSource,
  deps: Pick<PageDeps, 'graphRootFor' | 'graphFetch'>,
  onBatch: (batch: [string, AppLookup][]) => void,
  signal?: AbortSignal,
): Promise<GraphReadResult> {
  const needSignIn = new Set<string>();
  let buffer: [string, AppLookup][] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    if (buffer.length === 0) return;
    const batch = buffer;
    buffer = [];
    onBatch(batch);
  };
  const reading = lookupAppsWithFollowUp(queriesFor(connections), {
    getToken: async (tenantId, cloudRoot) => {
      try {
        return await source.getToken(tenantId, cloudRoot);
      } catch (e) {
        if (!(e instanceof SignInRequiredError)) throw e;
        needSignIn.add(tenantId);
        throw new Error('sign in to Microsoft Graph for this tenant');
      }
    },
    // The owning tenant of an app registered elsewhere is read only with a token the source already has.
    tokenAtHand: (tenantId, cloudRoot) => source.getToken(tenantId, cloudRoot).catch(() => null),
    graphRootFor: deps.graphRootFor,
    fetch: deps.graphFetch,
    onResult: (key, lookup) => {
      buffer.push([key, lookup]);
      if (!timer) timer = setTimeout(flush, FLUSH_MS);
    },
    signal,
  });
  let lookups: Map<string, AppLookup>;
  try {
    lookups = await reading;
  } finally {
    if (timer) clearTimeout(timer);
  }
  flush();
  return { lookups, needSignIn: [...needSignIn] };
}
