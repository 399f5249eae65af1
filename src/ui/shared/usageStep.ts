import { mapWithConcurrency } from '../../adapters/http';
import { saveSnapshot, type SnapshotDocumentStore } from '../../adapters/snapshotSync';
import type { UsageReading } from '../../adapters/usage/readUsage';
import type { Snapshot, SnapshotApp } from '../../core/snapshot';
import type { ProjectRef } from '../../core/types';
import { mergeUsage, type UsageMap } from '../../core/usage';
import { listingExtras, usageReads, type UsageProject } from '../../core/usageRefresh';
import type { Transition } from './loadSteps';

/** Usage read by this view joins the rows' "Used by": per project, the newer reading (a shared connection's projects add up). */
export function withUsage(usage: UsageMap): Transition {
  return (d) => ({ ...d, usage: mergeUsage(d.usage ?? {}, usage) });
}

/** Connections whose history this view could not read: their "Used by" says why. */
export function withUnreadUsage(failures: Record<string, string>): Transition {
  return (d) => ({ ...d, usageErrors: { ...d.usageErrors, ...failures } });
}

/** One project's snapshot document after a visit: its listing, usage and (organization hub) Graph readings. */
export interface UsageTarget extends UsageProject {
  /** App readings written in the same document write, so a project's snapshot is written once. */
  apps?: Record<string, SnapshotApp>;
}

export interface UsageStepEnv {
  now(): number;
  snapshots: SnapshotDocumentStore;
  /** One project's execution history of these connections; absent: no history is read. */
  readUsage?(project: ProjectRef, connectionIds: string[]): Promise<UsageReading>;
}

export interface UsageStepOptions {
  /** Projects whose history is read at once (each read bounds its own requests). */
  readConcurrency?: number;
  /** Snapshot documents written at once. */
  saveConcurrency?: number;
  /** A project's reads are in: `done` of `total` projects. */
  onUsage?(usage: UsageMap, done: number, total: number): void;
  onSaved?(projectId: string, snapshot: Snapshot): void;
  /** Connection id (lower case) → why its history could not be read: its "Used by" says so, never "unused". */
  onUnread?(failures: Record<string, string>): void;
}

export interface UsageStepResult {
  /** Projects whose snapshot was written, and those whose write failed. */
  saved: number;
  failed: number;
  /** History requests made. */
  requests: number;
}

/**
 * The last step of a hub's load (after Graph, or when there is none), for one project or many: reads the
 * execution history of connections whose known usage is missing or older than a day (a shared connection
 * in every project that references it), then writes each project's listing, usage and readings into its snapshot for the warning
 * surfaces (pill, run section, widget), once per project and only when something changed. A failed read
 * costs the "Used by" of its connections only; a failed write costs that project's snapshot only.
 */
export async function publishUsageFor(
  env: UsageStepEnv,
  targets: UsageTarget[],
  known: Snapshot | null,
  options: UsageStepOptions = {},
): Promise<UsageStepResult> {
  const reads = env.readUsage ? usageReads(targets, known, env.now()) : [];
  let read: UsageMap = {};
  let requests = 0;
  let done = 0;
  if (reads.length > 0) options.onUsage?.({}, 0, reads.length);
  await mapWithConcurrency(reads, options.readConcurrency ?? 1, async ({ project, ids }) => {
    let usage: UsageMap = {};
    let unread: Record<string, string> = {};
    try {
      const reading = await env.readUsage!(project, ids);
      usage = reading.usage;
      unread = reading.failures;
      requests += reading.requests;
    } catch (e) {
      // This project's history could not be read: its connections keep what the snapshots hold.
      const message = e instanceof Error ? e.message : String(e);
      unread = Object.fromEntries(ids.map((id) => [id.toLowerCase(), message]));
    }
    if (Object.keys(unread).length > 0) options.onUnread?.(unread);
    // A shared connection is read in each of its projects: their histories merge.
    read = mergeUsage(read, usage);
    options.onUsage?.(usage, ++done, reads.length);
  });
  const listedAt = new Date(env.now()).toISOString();
  const writes = targets
    .map((t) => ({ t, extras: listingExtras(t, read, known, listedAt) }))
    .filter(({ t, extras }) => extras || Object.keys(t.apps ?? {}).length > 0);
  const outcomes = await mapWithConcurrency(writes, options.saveConcurrency ?? 1, ({ t, extras }) =>
    saveSnapshot(env.snapshots, t.project.id, t.apps ?? {}, { now: env.now, extras: extras ?? {} }).then(
      (saved) => (options.onSaved?.(t.project.id, saved), true),
      () => false,
    ),
  );
  const failed = outcomes.filter((ok) => !ok).length;
  return { saved: outcomes.length - failed, failed, requests };
}
