import { useCallback, useRef, useState } from 'react';
import { isAbort } from '../../adapters/retry';
import { loadSnapshot } from '../../adapters/snapshotSync';
import type { Connection } from '../../core/types';
import type { HubDeps } from './deps';
import { noAccessMessage } from '../shared/graphAccess';
import {
  graphDone,
  clientIdInUse,
  graphTokenSource,
  INITIAL,
  loadSettingsOrDefaults,
  nothingToRead,
  pendingKeys,
  startLoading,
  withGraphAnswers,
  withoutGraph,
  type HubData,
  type Transition,
} from '../shared/loadSteps';
import { publishReadings, publishUsage, listConnections, listFailed, showRows, withSettings } from './projectLoadSteps';
import { readGraph, type GraphReadResult } from '../shared/readGraph';
import { useGraphActions, useGraphSession } from '../shared/useGraphSession';

/** Loads Azure DevOps first (rows at once), then Graph progressively; one failure degrades one row. */
export function useHubData(deps: HubDeps) {
  const [data, setData] = useState<HubData>(INITIAL);
  const generation = useRef(0);
  const session = useGraphSession(deps);
  const { naa, pasted, naaSource, startRequests } = session;

  const load = useCallback(async () => {
    const run = ++generation.current;
    const controller = startRequests();
    const update = (f: Transition) => run === generation.current && setData(f);
    setData(startLoading);
    const projectId = deps.context.project.id;
    const settingsPromise = loadSettingsOrDefaults(deps);
    const snapshotPromise = loadSnapshot(deps.snapshots, projectId, deps.now()).catch(() => null);
    let connections: Connection[];
    try {
      connections = await listConnections(deps);
    } catch (e) {
      return void update(listFailed(e));
    }
    const pending = pendingKeys(connections);
    update(showRows(connections, pending, deps.now()));
    const [settings, snapshot] = await Promise.all([settingsPromise, snapshotPromise]);
    update(withSettings(settings, snapshot, deps.fixedClientId));
    // Usage (execution history) is read once Graph is done or not possible: it fills "Used by" and the
    // snapshot the warning surfaces read, and never delays a verdict or a Graph call.
    const thenUsage = () => publishUsage(deps, projectId, connections, snapshot, update);
    if (pending.size === 0) {
      update(nothingToRead);
      return void thenUsage();
    }

    const signIn = await graphTokenSource(
      pasted.current,
      clientIdInUse(settings, deps.fixedClientId).clientId,
      naaSource,
      settings.readError ?? null,
    );
    if ('access' in signIn) {
      if (signIn.access.kind !== 'unconfigured') naa.current = null;
      update(withoutGraph(signIn.access));
      return void thenUsage();
    }
    let result: GraphReadResult;
    try {
      const onBatch = (batch: Parameters<typeof withGraphAnswers>[0]) => update(withGraphAnswers(batch));
      result = await readGraph(connections, signIn.source, deps, onBatch, controller.signal);
    } catch (e) {
      if (isAbort(e)) return; // a newer load (Refresh) or the page going away owns it now
      throw e;
    }
    update(graphDone(result, signIn.source));
    void publishReadings(deps, projectId, result.lookups, (saved) => update((d) => ({ ...d, snapshot: saved }))).then(
      thenUsage,
    );
  }, [deps, naa, naaSource, pasted, startRequests]);

  const { signIn, applyPastedToken } = useGraphActions(deps, session, data, setData, load);

  return { data, refresh: load, signIn, applyPastedToken, noAccess: noAccessMessage(data.access) };
}
