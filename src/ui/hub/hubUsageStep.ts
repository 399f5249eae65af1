import { saveSnapshot } from '../../adapters/snapshotSync';
import type { Snapshot } from '../../core/snapshot';
import { toSnapshotConnections } from '../../core/snapshotConnections';
import type { Connection } from '../../core/types';
import type { UsageMap } from '../../core/usage';
import { sameListing, staleUsage } from '../../core/usageRefresh';
import type { HubDeps } from './deps';
import type { Transition } from './hubDataSteps';

/** Usage read by this view joins the rows' "Used by". */
export function withUsage(usage: UsageMap): Transition {
  return (d) => ({ ...d, usage: { ...d.usage, ...usage } });
}

/**
 * Step 9 (after Graph, or when there is none): reads the execution history of connections whose stored
 * usage is missing or older than a day, then leaves the connection listing and the usage in the snapshot
 * for the warning surfaces (pill, run section, widget). A failure costs the "Used by" column only.
 */
export async function leaveUsage(
  deps: HubDeps,
  projectId: string,
  connections: Connection[],
  stored: Snapshot | null,
  update: (t: Transition) => unknown,
): Promise<void> {
  if (!deps.readUsage) return;
  const ids = staleUsage(connections, stored, deps.now());
  let usage: UsageMap = {};
  if (ids.length > 0) {
    try {
      usage = (await deps.readUsage(ids)).usage;
    } catch {
      return;
    }
    update(withUsage(usage));
  }
  if (ids.length === 0 && sameListing(connections, stored)) return;
  const listedAt = new Date(deps.now()).toISOString();
  await saveSnapshot(
    deps.snapshots,
    projectId,
    {},
    {
      now: deps.now,
      extras: { connections: toSnapshotConnections(connections, listedAt), usage },
    },
  ).then(
    (saved) => void update((d) => ({ ...d, snapshot: saved })),
    () => undefined,
  );
}
