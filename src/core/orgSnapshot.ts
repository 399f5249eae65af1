import { emptySnapshot, mergeSnapshot, type Snapshot, type SnapshotApp } from './snapshot';

/**
 * The organization's view of every project's snapshot: per app, the newest reading any project holds;
 * per connection, the usage its projects hold (a shared connection's merged, the newest reading's date).
 * Verdicts and "Used by" read it exactly like one project's snapshot.
 */
export function combineSnapshots(snapshots: Iterable<Snapshot>): Snapshot | null {
  let combined: Snapshot | null = null;
  for (const s of snapshots)
    combined = mergeSnapshot(combined ?? emptySnapshot('organization'), s.apps, s.usage ? { usage: s.usage } : {});
  return combined;
}

/** The readings that belong in one project's snapshot: the apps its own connections use. */
export function entriesFor(
  entries: Record<string, SnapshotApp>,
  appKeys: Iterable<string>,
): Record<string, SnapshotApp> {
  const out: Record<string, SnapshotApp> = {};
  for (const key of appKeys) if (entries[key]) out[key] = entries[key];
  return out;
}
