import { saveSnapshot } from '../../adapters/snapshotSync';
import { mark } from '../../adapters/userTiming';
import { parseEndpoint } from '../../core/endpoint';
import { tenantOfKey } from '../../core/graphQueries';
import { snapshotEntries, type Snapshot } from '../../core/snapshot';
import type { AppLookup, Connection } from '../../core/types';
import type { HubSettings } from '../../adapters/sdk/settingsStore';
import { withClientIdSettings, type Transition } from '../shared/loadSteps';
import { publishUsageFor, withUnreadUsage, withUsage } from '../shared/usageStep';
import type { HubDeps } from './deps';

/** The project hub's own steps of its load (useHubData runs them in order, with the shared ones). */

/** Step 2: the project's service connections from Azure DevOps, parsed by the core. */
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

/** Step 3: rows first; settings and the snapshot only refine them, and Graph rows wait as "pending". */
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

/** Step 4: thresholds, client ID and the shared snapshot. */
export function withSettings(settings: HubSettings, snapshot: Snapshot | null, fixed?: string | null): Transition {
  return (d) => ({ ...withClientIdSettings(settings, fixed)(d), thresholds: settings.thresholds, snapshot });
}

/**
 * Step 8: publishes the readings for viewers without a token (as the scanner's `--publish` does). A failure here costs them, not this view,
 * so it is not awaited by the load and not reported; the promise says when the write is over.
 */
export function publishReadings(
  deps: HubDeps,
  projectId: string,
  lookups: Map<string, AppLookup>,
  onSaved: (snapshot: Snapshot) => void,
): Promise<void> {
  const entries = snapshotEntries(lookups, tenantOfKey, new Date(deps.now()).toISOString(), {
    kind: 'hub',
    name: deps.context.userName,
  });
  if (Object.keys(entries).length === 0) return Promise.resolve();
  return saveSnapshot(deps.snapshots, projectId, entries, { now: deps.now }).then(onSaved, () => undefined);
}

/** The project hub's use of it: this project's connections against its own snapshot. */
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
