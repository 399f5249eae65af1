import { saveSnapshot } from '../../src/adapters/snapshotSync';
import { memorySnapshots } from '../support/memorySnapshots';
import { parseApplication } from '../../src/core/graph';
import { parseEndpoint } from '../../src/core/endpoint';
import { appKey } from '../../src/core/graphQueries';
import {
  lookupsFromSnapshot,
  mergeSnapshot,
  readSnapshot,
  snapshotEntries,
  type SnapshotApp,
} from '../../src/core/snapshot';
import type { AppLookup } from '../../src/core/types';
import { computeVerdict } from '../../src/core/verdict';
import { APP, NOW, TENANT, application, armEndpoint, iso } from '../support/payloads';

const tenantOf = (key: string) => key.split('|')[0];
const clock = () => NOW;

function lookups(): Map<string, AppLookup> {
  const app = parseApplication(
    application([
      { start: iso(-60), end: iso(20) },
      { start: iso(-1), end: iso(700) },
    ]),
  );
  return new Map<string, AppLookup>([
    [appKey(TENANT, APP), { kind: 'found', app: app! }],
    [appKey(TENANT, '00000000-0000-4000-8000-000000000999'), { kind: 'forbidden', message: 'no' }],
  ]);
}

function entry(appId: string, takenAt: string): SnapshotApp {
  return {
    appId,
    tenantId: TENANT,
    displayName: appId,
    credentials: [],
    takenAt,
    takenBy: { kind: 'scanner', name: 'nightly' },
  };
}

describe('snapshot', () => {
  it('keeps found apps only, without secret hints', () => {
    const entries = snapshotEntries(lookups(), tenantOf, iso(0), { kind: 'hub', name: 'Admin' });
    expect(Object.keys(entries)).toEqual([appKey(TENANT, APP)]);
    expect(JSON.stringify(entries)).not.toContain('Ab1');
  });

  it('gives the same verdict from the snapshot as from Graph', () => {
    const connection = parseEndpoint(armEndpoint({ modificationDate: iso(-60) }));
    const live = computeVerdict({ connection, lookup: lookups().get(appKey(TENANT, APP)), nowMs: NOW });
    const stored = readSnapshot(
      JSON.parse(
        JSON.stringify({ id: 'p', apps: snapshotEntries(lookups(), tenantOf, iso(0), { kind: 'hub', name: 'A' }) }),
      ),
      'p',
      NOW,
    );
    const fromSnapshot = computeVerdict({
      connection,
      lookup: lookupsFromSnapshot(stored).get(appKey(TENANT, APP)),
      nowMs: NOW,
    });
    expect(fromSnapshot.status).toBe(live.status);
    expect(fromSnapshot.credential).toEqual(live.credential);
  });

  it.each([
    ['newer reading replaces older', { a: entry('a', iso(-5)) }, { a: entry('a', iso(-1)) }, { a: iso(-1) }],
    ['older reading does not replace newer', { a: entry('a', iso(-1)) }, { a: entry('a', iso(-5)) }, { a: iso(-1) }],
    [
      'apps only one side knows are kept',
      { a: entry('a', iso(-1)) },
      { b: entry('b', iso(-2)) },
      { a: iso(-1), b: iso(-2) },
    ],
  ])('merge: %s', (_n, current, incoming, expected) => {
    const merged = mergeSnapshot({ id: 'p', version: 1, apps: current }, incoming);
    expect(Object.fromEntries(Object.entries(merged.apps).map(([k, v]) => [k, v.takenAt]))).toEqual(expected);
  });

  it.each([
    [
      'an offset instant newer than a later-sorting string',
      '2026-11-28T13:00:00+02:00',
      '2026-11-28T11:30:00Z',
      '2026-11-28T11:30:00Z',
    ],
    [
      'an offset instant that sorts later but is older',
      '2026-11-28T10:00:00Z',
      '2026-11-28T11:00:00+02:00',
      '2026-11-28T10:00:00Z',
    ],
  ])('merge compares instants, not strings: %s', (_n, current, incoming, kept) => {
    const merged = mergeSnapshot(
      { id: 'p', version: 1, apps: { a: entry('a', current) } },
      { a: entry('a', incoming) },
    );
    expect(merged.apps.a.takenAt).toBe(kept);
  });

  it.each([
    ['in the future beyond the clock skew', false, iso(0, 1)],
    ['a few minutes ahead (clock skew)', true, new Date(NOW + 3 * 60_000).toISOString()],
    ['unreadable', false, 'yesterday'],
    ['a number', false, 20261128],
    ['in the past', true, iso(-2)],
  ])('a reading whose takenAt is %s: kept = %s', (_n, kept, takenAt) => {
    const s = readSnapshot({ apps: { a: { ...entry('a', iso(0)), takenAt } } }, 'p', NOW);
    expect('a' in s.apps).toBe(kept);
  });

  it.each([
    [
      'a certificate connection, reading without certificates',
      'spnCertificate',
      [],
      'unknown',
      /no certificate reading/,
    ],
    [
      'a certificate connection, reading with its certificate',
      'spnCertificate',
      [{ keyId: 'c', kind: 'certificate', displayName: null, startDateTime: iso(-10), endDateTime: iso(100) }],
      'healthy',
      /valid until/,
    ],
    [
      'a secret connection, reading with an unreadable end date',
      'spnKey',
      [{ keyId: 's', kind: 'secret', displayName: null, startDateTime: iso(-10), endDateTime: '20991201' }],
      'unknown',
      /not an ISO-8601 date/,
    ],
  ])('verdict from %s', (_n, authenticationType, credentials, status, reason) => {
    const connection = parseEndpoint(armEndpoint({ modificationDate: iso(-60), authenticationType }));
    const stored = readSnapshot({ apps: { [appKey(TENANT, APP)]: { ...entry(APP, iso(-1)), credentials } } }, 'p', NOW);
    const v = computeVerdict({ connection, lookup: lookupsFromSnapshot(stored).get(appKey(TENANT, APP)), nowMs: NOW });
    expect(v.status).toBe(status);
    expect(v.reason).toMatch(reason);
  });

  it.each([
    ['null', null],
    ['a string', 'nonsense'],
    [
      'apps with garbage',
      {
        apps: {
          x: { appId: 5 },
          y: null,
          z: { appId: 'z', takenAt: iso(0), credentials: [{ keyId: 'k', kind: 'password' }] },
        },
      },
    ],
  ])('reads a malformed document (%s) without throwing', (_n, raw) => {
    const s = readSnapshot(raw, 'p', NOW);
    expect(s.id).toBe('p');
    for (const app of Object.values(s.apps))
      expect(app.credentials.every((c) => c.kind === 'secret' || c.kind === 'certificate')).toBe(true);
  });
});

