import type { DevOpsClient } from '../adapters/rest/devopsRestClient';
import { readUsage } from '../adapters/usage/readUsage';
import type { Connection } from '../core/types';
import type { UsageMap } from '../core/usage';

/**
 * Which pipelines used each Entra-backed connection: its execution history, read in the project the
 * connection was listed under (bounded concurrency, 90 days or 5 pages of 100 records each).
 */
export async function readScanUsage(
  found: { connection: Connection; project: string }[],
  client: Pick<DevOpsClient, 'listExecutionRecords'>,
  options: { nowMs: number; concurrency: number; progress: (done: number, total: number) => void },
): Promise<{ usage: UsageMap; failures: Record<string, string>; requests: number }> {
  const projectOf = new Map<string, string>();
  for (const { connection, project } of found)
    if (connection.entraBacked && connection.id) projectOf.set(connection.id.toLowerCase(), project);
  return readUsage(
    [...projectOf.keys()],
    (id, top, token) => client.listExecutionRecords(projectOf.get(id) ?? '', id, top, token),
    { nowMs: options.nowMs, concurrency: options.concurrency, onProgress: options.progress },
  );
}
