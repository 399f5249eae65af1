import type { DevOpsClient } from '../adapters/rest/devopsRestClient';
import { readUsage } from '../adapters/usage/readUsage';
import { own } from '../core/raw';
import type { Connection, ProjectRef } from '../core/types';
import { mergeUsage, type UsageMap } from '../core/usage';
import { planHistoryRead, settleUsage, type UsagePolicy } from '../core/usagePlan';

/**
 * Which pipelines used each Entra-backed connection: its execution history, read in every project that
 * references it (history is stored per project) and merged (core/usage mergeUsage; the rule for "unused"
 * is core/usageRule.ts), with bounded concurrency. What the published snapshots already hold (`known`) is
 * reused or read on from (core/usagePlan.ts). A whole read is one page of the most the service gives
 * (1000 records, back to the window's start for all but the busiest connections); a read since the newest
 * known record, pages of 100 (a week's runs of most connections), at most 5.
 */

const WHOLE = { pageSize: 1000, maxPages: 1 };
const SINCE = { pageSize: 100, maxPages: 5 };

/** How each (connection, project) history was had: the figures of `--verbose`. */
export interface UsageCounts {
  reused: number;
  since: number;
  whole: number;
}

export interface ScanUsage {
  usage: UsageMap;
  failures: Record<string, string>;
  requests: number;
  counts: UsageCounts;
}

interface ProjectReads {
  project: ProjectRef;
  whole: Set<string>;
  since: Record<string, { stopAt: number; knownWhole: boolean }>;
}

export async function readScanUsage(
  found: { connection: Connection; project: string }[],
  client: Pick<DevOpsClient, 'listExecutionRecords'>,
  options: {
    nowMs: number;
    concurrency: number;
    progress: (done: number, total: number) => void;
    policy: UsagePolicy;
    /** Usage the published snapshots hold (combined over every project); null when none could be read. */
    known: UsageMap | null;
  },
): Promise<ScanUsage> {
  const counts: UsageCounts = { reused: 0, since: 0, whole: 0 };
  if (options.policy.mode === 'never') return { usage: {}, failures: {}, requests: 0, counts };
  const byProject = new Map<string, ProjectReads>();
  const connections = new Map<string, Connection>();
  for (const { connection, project } of found) {
    if (!connection.entraBacked || !connection.id) continue;
    const id = connection.id.toLowerCase();
    connections.set(id, connection);
    const known = own(options.known ?? undefined, id);
    const refs = connection.projects.length > 0 ? connection.projects : [{ id: '', name: project }];
    for (const ref of refs) {
      const plan = planHistoryRead(known, ref, options.policy, options.nowMs);
      if (plan.kind === 'none') continue;
      if (plan.kind === 'reuse') {
        counts.reused += 1;
        continue;
      }
      const key = (ref.name || ref.id).toLowerCase();
      const group = byProject.get(key) ?? { project: ref, whole: new Set<string>(), since: {} };
      if (plan.kind === 'since') group.since[id] = { stopAt: plan.stopAt, knownWhole: plan.knownWhole };
      else group.whole.add(id);
      counts[plan.kind] += 1;
      byProject.set(key, group);
    }
  }
  const total = counts.since + counts.whole;
  let done = 0;
  let read: UsageMap = {};
  const failures: Record<string, string> = {};
  const failedIn = new Map<string, ProjectRef[]>();
  let requests = 0;
  for (const { project, whole, since } of byProject.values()) {
    const reads: [string[], typeof WHOLE & { since?: typeof since }][] = [
      [[...whole], WHOLE],
      [Object.keys(since), { ...SINCE, since }],
    ];
    for (const [ids, paging] of reads) {
      if (ids.length === 0) continue;
      const reading = await readUsage(
        ids,
        (id, top, token) => client.listExecutionRecords(project.name || project.id, id, top, token),
        {
          ...paging,
          nowMs: options.nowMs,
          concurrency: options.concurrency,
          project,
          onProgress: () => options.progress(++done, total),
        },
      );
      read = mergeUsage(read, reading.usage);
      requests += reading.requests;
      for (const [id, message] of Object.entries(reading.failures)) {
        failures[id] = failures[id] ?? `history of project ${project.name || project.id}: ${message}`;
        failedIn.set(id, [...(failedIn.get(id) ?? []), project]);
      }
    }
  }
  const usage: UsageMap = {};
  for (const id of connections.keys()) {
    const u = settleUsage(own(options.known ?? undefined, id), own(read, id), failedIn.get(id) ?? []);
    if (u) usage[id] = u;
  }
  return { usage, failures, requests, counts };
}
