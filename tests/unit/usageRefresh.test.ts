import { parseEndpoint } from '../../src/core/endpoint';
import { combineSnapshots } from '../../src/core/orgSnapshot';
import { emptySnapshot, mergeSnapshot, type Snapshot } from '../../src/core/snapshot';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import type { UsageMap } from '../../src/core/usage';
import { listingExtras, usageReads, type UsageProject } from '../../src/core/usageRefresh';
import { armEndpoint, iso, NOW } from '../support/payloads';

/** Which connections a visit reads history for, where, and what each project's snapshot gets. */

const A = { id: 'a1c3e5f7-9b2d-4f46-8a1c-3e5f7a9b1c2d', name: 'Alpha' };
const B = { id: 'e2d4f6a8-1b3c-4d5e-8f70-9a1b2c3d4e5f', name: 'Beta' };
const S = '0f1e2d3c-0000-4000-8000-00000000b001'; // shared, first project Beta
const X = '0f1e2d3c-0000-4000-8000-00000000b002'; // Alpha only
const G = 'gh-0000-0001'; // GitHub: no Entra app, never read

const shared = parseEndpoint(armEndpoint({ id: S, name: 'shared', projects: [B, A] }));
const alpha = parseEndpoint(armEndpoint({ id: X, name: 'alpha-only', projects: [A] }));
const github = parseEndpoint({ id: G, name: 'gh', type: 'github', authorization: { scheme: 'OAuth' } });

const use = (hoursAgo: number): UsageMap[string] => ({
  pipelines: [],
  readAt: new Date(NOW - hoursAgo * 3_600_000).toISOString(),
  complete: true,
});
const snap = (projectId: string, usage: UsageMap, listed = [shared, alpha]): Snapshot => ({
  ...emptySnapshot(projectId),
  connections: toSnapshotConnections(listed, iso(-1)),
  usage,
});

const projects = (storedA: Snapshot | null, storedB: Snapshot | null): UsageProject[] => [
  { project: A, connections: [shared, alpha, github], stored: storedA },
  { project: B, connections: [shared], stored: storedB },
];

/** A reading that holds these projects' histories (readIn), `hoursAgo` old. */
const useIn = (hoursAgo: number, ...inProjects: (typeof A)[]): UsageMap[string] => ({
  ...use(hoursAgo),
  readIn: inProjects.map((project) => ({ project, readAt: use(hoursAgo).readAt, complete: true })),
});

describe('usageReads', () => {
  it.each([
    [
      'nothing stored: each Entra connection in every project that references it',
      null,
      null,
      { Alpha: [S, X], Beta: [S] },
    ],
    [
      'fresh usage of every referencing project counts for the organization',
      snap(A.id, { [X]: useIn(2, A) }),
      snap(B.id, { [S]: useIn(3, A, B) }),
      {},
    ],
    ['older than a day is read again', snap(A.id, { [X]: useIn(25, A), [S]: useIn(1, A, B) }), null, { Alpha: [X] }],
    [
      'a reading dated in the future is not trusted',
      snap(A.id, { [X]: useIn(-2, A), [S]: useIn(1, A, B) }),
      null,
      { Alpha: [X] },
    ],
    [
      'a shared connection whose Beta history was not read is read again, in both projects',
      snap(A.id, { [X]: useIn(2, A), [S]: useIn(1, A) }),
      null,
      { Alpha: [S], Beta: [S] },
    ],
    [
      'a reading of a shared connection that does not say its projects (older writers) is read again',
      snap(A.id, { [X]: use(2), [S]: use(1) }),
      null,
      { Alpha: [S], Beta: [S] },
    ],
  ])('%s', (_name, storedA, storedB, expected) => {
    const list = projects(storedA, storedB);
    const known = combineSnapshots([storedA, storedB].filter((s): s is Snapshot => s !== null));
    const reads = usageReads(list, known, NOW);
    expect(Object.fromEntries(reads.map((r) => [r.project.name, r.ids]))).toEqual(expected);
  });

  it('reads a shared connection in each project that references it, those not listed too (then named if refused)', () => {
    const reads = usageReads([{ project: A, connections: [shared], stored: null }], null, NOW);
    expect(reads).toEqual([
      { project: A, ids: [S] },
      { project: B, ids: [S] },
    ]);
  });
});

