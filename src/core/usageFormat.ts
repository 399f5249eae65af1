import { isoDay } from './days';
import type { Connection } from './types';
import type { ConnectionUsage, PlanType, UsageResult } from './usage';
import { readByAdmins, unreadText } from './usageRule';

/** Words for the usage map, shared by the hub, the organization hub, the scanner and the surfaces. */

const RESULT_LABELS: Record<UsageResult, string> = {
  succeeded: 'succeeded',
  succeededWithIssues: 'succeeded with issues',
  failed: 'failed',
  canceled: 'canceled',
  skipped: 'skipped',
  abandoned: 'abandoned',
};

export function resultLabel(result: UsageResult | null): string {
  return result ? RESULT_LABELS[result] : 'result unknown';
}

export function planLabel(planType: PlanType): string {
  return planType === 'release' ? 'Release pipeline' : planType === 'build' ? 'Pipeline' : 'Other';
}

export function pipelineCount(n: number): string {
  return n === 1 ? '1 pipeline' : `${n} pipelines`;
}

/**
 * The "Used by" cell: a count and when it was last used; null when the history was not read. With the
 * connection, a shared one whose history was not read in every project that references it says where
 * (and is "Unknown" rather than "No pipeline"); "No pipeline" without a project administrator's reading
 * is "in the projects you can see".
 */
export function usedByText(
  usage: ConnectionUsage | undefined,
  connection?: Connection,
): { count: string; detail: string } | null {
  if (!usage) return null;
  const unread = connection ? unreadText(connection, usage) : null;
  const last = usage.pipelines[0];
  if (!last) {
    if (unread) return { count: 'Unknown', detail: unread };
    if (!usage.complete) return { count: 'None found', detail: '' };
    return { count: 'No pipeline', detail: readByAdmins(usage) ? 'no recorded use' : 'in the projects you can see' };
  }
  const detail = `last ${isoDay(last.lastUsedAt)}${unread ? `; ${unread}` : ''}`;
  return { count: pipelineCount(usage.pipelines.length), detail };
}

/** Sort key for "Used by": most recently used first, unread last. */
export function lastUsedKey(usage: ConnectionUsage | undefined): string {
  return usage?.pipelines[0]?.lastUsedAt ?? (usage ? '0' : '');
}
