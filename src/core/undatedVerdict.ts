import type { Finding, Verdict } from './types';

/** A verdict with no expiry and no credential: the start of every verdict that is not date-based. */
export function undatedVerdict(status: Verdict['status'], reason: string, findings: Finding[] = []): Verdict {
  return { status, reason, daysLeft: null, expiresAt: null, credential: null, credentials: [], findings };
}
