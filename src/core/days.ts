const DAY_MS = 86_400_000;

function utcMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Whole calendar days (UTC) from `now` to `end`: 0 means the same UTC day, -1 yesterday.
 * Both are epoch milliseconds; the caller owns the clock.
 */
export function daysBetween(nowMs: number, endMs: number): number {
  return Math.round((utcMidnight(endMs) - utcMidnight(nowMs)) / DAY_MS);
}

export function toMs(iso: string | null): number | null {
  if (iso === null) return null;
  const t = Date.parse(iso);
  return isNaN(t) ? null : t;
}

/** `2026-11-28` from an ISO instant; the date admins read in the portal. */
export function isoDay(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}
