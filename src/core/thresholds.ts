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
