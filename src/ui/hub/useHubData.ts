import { useCallback, useEffect, useRef, useState } from 'react';
import { NaaUnavailableError, type GraphTokenSource } from '../../adapters/auth/naaGraphTokens';
import { createPastedTokenSource } from '../../adapters/auth/pastedGraphToken';
import { keyFor, tenantOfKey } from '../../core/graphQueries';
import { loadSnapshot, saveSnapshot } from '../../adapters/snapshotSync';
import { parseEndpoint } from '../../core/endpoint';
import { graphRoot } from '../../core/links';
import { snapshotEntries, type Snapshot } from '../../core/snapshot';
import { DEFAULT_THRESHOLDS } from '../../core/thresholds';
import type { AppLookup, Connection, Thresholds } from '../../core/types';
import type { HubDeps } from './deps';
import { noAccessMessage, type GraphAccess } from './graphAccess';
import { readGraph } from './readGraph';
import { mark } from '../../adapters/userTiming';

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
  snapshot: Snapshot | null;
  /** Expiry of the pasted token, when the page uses one. */
  pastedTokenExpiresAt: string | null;
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
  snapshot: null,
  pastedTokenExpiresAt: null,
};

/** Loads Azure DevOps first (rows at once), then Graph progressively; one failure degrades one row. */
export function useHubData(deps: HubDeps) {
  const [data, setData] = useState<HubData>(INITIAL);
  const generation = useRef(0);
  const naa = useRef<{ clientId: string; source: Promise<GraphTokenSource> } | null>(null);
  // The pasted token lives in memory for this page view only.
  const pasted = useRef<GraphTokenSource | null>(null);

  const naaSource = useCallback(
    (clientId: string) => {
      if (!naa.current || naa.current.clientId !== clientId)
        naa.current = { clientId, source: deps.createTokens(clientId) };
      return naa.current.source;
    },
    [deps],
  );

  const load = useCallback(async () => {
    const run = ++generation.current;
    const live = () => run === generation.current;
    const update = (f: (d: HubData) => HubData) => live() && setData(f);
    setData((d) => ({ ...d, phase: d.connections.length ? 'loaded' : 'loading', error: null }));
    const projectId = deps.context.project.id;
    const settingsPromise = deps.loadSettings().catch(() => ({ clientId: null, thresholds: DEFAULT_THRESHOLDS }));
    const snapshotPromise = loadSnapshot(deps.snapshots, projectId, deps.now()).catch(() => null);
    let connections: Connection[];
    try {
      const raw = await deps.listEndpoints();
      mark('sce:list-handed-over');
      connections = raw.map(parseEndpoint);
      mark('sce:list-parsed');
    } catch (e) {
      update((d) => ({
        ...d,
        phase: 'failed',
        error: `Azure DevOps did not list the service connections: ${(e as Error)?.message ?? e}`,
      }));
      return;
    }
    const pending = new Set(connections.map(keyFor).filter((k): k is string => k !== null));
    // Rows first: settings and the snapshot only refine them, and Graph rows wait as "pending".
    update((d) => ({
      ...d,
      phase: 'loaded',
      connections,
      lookups: new Map(),
      pending,
      access: { kind: 'pending' },
      checkedAt: deps.now(),
    }));
    const [settings, snapshot] = await Promise.all([settingsPromise, snapshotPromise]);
    update((d) => ({ ...d, thresholds: settings.thresholds, clientId: settings.clientId, snapshot }));
    if (pending.size === 0) return update((d) => ({ ...d, access: { kind: 'ready' } }));

    let source: GraphTokenSource | null = pasted.current;
    if (!source && !settings.clientId)
      return update((d) => ({ ...d, pending: new Set(), access: { kind: 'unconfigured' } }));
    try {
      source ??= await naaSource(settings.clientId as string);
    } catch (e) {
      naa.current = null;
      const access: GraphAccess =
        e instanceof NaaUnavailableError
          ? { kind: 'unavailable', message: e.message }
          : { kind: 'error', message: `Graph sign-in failed: ${(e as Error)?.message ?? e}` };
      return update((d) => ({ ...d, pending: new Set(), access }));
    }

    const result = await readGraph(connections, source, deps, (batch) =>
      update((d) => {
        const lookups = new Map(d.lookups);
        const still = new Set(d.pending);
        for (const [key, lookup] of batch) {
          lookups.set(key, lookup);
          still.delete(key);
        }
        return { ...d, lookups, pending: still };
      }),
    );
    const signedIn = source;
    update((d) => ({
      ...d,
      pending: new Set(),
      homeTenantId: signedIn.homeTenantId(),
      access: result.needSignIn.length > 0 ? { kind: 'sign-in', tenants: result.needSignIn } : { kind: 'ready' },
    }));
    const entries = snapshotEntries(result.lookups, tenantOfKey, new Date(deps.now()).toISOString(), {
      kind: 'hub',
      name: deps.context.userName,
    });
    if (Object.keys(entries).length > 0) {
      // Leaves the readings for viewers without a token; a failure here costs them, not this view.
      saveSnapshot(deps.snapshots, projectId, entries, undefined, deps.now).then(
        (saved) => update((d) => ({ ...d, snapshot: saved })),
        () => undefined,
      );
    }
  }, [deps, naaSource]);

  useEffect(() => {
    void load();
  }, [load]);

  const signIn = useCallback(
    async (tenantId: string) => {
      if (!data.clientId) return;
      const cloud = data.connections.find((c) => c.tenantId === tenantId)?.environment;
      await (await naaSource(data.clientId)).signIn(tenantId, graphRoot(cloud));
      await load();
    },
    [data.clientId, data.connections, load, naaSource],
  );

  /** Validates and uses a pasted token; throws with a message for the user when it is refused. */
  const applyPastedToken = useCallback(
    async (token: string | null) => {
      const source = token ? createPastedTokenSource(token, deps.now) : null;
      pasted.current = source;
      setData((d) => ({ ...d, pastedTokenExpiresAt: source?.expiresAt ?? null }));
      await load();
    },
    [deps, load],
  );

  return { data, refresh: load, signIn, applyPastedToken, noAccess: noAccessMessage(data.access) };
}
