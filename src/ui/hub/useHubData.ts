import { useCallback, useEffect, useRef, useState } from 'react';
import { NaaUnavailableError, SignInRequiredError, type GraphTokenSource } from '../../adapters/auth/naaGraphTokens';
import { lookupApps } from '../../adapters/graph/credentialsClient';
import { keyFor, queriesFor } from '../../adapters/graph/forConnections';
import { parseEndpoint } from '../../core/endpoint';
import { graphRoot } from '../../core/links';
import { DEFAULT_THRESHOLDS } from '../../core/thresholds';
import type { AppLookup, Connection, Thresholds } from '../../core/types';
import type { HubDeps } from './deps';
import { noAccessMessage, type GraphAccess } from './graphAccess';

export interface HubData {
  phase: 'loading' | 'loaded' | 'failed';
  error: string | null;
  connections: Connection[];
  lookups: Map<string, AppLookup>;
  /** Keys still waiting for Graph. */
  pending: Set<string>;
  access: GraphAccess;
  checkedAt: number | null;
  thresholds: Thresholds;
  clientId: string | null;
  homeTenantId: string | null;
}

const INITIAL: HubData = {
  phase: 'loading',
  error: null,
  connections: [],
  lookups: new Map(),
  pending: new Set(),
  access: { kind: 'pending' },
  checkedAt: null,
  thresholds: DEFAULT_THRESHOLDS,
  clientId: null,
  homeTenantId: null,
};

/** Loads Azure DevOps first (rows at once), then Graph progressively; one failure degrades one row. */
export function useHubData(deps: HubDeps) {
  const [data, setData] = useState<HubData>(INITIAL);
  const generation = useRef(0);
  const tokens = useRef<{ clientId: string; source: Promise<GraphTokenSource> } | null>(null);

  const tokenSource = useCallback(
    (clientId: string) => {
      if (!tokens.current || tokens.current.clientId !== clientId) {
        tokens.current = { clientId, source: deps.createTokens(clientId) };
      }
      return tokens.current.source;
    },
    [deps],
  );

  const load = useCallback(async () => {
    const run = ++generation.current;
    const live = () => run === generation.current;
    setData((d) => ({ ...d, phase: d.connections.length ? 'loaded' : 'loading', error: null }));
    const settingsPromise = deps.loadSettings().catch(() => ({ clientId: null, thresholds: DEFAULT_THRESHOLDS }));
    let connections: Connection[];
    try {
      connections = (await deps.listEndpoints()).map(parseEndpoint);
    } catch (e) {
      if (live())
        setData((d) => ({
          ...d,
          phase: 'failed',
          error: `Azure DevOps did not list the service connections: ${(e as Error)?.message ?? e}`,
        }));
      return;
    }
    const settings = await settingsPromise;
    const queries = queriesFor(connections);
    const pending = new Set(connections.map(keyFor).filter((k): k is string => k !== null));
    if (!live()) return;
    setData((d) => ({
      ...d,
      phase: 'loaded',
      connections,
      lookups: new Map(),
      pending,
      access: { kind: 'pending' },
      checkedAt: deps.now(),
      thresholds: settings.thresholds,
      clientId: settings.clientId,
    }));
    if (queries.length === 0) return setData((d) => ({ ...d, access: { kind: 'ready' } }));
    if (!settings.clientId) return setData((d) => ({ ...d, pending: new Set(), access: { kind: 'unconfigured' } }));

    let source: GraphTokenSource;
    try {
      source = await tokenSource(settings.clientId);
    } catch (e) {
      tokens.current = null;
      const access: GraphAccess =
        e instanceof NaaUnavailableError
          ? { kind: 'unavailable', message: e.message }
          : { kind: 'error', message: `Graph sign-in failed: ${(e as Error)?.message ?? e}` };
      if (live()) setData((d) => ({ ...d, pending: new Set(), access }));
      return;
    }

    const needSignIn = new Set<string>();
    let buffer: [string, AppLookup][] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = buffer;
      buffer = [];
      if (!live() || batch.length === 0) return;
      setData((d) => {
        const lookups = new Map(d.lookups);
        const stillPending = new Set(d.pending);
        for (const [key, lookup] of batch) {
          lookups.set(key, lookup);
          stillPending.delete(key);
        }
        return { ...d, lookups, pending: stillPending };
      });
    };
    await lookupApps(queries, {
      getToken: async (tenantId, cloudRoot) => {
        try {
          return await source.getToken(tenantId, cloudRoot);
        } catch (e) {
          if (e instanceof SignInRequiredError) needSignIn.add(tenantId);
          throw e instanceof SignInRequiredError ? new Error('sign in to Microsoft Graph for this tenant') : e;
        }
      },
      graphRootFor: deps.graphRootFor,
      fetch: deps.graphFetch,
      onResult: (key, lookup) => {
        buffer.push([key, lookup]);
        if (!timer) timer = setTimeout(flush, 16);
      },
    });
    if (timer) clearTimeout(timer);
    flush();
    if (live()) {
      setData((d) => ({
        ...d,
        pending: new Set(),
        homeTenantId: source.homeTenantId(),
        access: needSignIn.size > 0 ? { kind: 'sign-in', tenants: [...needSignIn] } : { kind: 'ready' },
      }));
    }
  }, [deps, tokenSource]);

  useEffect(() => {
    void load();
  }, [load]);

  const signIn = useCallback(
    async (tenantId: string) => {
      if (!data.clientId) return;
      const source = await tokenSource(data.clientId);
      const cloud = data.connections.find((c) => c.tenantId === tenantId)?.environment;
      await source.signIn(tenantId, graphRoot(cloud));
      await load();
    },
    [data.clientId, data.connections, load, tokenSource],
  );

  return { data, refresh: load, signIn, setData, noAccess: noAccessMessage(data.access) };
}
