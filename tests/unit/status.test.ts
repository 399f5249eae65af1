import { compareExpiry, compareVerdicts } from '../../src/core/order';
import { needsAction, severityRank, STATUS_LABELS, STATUS_ORDER, summaryKey } from '../../src/core/status';
import type { Status } from '../../src/core/types';

// [status, label, key in the scanner JSON summary, needs action]
const STATUSES: [Status, string, string, boolean][] = [
  ['expired', 'Expired', 'expired', true],
  ['critical', 'Critical', 'critical', true],
  ['warning', 'Warning', 'warning', true],
  ['healthy', 'Healthy', 'healthy', false],
  ['no-secret', 'No secret', 'noSecret', false],
  ['unknown', 'Unknown', 'unknown', false],
  ['not-applicable', 'Not applicable', 'notApplicable', false],
];

describe('the status table', () => {
  it('lists every status, most severe first', () => {
    expect(STATUS_ORDER).toEqual(STATUSES.map(([s]) => s));
    expect(STATUS_ORDER.map(severityRank)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it.each(STATUSES)('%s: label "%s", summary key %s, needs action %s', (status, label, key, action) => {
    expect(STATUS_LABELS[status]).toBe(label);
    expect(summaryKey(status)).toBe(key);
    expect(needsAction(status)).toBe(action);
  });
});

describe('the one expiry comparison', () => {
  it.each([
    ['2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z', -1],
    ['2026-12-02T00:00:00Z', '2026-12-01T00:00:00Z', 1],
    ['2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', 0],
    [null, '2026-12-01T00:00:00Z', 1],
    ['2026-12-01T00:00:00Z', null, -1],
    [null, null, 0],
  ])('%s vs %s → %d', (a, b, expected) => {
    expect(Math.sign(compareExpiry(a, b))).toBe(expected);
  });

  it('orders verdicts by severity, then expiry, then name (numbers in names read as numbers)', () => {
    const row = (name: string, status: Status, expiresAt: string | null) => ({ name, verdict: { status, expiresAt } });
    const rows = [
      row('conn10', 'warning', '2026-12-20T00:00:00Z'),
      row('conn2', 'warning', '2026-12-20T00:00:00Z'),
      row('b', 'healthy', null),
      row('a', 'warning', '2026-12-10T00:00:00Z'),
      row('z', 'expired', null),
    ];
    expect(rows.sort(compareVerdicts).map((r) => r.name)).toEqual(['z', 'a', 'conn2', 'conn10', 'b']);
  });
});
