import type { Status, Thresholds } from './types';

export const DEFAULT_THRESHOLDS: Thresholds = { warningDays: 30, criticalDays: 7 };

export type ThresholdCheck = { ok: true; thresholds: Thresholds } | { ok: false; error: string };

/**
 * Bounds on thresholds. Settings are shared data anyone with the extension can write: a critical
 * threshold of 0 would show tomorrow's expiry as healthy, and a huge one would flood every row.
 */
export const THRESHOLD_MIN_DAYS = 1;
export const THRESHOLD_MAX_DAYS = 365;

/** Validates thresholds typed by a person or read from storage: 1 ≤ critical ≤ warning ≤ 365. */
export function checkThresholds(warning: unknown, critical: unknown): ThresholdCheck {
  const w = typeof warning === 'string' && warning.trim() !== '' ? Number(warning) : warning;
  const c = typeof critical === 'string' && critical.trim() !== '' ? Number(critical) : critical;
  const range = `a whole number of days between ${THRESHOLD_MIN_DAYS} and ${THRESHOLD_MAX_DAYS}`;
  const inRange = (n: unknown): n is number =>
    typeof n === 'number' && Number.isInteger(n) && n >= THRESHOLD_MIN_DAYS && n <= THRESHOLD_MAX_DAYS;
  if (!inRange(w)) return { ok: false, error: `The warning threshold must be ${range}.` };
  if (!inRange(c)) return { ok: false, error: `The critical threshold must be ${range}.` };
  if (c > w) return { ok: false, error: 'The critical threshold cannot be larger than the warning threshold.' };
  return { ok: true, thresholds: { warningDays: w, criticalDays: c } };
}

/** True when a project's thresholds differ from the defaults (the header says so). */
export function isCustomThresholds(t: Thresholds): boolean {
  return t.warningDays !== DEFAULT_THRESHOLDS.warningDays || t.criticalDays !== DEFAULT_THRESHOLDS.criticalDays;
}

export function statusForDays(daysLeft: number, expired: boolean, t: Thresholds): Status {
  if (expired) return 'expired';
  if (daysLeft <= t.criticalDays) return 'critical';
  if (daysLeft <= t.warningDays) return 'warning';
  return 'healthy';
}

/**
 * Floors under thresholds read from shared settings (issue 21): 1/1 passes the 1–365 check yet would keep
 * every surface silent until the last day. The warning window is at least 7 days and at least the
 * critical one; critical is at least 1 day. Below them, values read as the floors.
 */
export const WARNING_FLOOR_DAYS = 7;
export const CRITICAL_FLOOR_DAYS = 1;

/** The thresholds in force: the ones set, raised to the floors where they are below. */
export function withFloors(t: Thresholds): Thresholds {
  const criticalDays = Math.max(t.criticalDays, CRITICAL_FLOOR_DAYS);
  return { criticalDays, warningDays: Math.max(t.warningDays, WARNING_FLOOR_DAYS, criticalDays) };
}

/** True when a threshold as set is below its floor (so it reads as the floor). */
export function belowFloors(t: Thresholds): boolean {
  const f = withFloors(t);
  return f.warningDays !== t.warningDays || f.criticalDays !== t.criticalDays;
}

/** True when the project warns later than the defaults would (the surfaces say so). */
export function isLowered(t: Thresholds): boolean {
  return t.warningDays < DEFAULT_THRESHOLDS.warningDays || t.criticalDays < DEFAULT_THRESHOLDS.criticalDays;
}

/**
 * What a surface says about thresholds set lower than the defaults (as the hub header does), or null:
 * "This project lowered its thresholds: warning 1 day, critical 1 (defaults 30 and 7); below the floors,
 * they count as warning 7, critical 1."
 */
export function loweredThresholdsNote(asSet: Thresholds): string | null {
  if (!isLowered(asSet)) return null;
  const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  const d = DEFAULT_THRESHOLDS;
  const base = `This project lowered its thresholds: warning ${days(asSet.warningDays)}, critical ${asSet.criticalDays} (defaults ${d.warningDays} and ${d.criticalDays})`;
  if (!belowFloors(asSet)) return `${base}.`;
  const f = withFloors(asSet);
  return `${base}; below the floors, they count as warning ${f.warningDays}, critical ${f.criticalDays}.`;
}

/**
 * Thresholds read from a stored settings document: checked (1–365, critical ≤ warning), then floored.
 * `asSet` keeps what the project wrote, for the note; null when the document holds none that pass.
 */
export function thresholdsFromSettings(doc: unknown): { thresholds: Thresholds; asSet: Thresholds | null } {
  const d = doc && typeof doc === 'object' ? (doc as { warningDays?: unknown; criticalDays?: unknown }) : null;
  const checked = d ? checkThresholds(d.warningDays, d.criticalDays) : null;
  if (!checked?.ok) return { thresholds: DEFAULT_THRESHOLDS, asSet: null };
  return { thresholds: withFloors(checked.thresholds), asSet: checked.thresholds };
}
