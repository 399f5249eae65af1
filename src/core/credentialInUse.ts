import { toMs } from './days';
import type { Confidence, Credential } from './types';

/** Azure DevOps saves the connection a little after it creates the secret; allow for the gap. */
export const MODIFICATION_TOLERANCE_MS = 5 * 60_000;

export function isInvalidCredential(c: Credential): boolean {
  const start = toMs(c.startDateTime);
  const end = toMs(c.endDateTime);
  return start !== null && end !== null && start > end;
}

export interface CredentialChoice {
  credential: Credential;
  confidence: Confidence;
}

/**
 * Which credential the connection holds. Graph cannot say, and the newest is the wrong guess (a
 * secret added by hand in the portal is never seen by Azure DevOps). The one in use is the most
 * recently started credential that existed when the connection was last saved.
 */
export function pickCredentialInUse(
  credentials: Credential[],
  modifiedAt: string | null,
  nowMs: number,
): CredentialChoice | null {
  if (credentials.length === 0) return null;
  if (credentials.length === 1) return { credential: credentials[0], confidence: 'single' };

  const usable = credentials.filter((c) => !isInvalidCredential(c));
  const saved = toMs(modifiedAt);
  if (saved !== null) {
    const limit = saved + MODIFICATION_TOLERANCE_MS;
    const candidates = usable.filter((c) => {
      const start = toMs(c.startDateTime);
      return start !== null && start <= limit;
    });
    const best = maxBy(candidates, (c) => [toMs(c.startDateTime) ?? 0, endOf(c)]);
    if (best) return { credential: best, confidence: 'matched' };
  }

  const pool = usable.length > 0 ? usable : credentials;
  const active = pool.filter((c) => endOf(c) > nowMs);
  const fallback = active.length > 0 ? maxBy(active, (c) => [-endOf(c), 0]) : maxBy(pool, (c) => [endOf(c), 0]);
  return fallback ? { credential: fallback, confidence: 'ambiguous' } : null;
}

function endOf(c: Credential): number {
  return toMs(c.endDateTime) ?? Number.POSITIVE_INFINITY;
}

function maxBy<T>(items: T[], key: (item: T) => [number, number]): T | undefined {
  let best: T | undefined;
  let bestKey: [number, number] = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const item of items) {
    const k = key(item);
    if (k[0] > bestKey[0] || (k[0] === bestKey[0] && k[1] > bestKey[1])) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}
