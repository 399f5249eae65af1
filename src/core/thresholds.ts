import type { Status, Thresholds } from './types';

export const DEFAULT_THRESHOLDS: Thresholds = { warningDays: 30, criticalDays: 7 };

export type ThresholdCheck = { ok: true; thresholds: Thresholds } | { ok: false; error: string };

/** Validates thresholds typed by a person or read from storage. */
export function checkThresholds(warning: unknown, critical: unknown): ThresholdCheck {
  const w = typeof warning === 'string' && warning.trim() !== '' ? Number(warning) : warning;
  const c = typeof critical === 'string' && critical.trim() !== '' ? Number(critical) : critical;
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > 3650) {
    return { ok: false, error: 'The warning threshold must be a whole number of days between 0 and 3650.' };
  }
  if (typeof c !== 'number' || !Number.isInteger(c) || c < 0 || c > 3650) {
    return { ok: false, error: 'The critical threshold must be a whole number of days between 0 and 3650.' };
  }
  if (c > w) return { ok: false, error: 'The critical threshold cannot be larger than the warning threshold.' };
  return { ok: true, thresholds: { warningDays: w, criticalDays: c } };
}

export function statusForDays(daysLeft: number, expired: boolean, t: Thresholds): Status {
  if (expired) return 'expired';
  if (daysLeft <= t.criticalDays) return 'critical';
  if (daysLeft <= t.warningDays) return 'warning';
  return 'healthy';
}
