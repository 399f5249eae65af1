import { isoDay } from './days';
import type { ConnectionUsage, PlanType, UsageResult } from './usage';

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

/** The "Used by" cell: a count and when it was last used; null when the history was not read. */
export function usedByText(usage: ConnectionUsage | undefined): { count: string; detail: string } | null {
  if (!usage) return null;
  const last = usage.pipelines[0];
  if (!last)
    return { count: usage.complete ? 'No pipeline' : 'None found', detail: usage.complete ? 'no recorded use' : '' };
  return { count: pipelineCount(usage.pipelines.length), detail: `last ${isoDay(last.lastUsedAt)}` };
}

/** Sort key for "Used by": most recently used first, unread last. */
export function lastUsedKey(usage: ConnectionUsage | undefined): string {
  return usage?.pipelines[0]?.lastUsedAt ?? (usage ? '0' : '');
}
