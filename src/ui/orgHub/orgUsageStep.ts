import { entriesFor } from '../../core/orgSnapshot';
import { keyFor } from '../../core/graphQueries';
import type { Snapshot, SnapshotApp } from '../../core/snapshot';
import type { Connection, ProjectRef } from '../../core/types';
import { mergeUsage, type UsageMap } from '../../core/usage';
import { publishUsageFor, type UsageStepResult, type UsageTarget } from '../shared/usageStep';
import type { OrgHubDeps } from './deps';

/** Projects whose history is read at once; each reads two connections at once (index.tsx): six requests. */
export const HISTORY_PROJECTS_AT_ONCE = 3;
/** Snapshot documents written at once. */
export const SAVE_CONCURRENCY = 4;
/** "Used by" is redrawn at most this often while histories arrive. */
const USAGE_DRAW_MS = 250;

const sameProject = (c: Connection, p: ProjectRef) => c.projects.some((q) => q.id.toLowerCase() === p.id.toLowerCase());

/** What the organization's load hands its last step. */
export interface OrgUsageInput {
  /** Projects whose connections were listed. */
  listed: ProjectRef[];
  connections: Connection[];
  /** This view's Graph readings (readingsToPublish), by app key; empty without Graph. */
  readings: Record<string, SnapshotApp>;
  /** Every project's snapshot, by project id in lower case. */
  snapshots: Map<string, Snapshot> | null;
  /** Every project's snapshot combined (combineSnapshots): what the organization already knows. */
  known: Snapshot | null;
  /** False once a newer load began: nothing more is read, written or reported. */
  live: () => boolean;
  report: (usage: UsageMap, progress: { done: number; total: number }, unread: Record<string, string>) => void;
}

/**
 * The organization hub's last step, once rows and Graph are done: the project hub's usage step over every
 * listed project. Usage the snapshots hold is already on screen (combineSnapshots); history is read only for
 * connections whose usage is missing or stale; then each project's snapshot gets its listing, usage and
 * this view's Graph readings of its apps in one write.
 */
export async function publishOrgUsage(
  deps: OrgHubDeps,
  { listed, connections, readings, snapshots, known, live, report }: OrgUsageInput,
): Promise<UsageStepResult | null> {
  const targets: UsageTarget[] = listed.map((project) => {
    const own = connections.filter((c) => sameProject(c, project));
    const keys = own.map(keyFor).filter((k): k is string => k !== null);
    return {
      project,
      connections: own,
      stored: snapshots?.get(project.id.toLowerCase()) ?? null,
      apps: entriesFor(readings, keys),
    };
  });
  const readUsage = deps.readUsage;
  let pending: UsageMap = {};
  let unread: Record<string, string> = {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  let progress = { done: 0, total: 0 };
  const flush = () => {
    timer = null;
    if (!live()) return;
    const usage = pending;
    const failures = unread;
    pending = {};
    unread = {};
    report(usage, progress, failures);
  };
  const result = await publishUsageFor(
    {
      now: deps.now,
      // After a Refresh (or the page going away) nothing more is read or written for this load.
      snapshots: {
        read: (id) => (live() ? deps.snapshots.read(id) : Promise.reject(new Error('superseded'))),
        create: (doc) => deps.snapshots.create(doc),
        update: (doc) => deps.snapshots.update(doc),
      },
      readUsage: readUsage
        ? (project, ids) => (live() ? readUsage(project, ids) : Promise.reject(new Error('superseded')))
        : undefined,
    },
    targets,
    known,
    {
      readConcurrency: HISTORY_PROJECTS_AT_ONCE,
      saveConcurrency: SAVE_CONCURRENCY,
      onUnread: (failures) => void Object.assign(unread, failures),
      onUsage: (usage, done, total) => {
        pending = mergeUsage(pending, usage);
        progress = { done, total };
        // The start and the end are shown at once; progress in between at most every USAGE_DRAW_MS.
        if (done === 0 || done === total) {
          if (timer) clearTimeout(timer);
          flush();
        } else if (!timer) timer = setTimeout(flush, USAGE_DRAW_MS);
      },
    },
  );
  if (timer) clearTimeout(timer);
  return live() ? result : null;
}