describe('listingExtras', () => {
  const listedAt = new Date(NOW).toISOString();
  it.each([
    [
      'same listing, nothing new: no write',
      snap(A.id, { [X]: use(2), [S]: use(2) }, [shared, alpha, github]),
      {},
      null,
      null,
    ],
    ['new usage is written', snap(A.id, {}, [shared, alpha, github]), { [X]: use(0) }, null, [X]],
    ['a listing that changed is written', snap(A.id, {}, [shared]), {}, null, []],
    [
      'usage another project holds fills a snapshot that has none',
      snap(A.id, {}, [shared, alpha, github]),
      {},
      snap('organization', { [S]: use(3) }),
      [S],
    ],
  ])('%s', (_name, stored, read, known, expectedUsage) => {
    const extras = listingExtras({ project: A, connections: [shared, alpha, github], stored }, read, known, listedAt);
    if (expectedUsage === null) return expect(extras).toBeNull();
    expect(Object.keys(extras?.usage ?? {})).toEqual(expectedUsage);
    expect(Object.keys(extras?.connections?.byId ?? {}).sort()).toEqual([S, X, G.toLowerCase()].sort());
  });
});

describe('combineSnapshots usage', () => {
  it("merges a shared connection's uses from every project, dated by the newest reading", () => {
    const p = (id: number, name: string) => ({
      definitionId: id,
      definitionName: name,
      planType: 'build' as const,
      lastUsedAt: iso(-id),
      result: 'succeeded' as const,
      runId: null,
      runName: '',
    });
    const a = { ...emptySnapshot(A.id), usage: { [S]: { ...use(30), pipelines: [p(3, 'alpha-ci')] } } };
    const b = { ...emptySnapshot(B.id), usage: { [S]: { ...use(2), pipelines: [p(5, 'beta-cd')] } } };
    const combined = combineSnapshots([a, b]);
    expect(combined?.usage?.[S].pipelines.map((x) => x.definitionName)).toEqual(['alpha-ci', 'beta-cd']);
    expect(combined?.usage?.[S].readAt).toBe(b.usage[S].readAt);
  });
});

describe('combineSnapshots: one pass, the same result as merging the projects one by one', () => {
  const app = (appId: string, takenAt: string, by: string) => ({
    appId,
    tenantId: '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10',
    displayName: by,
    credentials: [],
    takenAt,
    takenBy: { kind: 'hub' as const, name: by },
  });
  const k1 = '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10|11111111-0000-4000-8000-000000000001';
  const k2 = '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10|11111111-0000-4000-8000-000000000002';
  const pipeline = (id: number, hoursAgo: number) => ({
    definitionId: id,
    definitionName: `p${id}`,
    planType: 'build' as const,
    lastUsedAt: new Date(NOW - hoursAgo * 3_600_000).toISOString(),
    result: 'succeeded' as const,
    runId: null,
    runName: '',
  });
  const fold = (list: Snapshot[]) =>
    list.reduce<Snapshot | null>(
      (acc, s) => mergeSnapshot(acc ?? emptySnapshot('organization'), s.apps, s.usage ? { usage: s.usage } : {}),
      null,
    );
  it.each<[string, Snapshot[]]>([
    ['no snapshot at all', []],
    ['one project without usage', [{ ...emptySnapshot(A.id), apps: { [k1]: app('1', iso(-5), 'a') } }]],
    [
      'the newest reading of an app wins, an unreadable date never does',
      [
        { ...emptySnapshot(A.id), apps: { [k1]: app('1', iso(-5), 'older'), [k2]: app('2', iso(-1), 'kept') } },
        { ...emptySnapshot(B.id), apps: { [k1]: app('1', iso(-2), 'newer'), [k2]: app('2', 'yesterday', 'junk') } },
      ],
    ],
    [
      "a shared connection's uses from three projects, one without usage",
      [
        { ...emptySnapshot(A.id), usage: { [S]: { ...use(30), pipelines: [pipeline(3, 40), pipeline(4, 10)] } } },
        { ...emptySnapshot(B.id), apps: { [k1]: app('1', iso(-2), 'b') } },
        {
          ...emptySnapshot('c0000000-0000-4000-8000-00000000000c'),
          usage: { [S]: { ...use(2), pipelines: [pipeline(3, 5)] }, [X]: use(1) },
        },
      ],
    ],
  ])('%s', (_name, list) => {
    expect(combineSnapshots(list)).toEqual(fold(list));
  });
});
