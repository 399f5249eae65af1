import type { DevOpsClient } from '../adapters/rest/devopsRestClient';
import { readUsage } from '../adapters/usage/readUsage';
import type { Connection, ProjectRef } from '../core/types';
import { mergeUsage, type UsageMap } from '../core/usage';

/**
 * Which pipelines used each Entra-backed connection: its execution history, read in every project that
 * references it (history is stored per project) and merged (core/usage mergeUsage; the rule for "unused"
 * is core/usageRule.ts), with bounded concurrency, 90 days or 5 pages of 100 records each.
 */
export async function readScanUsage(
  found: { connection: Connection; project: string }[],
  client: Pick<DevOpsClient, 'listExecutionRecords'>,
  options: { nowMs: number; concurrency: number; progress: (done: number, total: number) => void },
): Promise<{ usage: UsageMap; failures: Record<string, string>; requests: number }> {
  const byProject = new Map<string, { project: ProjectRef; ids: Set<string> }>();
  for (const { connection, project } of found) {
    if (!connection.entraBacked || !connection.id) continue;
    const refs = connection.projects.length > 0 ? connection.projects : [{ id: '', name: project }];
    for (const ref of refs) {
      const key = (ref.name || ref.id).toLowerCase();
      const group = byProject.get(key) ?? { project: ref, ids: new Set<string>() };
      group.ids.add(connection.id.toLowerCase());
      byProject.set(key, group);
    }
  }
  const total = [...byProject.values()].reduce((n, g) => n + g.ids.size, 0);
  let done = 0;
  let usage: UsageMap = {};
  const failures: Record<string, string> = {};
  let requests = 0;
  for (const { project, ids } of byProject.values()) {
    const reading = await readUsage(
      [...ids],
      (id, top, token) => client.listExecutionRecords(project.name || project.id, id, top, token),
      {
        nowMs: options.nowMs,
        concurrency: options.concurrency,
        project,
        onProgress: () => options.progress(++done, total),
      },
    );
    usage = mergeUsage(usage, reading.usage);
    requests += reading.requests;
    for (const [id, message] of Object.entries(reading.failures))
      failures[id] = failures[id] ?? `history of project ${project.name || project.id}: ${message}`;
  }
  return { usage, failures, requests };
}
