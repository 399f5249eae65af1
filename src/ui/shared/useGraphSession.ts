import { useCallback, useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import type { GraphTokenSource } from '../../adapters/auth/naaGraphTokens';
import { createPastedTokenSource } from '../../adapters/auth/pastedGraphToken';
import { graphRoot } from '../../core/links';
import type { HubData } from './loadSteps';

interface SessionDeps {
  createTokens(clientId: string): Promise<GraphTokenSource>;
  now(): number;
}

/**
 * What both hubs keep for one page view around their own loader: the NAA token source per client ID, the
 * pasted token (memory only), the Graph requests in flight (aborted by the next load and on unmount).
 */
export function useGraphSession(deps: SessionDeps) {
  const naa = useRef<{ clientId: string; source: Promise<GraphTokenSource> } | null>(null);
  const pasted = useRef<GraphTokenSource | null>(null);
  const inFlight = useRef<AbortController | null>(null);

  const naaSource = useCallback(
    (clientId: string) => {
      if (!naa.current || naa.current.clientId !== clientId)
        naa.current = { clientId, source: deps.createTokens(clientId) };
      return naa.current.source;
    },
    [deps],
  );

  /** Aborts the previous load's requests and gives this load its own signal. */
  const startRequests = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    return controller;
  }, []);

  const abortRequests = useCallback(() => inFlight.current?.abort(), []);

  return { naa, pasted, naaSource, startRequests, abortRequests };
}

/** Loads on mount, and the user's two ways to Graph (sign in to a tenant, paste a token), each reloading. */
export function useGraphActions<D extends HubData>(
  deps: SessionDeps,
  session: ReturnType<typeof useGraphSession>,
  data: D,
  setData: Dispatch<SetStateAction<D>>,
  load: () => Promise<unknown>,
) {
  const { abortRequests, naaSource, pasted } = session;
  useEffect(() => {
    void load();
    return abortRequests;
  }, [load, abortRequests]);

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
    [deps, load, pasted, setData],
  );

  return { signIn, applyPastedToken };
}
