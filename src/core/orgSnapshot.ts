import { toMs } from './days';
import { dict, own, parseDate } from './raw';
import { emptySnapshot, type Snapshot, type SnapshotApp } from './snapshot';
import { mergeUsage, type ConnectionUsage, type UsageMap } from './usage';
import type { SnapshotWorkItems } from './snapshotWorkItems';

/**
 * The organization's view of every project's snapshot: per app, the newest reading any project holds;
 * per connection, the usage its projects hold (a shared connection's merged, the newest reading's date).
 * Verdicts and "Used by" read it exactly like one project's snapshot. One pass over all readings: folding
 * one project at a time copied the whole organization's readings once per project (~100 ms at 200 projects).
 */
export function combineSnapshots(snapshots: Iterable<Snapshot>): Snapshot | null {
  let any = false;
  const apps = dict<SnapshotApp>();
  const takenMs = new Map<string, number>();
  const usage: UsageMap = dict();
  let hasUsage = false;
  const workItems: Required<SnapshotWorkItems> = { trackedAt: '', byConnection: {}, projectOf: {} };
  for (const s of snapshots) {
    any = true;
    for (const [id, item] of Object.entries(s.workItems?.byConnection ?? {})) {
      workItems.byConnection[id] = item;
      workItems.projectOf[id] = s.id;
      if ((s.workItems?.trackedAt ?? '') > workItems.trackedAt) workItems.trackedAt = s.workItems?.trackedAt ?? '';
    }
    for (const [key, app] of Object.entries(s.apps)) {
      const after = toMs(parseDate(app.takenAt));
      if (after === null) continue;
      const before = takenMs.get(key);
      if (before === undefined || before <= after) {
        apps[key] = app;
        takenMs.set(key, after);
      }
    }
    if (!s.usage) continue;
    hasUsage = true;
    for (const [id, u] of Object.entries(s.usage)) {
      const seen: ConnectionUsage | undefined = own(usage, id);
      usage[id] = seen ? (own(mergeUsage(dict([[id, seen]]), dict([[id, u]])), id) ?? u) : u;
    }
  }
  if (!any) return null;
  const combined: Snapshot = { ...emptySnapshot('organization'), apps };
  if (hasUsage) combined.usage = usage;
  if (workItems.trackedAt) combined.workItems = workItems;
  return combined;
}

/** The readings that belong in one project's snapshot: the apps its own connections use. */
export function entriesFor(
  entries: Record<string, SnapshotApp>,
  appKeys: Iterable<string>,
): Record<string, SnapshotApp> {
  const out = dict<SnapshotApp>();
  for (const key of appKeys) {
    const entry = own(entries, key);
    if (entry) out[key] = entry;
  }
  return out;
}
