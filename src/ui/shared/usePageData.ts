import { useCallback, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { HubSettings } from '../../adapters/sdk/settingsStore';
import { noAccessMessage } from './graphAccess';
import { clientIdInUse, graphTokenSource, loadSettingsOrDefaults, type GraphSignIn, type HubData } from './loadSteps';
import type { PageDeps } from './pageDeps';
import { useGraphActions, useGraphSession } from './useGraphSession';

/** What a hub's loader is handed when a load begins (the preamble both hubs share). */
export interface LoadStart<D> {
  /** False once a newer load (Refresh) has begun: this load's updates are dropped and it stops at its next step. */
  live(): boolean;
  /** Changes the page's data while this load is the page's. */
  update(f: (d: D) => D): void;
  /** Cancels this load's Graph requests (a newer load, or the page going away). */
  signal: AbortSignal;
  /** The shared settings (asked for as the load begins), or the defaults with why they could not be read. */
  settings: Promise<HubSettings>;
  /** The Graph token source these settings lead to (a pasted token first, then NAA), or why there is none. */
  graphSource(): Promise<GraphSignIn>;
}

type Session = ReturnType<typeof useGraphSession>;

function beginLoad<D>(
  deps: PageDeps,
  session: Session,
  generation: { current: number },
  setData: Dispatch<SetStateAction<D>>,
): LoadStart<D> {
  const run = ++generation.current;
  const controller = session.startRequests();
  const live = () => run === generation.current;
  const settings = loadSettingsOrDefaults(deps);
  const graphSource = async (): Promise<GraphSignIn> => {
    const read = await settings;
    const { clientId } = clientIdInUse(read, deps.fixedClientId);
    const signIn = await graphTokenSource(session.pasted.current, clientId, session.naaSource, read.readError ?? null);
    // A sign-in that failed is asked for again on the next load, not reused.
    if ('access' in signIn && signIn.access.kind !== 'unconfigured') session.naa.current = null;
    return signIn;
  };
  return { live, update: (f) => void (live() && setData(f)), signal: controller.signal, settings, graphSource };
}

/**
 * A hub page's data around its loader: each load (on mount, Refresh, a sign-in, a pasted token) gets the
 * shared preamble; the loader, a plain async function, sequences the page's own steps.
 */
export function usePageData<D extends HubData>(
  deps: PageDeps,
  initial: D,
  loader: (start: LoadStart<D>) => Promise<unknown>,
) {
  const [data, setData] = useState<D>(initial);
  const generation = useRef(0);
  const session = useGraphSession(deps);
  const { naa, pasted, naaSource, startRequests, abortRequests } = session;
  const load = useCallback(
    () => loader(beginLoad(deps, { naa, pasted, naaSource, startRequests, abortRequests }, generation, setData)),
    [deps, loader, naa, pasted, naaSource, startRequests, abortRequests],
  );
  const { signIn, applyPastedToken } = useGraphActions(deps, session, data, setData, load);
  return { data, refresh: load, signIn, applyPastedToken, noAccess: noAccessMessage(data.access) };
}
