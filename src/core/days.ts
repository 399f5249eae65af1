/** One day in milliseconds: the only copy. */
export const DAY_MS = 86_400_000;

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

// The viewer's locale (the browser's), in UTC: days are counted in UTC, so the date shown is that UTC day.
const SHORT_DATE = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  timeZone: 'UTC',
});
const SHORT_DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** The viewer's short date ("12/2/2026", "02/12/2026") of an ISO instant; '' when there is none or it is invalid. */
export function shortDate(iso: string | null): string {
  const ms = toMs(iso);
  return ms === null ? '' : SHORT_DATE.format(ms);
}

/** The viewer's short date and time, in their own time zone: when something happened on this page. */
export function shortDateTime(ms: number): string {
  return SHORT_DATE_TIME.format(ms);
}

/** Text written by the core in ISO days (`2026-12-02`, for the scanner), with each day as the viewer's short date. */
export function localDays(text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (day) => shortDate(`${day}T00:00:00Z`) || day);
}
