import type { Status } from './types';

/**
 * Every status: its label and its key in the scanner JSON summary. The order of the table is the
 * severity order (most severe first): summaries, sorting, `--fail-on` and pipeline issues read it.
 */
const STATUSES = {
  expired: { label: 'Expired', summaryKey: 'expired' },
  critical: { label: 'Critical', summaryKey: 'critical' },
  warning: { label: 'Warning', summaryKey: 'warning' },
  healthy: { label: 'Healthy', summaryKey: 'healthy' },
  'no-secret': { label: 'No secret', summaryKey: 'noSecret' },
  unknown: { label: 'Unknown', summaryKey: 'unknown' },
  'not-applicable': { label: 'Not applicable', summaryKey: 'notApplicable' },
} as const satisfies Record<Status, { label: string; summaryKey: string }>;

/** Most severe first. */
export const STATUS_ORDER = Object.keys(STATUSES) as Status[];

export const STATUS_LABELS: Record<Status, string> = Object.fromEntries(
  STATUS_ORDER.map((s) => [s, STATUSES[s].label]),
) as Record<Status, string>;

export type SummaryKey = (typeof STATUSES)[Status]['summaryKey'];

/** `noSecret` for `no-secret`: the scanner JSON's summary names statuses in camelCase. */
export function summaryKey(status: Status): SummaryKey {
  return STATUSES[status].summaryKey;
}

export function severityRank(status: Status): number {
  return STATUS_ORDER.indexOf(status);
}

/** Statuses someone must act on: pipeline issues, the "Needs action" section, the exit code's default. */
export const NEEDS_ACTION: readonly Status[] = ['expired', 'critical', 'warning'];

export function needsAction(status: Status): boolean {
  return NEEDS_ACTION.includes(status);
}
