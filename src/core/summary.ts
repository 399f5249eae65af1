import { severityRank, STATUS_ORDER } from './thresholds';
import type { Status, Verdict } from './types';

// One collator for every sort: far cheaper than String.localeCompare over thousands of rows.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function compareText(a: string, b: string): number {
  return collator.compare(a, b);
}

export type Summary = Record<Status, number>;

export function summarize(statuses: Iterable<Status>): Summary {
  const out = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Summary;
  for (const s of statuses) out[s] += 1;
  return out;
}

/** Most severe first, then soonest expiry, then name: the order admins read a list in. */
export function compareVerdicts(
  a: { name: string; verdict: Pick<Verdict, 'status' | 'expiresAt'> },
  b: { name: string; verdict: Pick<Verdict, 'status' | 'expiresAt'> },
): number {
  const bySeverity = severityRank(a.verdict.status) - severityRank(b.verdict.status);
  if (bySeverity !== 0) return bySeverity;
  const ea = a.verdict.expiresAt ?? '9999';
  const eb = b.verdict.expiresAt ?? '9999';
  if (ea !== eb) return ea < eb ? -1 : 1;
  return compareText(a.name, b.name);
}