describe('saveSnapshot', () => {
  it('two writers racing keep both apps', async () => {
    const store = memorySnapshots();
    await Promise.all([
      saveSnapshot(store, 'p', { a: entry('a', iso(0)) }, { now: clock }),
      saveSnapshot(store, 'p', { b: entry('b', iso(0)) }, { now: clock }),
    ]);
    const final = readSnapshot(await store.read('p'), 'p', NOW);
    expect(Object.keys(final.apps).sort()).toEqual(['a', 'b']);
  });

  it('gives up after a bounded number of conflicts', async () => {
    const store = memorySnapshots();
    store.update = async () => {
      throw Object.assign(new Error('conflict'), { status: 409 });
    };
    await saveSnapshot(store, 'p', { a: entry('a', iso(0)) }, { now: clock });
    const waits: number[] = [];
    const policy = { attempts: 3, budgetMs: 1000, baseMs: 10 };
    const sleep = async (ms: number) => void waits.push(ms);
    await expect(saveSnapshot(store, 'p', { b: entry('b', iso(0)) }, { now: clock, policy, sleep })).rejects.toThrow(
      /the snapshot kept changing under us after 3 tries/,
    );
    // The one retry policy: backoff doubles between conflict tries.
    expect(waits).toEqual([10, 20]);
  });

  it('does not retry other failures', async () => {
    const store = memorySnapshots();
    store.create = async () => {
      throw Object.assign(new Error('forbidden'), { status: 403 });
    };
    await expect(saveSnapshot(store, 'p', { a: entry('a', iso(0)) }, { now: clock })).rejects.toThrow('forbidden');
  });
});
