import { oneLine } from '../adapters/output';
import { combineSnapshots } from '../core/orgSnapshot';
import { readSnapshot, type Snapshot } from '../core/snapshot';
import type { UsageMap } from '../core/usage';
import type { JobDeps, OrgJobOptions } from './deps';
import type { PublishTarget } from './scanOptions';
import { snapshotStore } from './snapshotStore';

/**
 * What the published snapshots already hold, read where --publish writes them, in one request for the
 * whole collection: the usage, combined over every project as the organization hub combines it
 * (core/orgSnapshot), and each raw document for the publish step's first write (no read per project).
 * Anyone with the extension may write those documents: they are read defensively (core/snapshot
 * readSnapshot), and what they hold is never enough on its own to say "unused" (core/usagePlan.ts).
 * Null when they cannot be read: then every history is read whole and each document read before its write.
 */
export interface KnownSnapshots {
  usage: UsageMap;
  /** Project id (lower case) → its document as listed. */
  documents: Map<string, unknown>;
}

export async function readKnownSnapshots(
  input: OrgJobOptions & { target: PublishTarget; nowMs: number },
  deps: Pick<JobDeps, 'fetch' | 'log'> & { authorization: () => Promise<string> },
): Promise<KnownSnapshots | null> {
  const store = snapshotStore(input, deps);
  try {
    const snapshots: Snapshot[] = [];
    const documents = new Map<string, unknown>();
    for (const doc of await store.list()) {
      const id = (doc as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || !id) continue;
      documents.set(id.toLowerCase(), doc);
      snapshots.push(readSnapshot(doc, id, input.nowMs));
    }
    return { usage: combineSnapshots(snapshots)?.usage ?? {}, documents };
  } catch (e) {
    const message = oneLine(e instanceof Error ? e.message : String(e), 300);
    deps.log(
      `usage: the published snapshots could not be read (${message}); none is reused, each is read before its write`,
    );
    return null;
  }
}
