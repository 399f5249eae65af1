/**
 * The work items that track a project's connections (`sc-expiry scan --work-items`, the task's
 * `workItems`), carried in the project's snapshot so the hubs and the pill say "Tracked in #123".
 * Written whole by the run that tracked them; anyone with the extension can write it, so only ids
 * (positive integers) are kept and every link is built by the reader from its own organization URL.
 */

export interface SnapshotWorkItems {
  trackedAt: string;
  /** Connection id (lower case) → the open work item's id. */
  byConnection: Record<string, number>;
  /** Only in the organization's combined view: connection id → the project (id) whose snapshot named the item. */
  projectOf?: Record<string, string>;
}

const MAX = 5000;

export function readSnapshotWorkItems(raw: unknown): SnapshotWorkItems | undefined {
  const r = raw && typeof raw === 'object' ? (raw as { trackedAt?: unknown; byConnection?: unknown }) : null;
  if (!r || typeof r.trackedAt !== 'string' || !r.byConnection || typeof r.byConnection !== 'object') return undefined;
  const byConnection: Record<string, number> = {};
  for (const [id, value] of Object.entries(r.byConnection as Record<string, unknown>).slice(0, MAX)) {
    if (Number.isSafeInteger(value) && (value as number) > 0 && /^[0-9a-z-]{1,64}$/i.test(id))
      byConnection[id.toLowerCase()] = value as number;
  }
  return { trackedAt: r.trackedAt.slice(0, 40), byConnection };
}

/** The newer run's list wins whole: an item it closed is gone from it. */
export function mergeSnapshotWorkItems(
  current: SnapshotWorkItems | undefined,
  incoming: SnapshotWorkItems | undefined,
): SnapshotWorkItems | undefined {
  if (!incoming) return current;
  if (!current) return incoming;
  return incoming.trackedAt >= current.trackedAt ? incoming : current;
}

/** The id of the item tracking a connection, if any. */
export function trackedItem(workItems: SnapshotWorkItems | undefined, connectionId: string): number | null {
  return workItems?.byConnection[connectionId.toLowerCase()] ?? null;
}

/** The work item's page: `{org}/{project}/_workitems/edit/{id}`. */
export function workItemLink(orgUrl: string, project: string, id: number): string {
  return `${orgUrl.replace(/\/+$/, '')}/${encodeURIComponent(project)}/_workitems/edit/${id}`;
}
