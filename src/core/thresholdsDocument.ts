import { checkThresholds, DEFAULT_THRESHOLDS, withFloors } from './thresholds';
import type { Thresholds } from './types';

/**
 * The one reader of a project's thresholds document (extension data, shared and writable by every user
 * of the extension). Three outcomes, never a silent default: the project set its own; it set none, so
 * the defaults stand; or the document could not be read (a failed request, or content that is not valid
 * thresholds), and whoever shows a verdict must say so or stay silent rather than compute it with 30/7.
 */
export type ThresholdsReading =
  /** `thresholds` raised to the floors (core/thresholds.ts); `asSet` what the project wrote, for the note. */
  | { kind: 'set'; thresholds: Thresholds; asSet: Thresholds }
  | { kind: 'missing'; thresholds: Thresholds }
  /** `invalid`: read, but not valid thresholds (Settings may overwrite it); else the read itself failed. */
  | { kind: 'unreadable'; reason: string; invalid?: true };

export const MISSING_THRESHOLDS: ThresholdsReading = { kind: 'missing', thresholds: DEFAULT_THRESHOLDS };

/** A document as read: null or undefined when the project has none. */
export function thresholdsFromDocument(doc: unknown): ThresholdsReading {
  if (doc === null || doc === undefined) return MISSING_THRESHOLDS;
  if (typeof doc !== 'object' || Array.isArray(doc))
    return { kind: 'unreadable', reason: 'the thresholds document is not an object', invalid: true };
  const d = doc as { warningDays?: unknown; criticalDays?: unknown };
  const checked = checkThresholds(d.warningDays, d.criticalDays);
  return checked.ok
    ? { kind: 'set', thresholds: withFloors(checked.thresholds), asSet: checked.thresholds }
    : { kind: 'unreadable', reason: `the stored thresholds are not valid (${checked.error})`, invalid: true };
}

/** The read itself failed (network, 401/403, 5xx): not the same as "none set". */
export function thresholdsReadFailed(e: unknown): ThresholdsReading {
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'unreadable', reason: `the thresholds could not be read (${message.slice(0, 200)})` };
}

/** The thresholds to compute verdicts with, or null: could not read, so compute nothing. */
export function usableThresholds(reading: ThresholdsReading): Thresholds | null {
  return reading.kind === 'unreadable' ? null : reading.thresholds;
}
