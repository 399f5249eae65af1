import { parseEndpoint } from '../../src/core/endpoint';
import { computeVerdict } from '../../src/core/verdict';
import { parseApplication } from '../../src/core/graph';
import {
  belowFloors,
  DEFAULT_THRESHOLDS,
  loweredThresholdsNote,
  thresholdsFromSettings,
  withFloors,
} from '../../src/core/thresholds';
import { application, armEndpoint, iso, NOW } from '../support/payloads';

/** Issue 21 item 7: thresholds from shared settings have floors (warning ≥ 7 and ≥ critical, critical ≥ 1). */

describe('thresholds read from the project settings document', () => {
  it.each<[string, unknown, { warningDays: number; criticalDays: number }, RegExp | null]>([
    [
      '1/1 reads as the floors, and says so',
      { warningDays: 1, criticalDays: 1 },
      { warningDays: 7, criticalDays: 1 },
      /lowered its thresholds: warning 1 day, critical 1 \(defaults 30 and 7\); below the floors, they count as warning 7, critical 1\./,
    ],
    [
      '5/5: warning floored, critical kept',
      { warningDays: 5, criticalDays: 5 },
      { warningDays: 7, criticalDays: 5 },
      /below the floors, they count as warning 7, critical 5/,
    ],
    [
      '"3"/"2" typed as strings',
      { warningDays: '3', criticalDays: '2' },
      { warningDays: 7, criticalDays: 2 },
      /warning 3 days, critical 2/,
    ],
    [
      '7/1: at the floors, lowered but not below',
      { warningDays: 7, criticalDays: 1 },
      { warningDays: 7, criticalDays: 1 },
      /^This project lowered its thresholds: warning 7 days, critical 1 \(defaults 30 and 7\)\.$/,
    ],
    ['the defaults: nothing to say', { warningDays: 30, criticalDays: 7 }, { warningDays: 30, criticalDays: 7 }, null],
    ['raised: nothing to say', { warningDays: 60, criticalDays: 14 }, { warningDays: 60, criticalDays: 14 }, null],
    ['0 fails the 1–365 check: defaults', { warningDays: 0, criticalDays: 0 }, DEFAULT_THRESHOLDS, null],
    ['critical above warning fails: defaults', { warningDays: 3, criticalDays: 9 }, DEFAULT_THRESHOLDS, null],
    ['no document: defaults', null, DEFAULT_THRESHOLDS, null],
    ['not numbers: defaults', { warningDays: 'soon', criticalDays: [] }, DEFAULT_THRESHOLDS, null],
  ])('%s', (_label, doc, expected, note) => {
    const read = thresholdsFromSettings(doc);
    expect(read.thresholds).toEqual(expected);
    const text = read.asSet ? loweredThresholdsNote(read.asSet) : null;
    if (note) expect(text).toMatch(note);
    else expect(text).toBeNull();
  });

  it('floors are pure and idempotent', () => {
    for (let w = 1; w <= 10; w++)
      for (let c = 1; c <= w; c++) {
        const f = withFloors({ warningDays: w, criticalDays: c });
        expect(f.warningDays).toBeGreaterThanOrEqual(7);
        expect(f.warningDays).toBeGreaterThanOrEqual(f.criticalDays);
        expect(f.criticalDays).toBe(c);
        expect(withFloors(f)).toEqual(f);
        expect(belowFloors(f)).toBe(false);
        expect(belowFloors({ warningDays: w, criticalDays: c })).toBe(w < 7);
      }
  });

  it('a secret that expires in 5 days warns under floored 1/1, where 1/1 itself said healthy', () => {
    const connection = parseEndpoint(armEndpoint());
    const app = parseApplication(application([{ start: iso(-61), end: iso(5) }]))!;
    const lookup = { kind: 'found' as const, app };
    const asSet = { warningDays: 1, criticalDays: 1 };
    expect(computeVerdict({ connection, lookup, nowMs: NOW, thresholds: asSet }).status).toBe('healthy');
    const read = thresholdsFromSettings(asSet);
    expect(computeVerdict({ connection, lookup, nowMs: NOW, thresholds: read.thresholds }).status).toBe('warning');
  });
});
