import { DAY_MS } from './days';
import { SNAPSHOT_STALE_DAYS } from './snapshot';

/**
 * How old a shared reading is, and whether it is too old to stand behind: the one rule for the hub's
 * snapshot note, the warning surfaces, the widget and the scanner's reuse of published usage
 * (core/usagePlan.ts, `--usage-max-age`). Elapsed time, not calendar days: what makes a
 * reading untrustworthy is the time a secret had to be renewed or replaced since it was taken, which
 * does not depend on the hour of the day it was taken (by calendar days a reading 7 days and 23 hours
 * old would still pass, and one taken at 23:59 would be "1 day" old a minute later).
 */
export interface ReadingAge {
  /** Whole days elapsed (floor); null when the time cannot be read. */
  days: number | null;
  /** Older than SNAPSHOT_STALE_DAYS × 24 h (or the age given), from the future (a clock ahead), or unreadable. */
  stale: boolean;
}

/** A reading dated up to this far ahead of the clock is a clock difference, not a forgery. */
const CLOCK_SKEW_MS = 5 * 60_000;

export function readingAge(takenAt: string | null, nowMs: number, maxAgeDays = SNAPSHOT_STALE_DAYS): ReadingAge {
  const t = takenAt ? Date.parse(takenAt) : NaN;
  if (Number.isNaN(t)) return { days: null, stale: true };
  const elapsed = nowMs - t;
  if (elapsed < -CLOCK_SKEW_MS) return { days: 0, stale: true };
  return { days: Math.max(0, Math.floor(elapsed / DAY_MS)), stale: elapsed > maxAgeDays * DAY_MS };
}

export function isStale(takenAt: string | null, nowMs: number, maxAgeDays = SNAPSHOT_STALE_DAYS): boolean {
  return readingAge(takenAt, nowMs, maxAgeDays).stale;
}

/** "less than a day ago", "1 day ago", "12 days ago". */
export function ageText(days: number): string {
  return days <= 0 ? 'less than a day ago' : days === 1 ? '1 day ago' : `${days} days ago`;
}
