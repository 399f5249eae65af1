import { mapWithConcurrency, type FetchLike } from '../adapters/http';
import { createWorkItemsClient } from '../adapters/rest/workItemsClient';
import type { ReportConnection } from '../core/report';
import type { Verdict } from '../core/types';
import { DELETED, trackingOf, type AssignTo, type ExistingItem, type Tracking } from '../core/workItemDecision';
import { connectionTag, TRACKING_TAG } from '../core/workItemText';
import { ProjectRun } from './workItemProjectRun';

/**
 * The "track work items" job (CLI `--work-items`, the task's `workItems`): per project, one WIQL for
 * the items sc-expiry tagged, one read of them, then per connection create / update with a comment /
 * close / reopen / nothing (core/workItemDecision.ts). A project whose items cannot be queried gets no
 * write at all (a create there could duplicate); a refused write names what to grant and stops that
 * project's writes; the scan's report is never affected.
 */

export interface TrackOptions {
  orgUrl: string;
  authorization: () => Promise<string>;
  fetch: FetchLike;
  timeoutMs: number;
  concurrency: number;
  /** `--work-item-type`; null: Task, or Issue where the process has no Task. */
  type: string | null;
  areaPath: string | null;
  assign: AssignTo;
  /** Inside Azure Pipelines the writer is the build identity, not a PAT: the hint says whom to grant. */
  inPipeline: boolean;
  log: (line: string) => void;
}

export interface TrackEntry {
  report: ReportConnection;
  verdict: Verdict;
}

export interface TrackInput {
  entries: TrackEntry[];
  /** Every project whose connections were listed. */
  projects: { id: string; name: string }[];
  /** False when some project could not be listed: a connection missing from the listing is then not "deleted". */
  listingComplete: boolean;
}

export type TrackVerb = 'created' | 'updated' | 'closed' | 'reopened' | 'unchanged' | 'failed' | 'blocked';

export interface TrackAction {
  connectionId: string;
  connection: string;
  project: string;
  verb: TrackVerb;
  id: number | null;
  message: string | null;
}

export interface TrackOutcome {
  actions: TrackAction[];
  /** Project id → connection id (lower case) → the open work item that tracks it. */
  tracked: Record<string, Record<string, number>>;
  problems: { project: string; message: string; hint: string | null }[];
  requests: number;
}

export interface Conn {
  id: string;
  name: string;
  tracking: Tracking;
  entry: TrackEntry | null;
}

export async function trackWorkItems(input: TrackInput, options: TrackOptions): Promise<TrackOutcome> {
  let requests = 0;
  const counting: FetchLike = (url, init) => {
    requests += 1;
    return options.fetch(url, init);
  };
  const client = createWorkItemsClient({ ...options, fetch: counting });
  const outcome: TrackOutcome = { actions: [], tracked: {}, problems: [], requests: 0 };
  const byId = new Map(input.entries.map((e) => [e.report.id.toLowerCase(), e]));
  // Each project's own connections (a shared one in the first project that lists it).
  const own = new Map<string, TrackEntry[]>();
  for (const e of input.entries) own.set(e.report.project, [...(own.get(e.report.project) ?? []), e]);

  await mapWithConcurrency(input.projects, options.concurrency, async (project) => {
    const run = new ProjectRun(project, client, options, outcome);
    let items: (ExistingItem & { tags: string[] })[];
    try {
      items = await client.readItems(project.name, await client.findTagged(project.name, TRACKING_TAG));
    } catch (e) {
      run.refused(e, 'query');
      return;
    }
    const conns = new Map<string, Conn>();
    for (const e of own.get(project.name) ?? []) {
      conns.set(e.report.id.toLowerCase(), {
        id: e.report.id,
        name: e.report.name,
        tracking: trackingOf(e.report, e.verdict),
        entry: e,
      });
    }
    // Items of connections this project does not list: another project's (track them there), or deleted.
    for (const item of items) {
      const id = item.tags.find((t) => t.startsWith(`${TRACKING_TAG}:`))?.slice(TRACKING_TAG.length + 1);
      if (!id || conns.has(id)) continue;
      const elsewhere = byId.get(id);
      if (elsewhere) continue;
      if (input.listingComplete) conns.set(id, { id, name: id, tracking: DELETED, entry: null });
    }
    for (const conn of conns.values()) {
      if (run.stopped) break;
      const mine = items.filter((i) => i.tags.includes(connectionTag(conn.id)));
      await run.track(conn, mine);
    }
  });
  outcome.requests = requests;
  return outcome;
}
