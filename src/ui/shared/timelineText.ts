import type { TimelineBar, TimelineStatus } from '../../core/timeline';
import { TIMELINE_STATUSES } from '../../core/timeline';

// The viewer's locale; bars are UTC periods, so they are named in UTC.
const MONTH_LONG = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_SHORT = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const DAY_SHORT = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const DAY_LONG = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

const WORDS: Record<TimelineStatus, string> = {
  expired: 'expired',
  critical: 'critical',
  warning: 'warning',
  healthy: 'healthy',
};

/** The period a bar stands for, in full: "January 2027", "the week of December 6, 2026", "Already expired". */
export function barPeriod(b: TimelineBar): string {
  if (b.kind === 'expired') return 'Already expired';
  if (b.kind === 'month') return MONTH_LONG.format(b.startMs as number);
  return `Week of ${DAY_LONG.format(b.startMs as number)}`;
}

/** The bar's short caption under it: "Expired", "Jan", "Dec 6"; the year shows on January and on the first month. */
export function barCaption(b: TimelineBar, index: number): { text: string; year: string | null } {
  if (b.kind === 'expired') return { text: 'Expired', year: null };
  const start = b.startMs as number;
  // Weeks are narrow (the widget): every fourth one is named, from the third on, so that no name runs into
  // "Expired" or the next one.
  if (b.kind === 'week') return { text: index % 4 === 2 ? DAY_SHORT.format(start) : '', year: null };
  const d = new Date(start);
  return {
    text: MONTH_SHORT.format(start),
    year: index === 1 || d.getUTCMonth() === 0 ? String(d.getUTCFullYear()) : null,
  };
}

/** "3 connections (1 critical, 2 warning)" or "no connection". */
export function barCounts(b: TimelineBar): string {
  if (b.total === 0) return 'no connection';
  const parts = TIMELINE_STATUSES.filter((s) => b.counts[s] > 0).map((s) => `${b.counts[s]} ${WORDS[s]}`);
  const noun = b.total === 1 ? '1 connection' : `${b.total} connections`;
  if (b.kind === 'expired') return noun;
  const only = TIMELINE_STATUSES.filter((s) => b.counts[s] > 0);
  return only.length === 1 ? `${noun} (${WORDS[only[0]]})` : `${noun} (${parts.join(', ')})`;
}

/** What a screen reader says of a bar, and its tooltip. */
export function barLabel(b: TimelineBar): string {
  if (b.kind === 'expired') return `Already expired: ${barCounts(b)}`;
  return `${barPeriod(b)}: ${barCounts(b)} ${b.total <= 1 ? 'expires' : 'expire'}`;
}

/** The table's filter by a bar, as its button says it: "Expires in January 2027", "Already expired". */
export function barFilterText(b: TimelineBar): string {
  return b.kind === 'expired'
    ? 'Already expired'
    : b.kind === 'month'
      ? `Expires in ${barPeriod(b)}`
      : `Expires in the ${barPeriod(b).toLowerCase()}`;
}
