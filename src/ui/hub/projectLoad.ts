import { isAbort } from '../../adapters/retry';
import type { HubSettings } from '../../adapters/sdk/settingsStore';
import { snapshotReadError } from '../../adapters/serverError';
import { loadSnapshot } from '../../adapters/snapshotSync';
import { mark } from '../../adapters/userTiming';
import { parseEndpoint } from '../../core/endpoint';
import type { Snapshot, SnapshotApp } from '../../core/snapshot';
import type { Connection } from '../../core/types';
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
  let snapshotError: string | null = null;
  const snapshotPromise = loadSnapshot(deps.snapshots, projectId, deps.now()).catch((e: unknown) => {
    snapshotError = snapshotReadError(e);
    return null;
  });
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
  // Said on the page (too large, refused…): rows then read Azure DevOps alone, never silently.
  update((d) => ({ ...d, snapshotError }));
  // Usage (execution history) is read once Graph is done or not possible: it fills "Used by" and the
  // snapshot the warning surfaces read, and never delays a verdict or a Graph call.
  const thenUsage = (apps: Record<string, SnapshotApp> = {}) =>
    publishUsage(deps, projectId, connections, snapshot, update, apps);
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
  // One snapshot write per visit: this view's Graph readings go with the listing and usage.
  void thenUsage(readingsToPublish(result.lookups, deps));
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
 * The last step: "Used by" where the snapshot has none fresh (this project's history, and a shared
 * connection's other projects'), then this project's snapshot with its listing, usage and this view's Graph
 * readings, written once per visit. A failure costs the viewers without a token, not this view.
 */
export async function publishUsage(
  deps: HubDeps,
  projectId: string,
  connections: Connection[],
  stored: Snapshot | null,
  update: (t: Transition) => unknown,
  apps: Record<string, SnapshotApp> = {},
): Promise<void> {
  const project = { id: projectId, name: deps.context.project.name };
  await publishUsageFor(
    { now: deps.now, snapshots: deps.snapshots, readUsage: deps.readUsage },
    [{ project, connections, stored, apps }],
    stored,
    {
      onUsage: (usage) => void update(withUsage(usage)),
      onUnread: (failures) => void update(withUnreadUsage(failures)),
      onSaved: (_id, saved) => void update((d) => ({ ...d, snapshot: saved })),
    },
  );
}
