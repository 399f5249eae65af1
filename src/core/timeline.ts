import { DAY_MS, toMs } from './days';
import type { Status } from './types';

/** What expires when: the bars of the expiry timeline, from the verdicts (pure; the clock is passed in). */

export type TimelineStatus = 'expired' | 'critical' | 'warning' | 'healthy';
export const TIMELINE_STATUSES: TimelineStatus[] = ['expired', 'critical', 'warning', 'healthy'];

export interface TimelineItem {
  id: string;
  status: Status;
  expiresAt: string | null;
}

export interface TimelineBar {
  /** Stable within a view: `expired`, `2027-01` (a month), `w3` (the fourth week from today). */
  key: string;
  kind: 'expired' | 'month' | 'week';
  /** The bar's first instant (epoch ms, UTC); null for the expired bar (any time before now). */
  startMs: number | null;
  /** The instant after its last (exclusive). */
  endMs: number;
  /** The connections it counts, most urgent status first. */
  ids: string[];
  counts: Record<TimelineStatus, number>;
  total: number;
}

export interface Timeline {
  bars: TimelineBar[];
  /** Connections that expire after the last bar. */
  later: number;
}

export type TimelineSpan = { unit: 'month'; count: number } | { unit: 'week'; count: number };

function emptyCounts(): Record<TimelineStatus, number> {
  return { expired: 0, critical: 0, warning: 0, healthy: 0 };
}

function bar(key: string, kind: TimelineBar['kind'], startMs: number | null, endMs: number): TimelineBar {
  return { key, kind, startMs, endMs, ids: [], counts: emptyCounts(), total: 0 };
}

function isTimelineStatus(s: Status): s is TimelineStatus {
  return (TIMELINE_STATUSES as Status[]).includes(s);
}

/** The bars after "expired": calendar months (UTC) from this one, or weeks from today. */
function periodBars(nowMs: number, span: TimelineSpan): TimelineBar[] {
  const out: TimelineBar[] = [];
  if (span.unit === 'week') {
    const today = Math.floor(nowMs / DAY_MS) * DAY_MS;
    for (let i = 0; i < span.count; i++)
      out.push(bar(`w${i}`, 'week', today + i * 7 * DAY_MS, today + (i + 1) * 7 * DAY_MS));
    return out;
  }
  const now = new Date(nowMs);
  for (let i = 0; i < span.count; i++) {
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1);
    const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i + 1, 1);
    const d = new Date(start);
    out.push(bar(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`, 'month', start, end));
  }
  return out;
}

/**
 * Each connection with a credential that expires sits in one bar, counted under its status: expired ones in the
 * first bar, the others in the period of their expiry. Connections with nothing to expire (no secret, not
 * applicable) or no known date (unknown) are not on the timeline.
 */
export function expiryTimeline(items: TimelineItem[], nowMs: number, span: TimelineSpan): Timeline {
  const expired = bar('expired', 'expired', null, nowMs);
  const periods = periodBars(nowMs, span);
  const bars = [expired, ...periods];
  let later = 0;
  const rank = (s: TimelineStatus) => TIMELINE_STATUSES.indexOf(s);
  const placed = new Map<TimelineBar, { id: string; status: TimelineStatus; at: number }[]>();
  for (const item of items) {
    if (!isTimelineStatus(item.status)) continue;
    const at = toMs(item.expiresAt);
    if (item.status !== 'expired' && at === null) continue;
    let target: TimelineBar | undefined;
    if (item.status === 'expired' || (at as number) < nowMs) target = expired;
    else target = periods.find((b) => (at as number) >= (b.startMs as number) && (at as number) < b.endMs);
    if (!target) {
      later++;
      continue;
    }
    const status: TimelineStatus = target === expired ? 'expired' : item.status;
    target.counts[status]++;
    target.total++;
    const list = placed.get(target) ?? [];
    list.push({ id: item.id, status, at: at ?? 0 });
    placed.set(target, list);
  }
  for (const [b, list] of placed)
    b.ids = list.sort((x, y) => rank(x.status) - rank(y.status) || x.at - y.at).map((x) => x.id);
  return { bars, later };
}
