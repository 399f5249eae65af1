import { expiryTimeline } from '../../src/core/timeline';
import { applyHealthCheck } from '../../src/core/health';
import { parseEndpoint } from '../../src/core/endpoint';
import { computeVerdict } from '../../src/core/verdict';
import { parseApplication } from '../../src/core/graph';
import type { AppLookup } from '../../src/core/types';
import { application, armEndpoint, iso, NOW } from '../support/payloads';

function found(raw: Record<string, unknown>): AppLookup {
  const app = parseApplication(raw);
  if (!app) throw new Error('bad app');
  return { kind: 'found', app };
}
const secret = (startDays: number, endDays: number) => ({ start: iso(startDays), end: iso(endDays) });

/** The expiry timeline's bars, and what a passing check says beside a reading that contradicts it. */

const DAY = 86_400_000;
const at = (days: number) => new Date(NOW + days * DAY).toISOString();

describe('expiryTimeline', () => {
  const items = [
    { id: 'gone', status: 'expired' as const, expiresAt: at(-10) },
    { id: 'soon', status: 'critical' as const, expiresAt: at(3) },
    { id: 'month', status: 'warning' as const, expiresAt: at(20) },
    { id: 'later', status: 'healthy' as const, expiresAt: at(500) },
    { id: 'wif', status: 'no-secret' as const, expiresAt: null },
    { id: 'blind', status: 'unknown' as const, expiresAt: null },
    { id: 'github', status: 'not-applicable' as const, expiresAt: null },
  ];

  it('puts expired connections first, then one bar per calendar month (UTC), and counts what lies beyond', () => {
    const t = expiryTimeline(items, NOW, { unit: 'month', count: 12 });
    expect(t.bars).toHaveLength(13);
    expect(t.bars[0]).toMatchObject({ key: 'expired', ids: ['gone'], total: 1 });
    expect(t.bars[1].startMs).toBe(Date.UTC(new Date(NOW).getUTCFullYear(), new Date(NOW).getUTCMonth(), 1));
    const placed = t.bars.flatMap((b) => b.ids);
    expect(placed.sort()).toEqual(['gone', 'month', 'soon']);
    expect(t.later).toBe(1);
    // Each bar holds whole months, back to back.
    for (let i = 2; i < t.bars.length; i++) expect(t.bars[i].startMs).toBe(t.bars[i - 1].endMs);
  });

  it.each([
    [0, 'w0'],
    [6.4, 'w0'], // day 6 (UTC): days are whole UTC days, as daysLeft
    [7, 'w1'],
    [89, 'w12'],
  ])('a credential ending in %s days sits in week bar %s', (days, key) => {
    const t = expiryTimeline([{ id: 'x', status: 'warning', expiresAt: at(days) }], NOW, { unit: 'week', count: 13 });
    expect(t.bars.find((b) => b.ids.includes('x'))?.key).toBe(key);
  });

  it('never places a connection with nothing to expire or no known date, and counts by status', () => {
    const t = expiryTimeline(
      [
        { id: 'a', status: 'critical', expiresAt: at(2) },
        { id: 'b', status: 'warning', expiresAt: at(2) },
        { id: 'c', status: 'unknown', expiresAt: at(2) },
        { id: 'd', status: 'healthy', expiresAt: 'garbage' },
      ],
      NOW,
      { unit: 'week', count: 13 },
    );
    expect(t.bars[1]).toMatchObject({ total: 2, counts: { expired: 0, critical: 1, warning: 1, healthy: 0 } });
    expect(t.bars[1].ids).toEqual(['a', 'b']);
    expect(t.later).toBe(0);
  });
});

describe('a passing connection test says which wins', () => {
  it.each([
    [
      'the app registration was not found',
      { kind: 'not-found', servicePrincipal: 'absent' } as AppLookup,
      /Yet Azure DevOps's connection test passes.*the test wins/,
    ],
    [
      'Graph dates the secret as expired',
      found(application([secret(-100, -10)])),
      /Yet Azure DevOps's connection test passes.*The test wins/,
    ],
  ])('%s', (_name, lookup, said) => {
    const connection = parseEndpoint(armEndpoint());
    const read = computeVerdict({ connection, lookup, nowMs: NOW });
    const checked = applyHealthCheck(read, connection, { ok: true, message: '' });
    expect(checked.status).toBe(read.status);
    expect(checked.reason.startsWith(read.reason)).toBe(true);
    expect(checked.reason).toMatch(said);
  });

  it('beside a healthy reading it changes nothing', () => {
    const connection = parseEndpoint(armEndpoint());
    const read = computeVerdict({ connection, lookup: found(application([secret(-10, 80)])), nowMs: NOW });
    expect(applyHealthCheck(read, connection, { ok: true, message: '' })).toEqual(read);
  });
});
