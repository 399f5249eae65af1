import { daysBetween, isoDay, toMs } from './days';
import { legacyIssuerFinding } from './findings';
import { expiryPhrase } from './labels';
import { statusForDays } from './thresholds';
import type { Connection, Thresholds, Verdict } from './types';
import { undatedVerdict } from './undatedVerdict';

/** Azure DevOps retires its own federation issuer on this date. */
export const LEGACY_ISSUER_RETIREMENT = '2027-07-01T00:00:00.000Z';

export function isLegacyIssuer(issuer: string | null): boolean {
  return !!issuer && /^https:\/\/vstoken\./i.test(issuer.trim());
}

/**
 * Nothing expires, unless the federation still trusts Azure DevOps's retiring issuer: then the
 * retirement date is its expiry, with the thresholds and statuses of a credential's end date.
 */
export function federatedVerdict(c: Connection, nowMs: number, t: Thresholds): Verdict {
  if (!isLegacyIssuer(c.wifIssuer))
    return undatedVerdict('no-secret', 'Workload identity federation: no secret to expire.');
  const retirement = toMs(LEGACY_ISSUER_RETIREMENT) as number;
  const daysLeft = daysBetween(nowMs, retirement);
  const expired = nowMs >= retirement;
  const status = statusForDays(daysLeft, expired, t);
  const reason = expired
    ? `The old Azure DevOps federation issuer was retired on ${isoDay(LEGACY_ISSUER_RETIREMENT)}: sign-in fails until the issuer is updated.`
    : `Workload identity federation with the old Azure DevOps issuer: update it before ${isoDay(LEGACY_ISSUER_RETIREMENT)} (${expiryPhrase(daysLeft, false).replace('expires ', '')}).`;
  return {
    ...undatedVerdict(status, reason, [legacyIssuerFinding(c, LEGACY_ISSUER_RETIREMENT, nowMs)]),
    daysLeft,
    expiresAt: LEGACY_ISSUER_RETIREMENT,
    expiryOf: 'issuer',
  };
}
