import { isAbort } from '../../adapters/retry';
import type { HubSettings } from '../../adapters/sdk/settingsStore';
import { loadSnapshot, saveSnapshot } from '../../adapters/snapshotSync';
import { mark } from '../../adapters/userTiming';
import { parseEndpoint } from '../../core/endpoint';
import type { Snapshot } from '../../core/snapshot';
import type { AppLookup, Connection } from '../../core/types';
import {
  graphDone,
  nothingToRead,
  pendingKeys,
  readingsToPublish,
  startLoading,
  withClientIdSettings,
  withGraphAnswers,
  withoutGraph,
  type HubData,
  type Transition,
} from '../shared/loadSteps';
import { readGraph, type GraphReadResult } from '../shared/readGraph';
import type { LoadStart } from '../shared/usePageData';
import { publishUsageFor, withUnreadUsage, withUsage } from '../shared/usageStep';
import type { HubDeps } from './deps';

/**
 * The project hub's load: Azure DevOps first (rows at once), then Graph progressively, then the readings and
 * "Used by" published for others; one failure degrades one row. Its own steps follow, the shared ones are in
 * ../shared/loadSteps.ts.
 */
export async function loadProject(deps: HubDeps, start: LoadStart<HubData>): Promise<void> {
  const { update } = start;
  update(startLoading);
  const projectId = deps.context.project.id;
  const snapshotPromise = loadSnapshot(deps.snapshots, projectId, deps.now()).catch(() => null);
  let connections: Connection[];
  try {
    connections = await listConnections(deps);
  } catch (e) {
    return void update(listFailed(e));
  }
  const pending = pendingKeys(connections);
  update(showRows(connections, pending, deps.now()));
  const [settings, snapshot] = await Promise.all([start.settings, snapshotPromise]);
  update(withSettings(settings, snapshot, deps.fixedClientId));
  // Usage (execution history) is read once Graph is done or not possible: it fills "Used by" and the
  // snapshot the warning surfaces read, and never delays a verdict or a Graph call.
  const thenUsage = () => publishUsage(deps, projectId, connections, snapshot, update);
  if (pending.size === 0) {
    update(nothingToRead);
    return void thenUsage();
  }

  const signIn = await start.graphSource();
  if ('access' in signIn) {
    update(withoutGraph(signIn.access));
    return void thenUsage();
  }
  let result: GraphReadResult;
  try {
    const onBatch = (batch: Parameters<typeof withGraphAnswers>[0]) => update(withGraphAnswers(batch));
    result = await readGraph(connections, signIn.source, deps, onBatch, start.signal);
  } catch (e) {
    if (isAbort(e)) return; // a newer load (Refresh) or the page going away owns it now
    throw e;
  }
  update(graphDone(result, signIn.source));
  void publishReadings(deps, projectId, result.lookups, (saved) => update((d) => ({ ...d, snapshot: saved }))).then(
    thenUsage,
  );
}

/** The project's service connections from Azure DevOps, parsed by the core. */
export async function listConnections(deps: HubDeps): Promise<Connection[]> {
  const raw = await deps.listEndpoints();
  mark('sce:list-handed-over');
  const connections = raw.map(parseEndpoint);
  mark('sce:list-parsed');
  return connections;
}

export function listFailed(e: unknown): Transition {
  return (d) => ({
    ...d,
    phase: 'failed',
    error: `Azure DevOps did not list the service connections: ${(e as Error)?.message ?? e}`,
  });
}

/** Rows first; settings and the snapshot only refine them, and Graph rows wait as "pending". */
export function showRows(connections: Connection[], pending: Set<string>, nowMs: number): Transition {
  return (d) => ({
    ...d,
    phase: 'loaded',
    connections,
    lookups: new Map(),
    pending,
    access: { kind: 'pending' },
    checkedAt: nowMs,
  });
}

/** Thresholds, client ID and the shared snapshot. */
export function withSettings(settings: HubSettings, snapshot: Snapshot | null, fixed?: string | null): Transition {
  return (d) => ({ ...withClientIdSettings(settings, fixed)(d), thresholds: settings.thresholds, snapshot });
}

/**
 * Publishes the readings for viewers without a token (as the scanner's `--publish` does). A failure here
 * costs them, not this view, so it is not awaited by the load and not reported; the promise says when the
 * write is over.
 */
export function publishReadings(
  deps: HubDeps,
  projectId: string,
  lookups: Map<string, AppLookup>,
  onSaved: (snapshot: Snapshot) => void,
): Promise<void> {
  const entries = readingsToPublish(lookups, deps);
  if (Object.keys(entries).length === 0) return Promise.resolve();
  return saveSnapshot(deps.snapshots, projectId, entries, { now: deps.now }).then(onSaved, () => undefined);
}

/** The last step: this project's "Used by" where its snapshot has none fresh, then its listing and usage published. */
export async function publishUsage(
  deps: HubDeps,
  projectId: string,
  connections: Connection[],
  stored: Snapshot | null,
  update: (t: Transition) => unknown,
): Promise<void> {
  const readUsage = deps.readUsage;
  if (!readUsage) return;
  const project = { id: projectId, name: deps.context.project.name };
  await publishUsageFor(
    { now: deps.now, snapshots: deps.snapshots, readUsage: (_project, ids) => readUsage(ids) },
    [{ project, connections, stored }],
    stored,
    {
      onUsage: (usage) => void update(withUsage(usage)),
      onUnread: (failures) => void update(withUnreadUsage(failures)),
      onSaved: (_id, saved) => void update((d) => ({ ...d, snapshot: saved })),
    },
  );
}
