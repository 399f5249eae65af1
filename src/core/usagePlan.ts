import { SNAPSHOT_STALE_DAYS } from './snapshot';
import { isStale } from './staleness';
import type { ProjectRef } from './types';
import { mergeUsage, USAGE_WINDOW_DAYS, type ConnectionUsage } from './usage';
import { pipelinesInWindow, readingIn } from './usageRule';

/**
 * What a scan reads of a connection's execution history in one project, given the usage the published
 * snapshots already hold (`--usage`, `--usage-max-age`): reuse a fresh reading, read newest first down to
 * the newest record already known, read the history whole, or read nothing.
 */

export const USAGE_MODES = ['auto', 'always', 'never'] as const;
export type UsageMode = (typeof USAGE_MODES)[number];

export interface UsagePolicy {
  /** auto: reuse fresh, read since the known otherwise; always: read every history whole; never: read none. */
  mode: UsageMode;
  /** A known reading older than this is read again (the snapshots' staleness, core/staleness.ts). */
  maxAgeDays: number;
}

export const DEFAULT_USAGE_POLICY: UsagePolicy = { mode: 'auto', maxAgeDays: SNAPSHOT_STALE_DAYS };
/** The longest --usage-max-age: past the usage window a reading says nothing about it. */
export const USAGE_MAX_AGE_LIMIT_DAYS = USAGE_WINDOW_DAYS;

export type HistoryRead =
  | { kind: 'none' }
  | { kind: 'reuse' }
  /** Newest first, stopping at the record `stopAt` (found again by its id); `knownWhole`: that reading was whole. */
  | { kind: 'since'; stopAt: number; knownWhole: boolean }
  | { kind: 'whole' };

/**
 * A fresh reading is reused only while the usage shows a use in the window: reuse can then never lead to
 * "unused", which is said only on a history this scan read (whole, or down to a record it found again).
 */
export function planHistoryRead(
  known: ConnectionUsage | undefined,
  project: ProjectRef,
  policy: UsagePolicy,
  nowMs: number,
  windowDays = USAGE_WINDOW_DAYS,
): HistoryRead {
  if (policy.mode === 'never') return { kind: 'none' };
  const reading = policy.mode === 'auto' ? readingIn(known, project) : undefined;
  if (!known || !reading) return { kind: 'whole' };
  if (!isStale(reading.readAt, nowMs, policy.maxAgeDays) && pipelinesInWindow(known, nowMs, windowDays).length > 0)
    return { kind: 'reuse' };
  return reading.newestRecordId === undefined
    ? { kind: 'whole' }
    : { kind: 'since', stopAt: reading.newestRecordId, knownWhole: reading.complete };
}

const same = (a: ProjectRef, b: ProjectRef) =>
  a.id && b.id ? a.id.toLowerCase() === b.id.toLowerCase() : a.name.toLowerCase() === b.name.toLowerCase();

/**
 * What the scan says of a connection's use: the known usage merged with what it read now (newer use per
 * project and pipeline, newer reading per project: core/usage mergeUsage). A project whose read failed
 * counts as not read: its earlier reading is no longer evidence there (unknown, never "unused").
 */
export function settleUsage(
  known: ConnectionUsage | undefined,
  read: ConnectionUsage | undefined,
  failedIn: ProjectRef[],
): ConnectionUsage | undefined {
  const kept = known && failedIn.length > 0 && known.readIn ? withoutReadings(known, failedIn) : known;
  if (!kept) return read;
  if (!read) return kept;
  return mergeUsage({ c: kept }, { c: read }).c;
}

/** The usage without its readings of these projects: whole only if every reading left is, dated by the oldest. */
function withoutReadings(usage: ConnectionUsage, projects: ProjectRef[]): ConnectionUsage {
  const readIn = (usage.readIn ?? []).filter((r) => !projects.some((p) => same(p, r.project)));
  if (readIn.length === 0) return { ...usage, complete: false, readIn };
  const readAt = readIn.reduce((min, r) => (r.readAt < min ? r.readAt : min), readIn[0].readAt);
  return { ...usage, readAt, complete: readIn.every((r) => r.complete), readIn };
}
