import { readUsage, type HistoryPage } from '../../src/adapters/usage/readUsage';
import { historyIn } from '../../src/devhost/devopsShapes';
import { normalizeFixture } from '../../src/devhost/fixture';
import { parseEndpoint } from '../../src/core/endpoint';
import { mergeSnapshot, readSnapshot, emptySnapshot } from '../../src/core/snapshot';
import { pipelineWarnings } from '../../src/core/surfaces';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import {
  connectionsUsedBy,
  mergeUsage,
  readUsageMap,
  unreadProjects,
  unusedFinding,
  usageOf,
  type ConnectionUsage,
  type UsageRecord,
} from '../../src/core/usage';
import { usedByText } from '../../src/core/usageFormat';
import { parseApplication } from '../../src/core/graph';
import { appKey } from '../../src/core/graphQueries';
import { snapshotEntries } from '../../src/core/snapshot';
import type { AppLookup } from '../../src/core/types';
import { application, armEndpoint, iso, NOW, TENANT } from '../support/payloads';

/**
 * A connection shared by projects A and B (serviceEndpointProjectReferences of both), whose execution
 * history is stored per project (GET {org}/{project}/_apis/serviceendpoint/{id}/executionhistory).
 */
const A = { id: 'aaaaaaaa-0000-4000-8000-00000000000a', name: 'Alpha' };
const B = { id: 'bbbbbbbb-0000-4000-8000-00000000000b', name: 'Beta' };
const shared = {
  ...parseEndpoint(armEndpoint({ id: 'c-shared', projects: [A, B], creationDate: iso(-400) } as never)),
  createdAt: iso(-400),
};
const single = {
  ...parseEndpoint(armEndpoint({ id: 'c-own', projects: [A], creationDate: iso(-400) } as never)),
  createdAt: iso(-400),
};

const use = (definitionId: number, days: number): UsageRecord => ({
  definitionId,
  definitionName: `p${definitionId}`,
  planType: 'build',
  runId: 100 + definitionId,
  runName: `r${days}`,
  usedAt: iso(days),
  result: 'succeeded',
});

/** One project's reading of the shared connection, merged the way every surface merges them. */
const read = (project: typeof A, records: UsageRecord[], admin = false, complete = true) =>
  usageOf(records, iso(0), complete, project, admin);
const merged = (...readings: ConnectionUsage[]): ConnectionUsage =>
  readings.reduce((acc, u) => mergeUsage({ c: acc }, { c: u }).c);

describe('usage of a shared connection: one rule (core/usageRule.ts)', () => {
  it.each([
    // [name, connection, usage, unused?, message, used-by cell]
    ['used only in B, both read', shared, merged(read(A, []), read(B, [use(7, -3)])), null, null, /^1 pipeline last/],
    [
      'A read and empty, B not read: unknown, naming B',
      shared,
      read(A, [], true),
      null,
      null,
      /^Unknown not read in Beta$/,
    ],
    ['neither read', shared, undefined, null, null, null],
    [
      'a reading made before projects were kept, of a shared connection: unknown in both',
      shared,
      usageOf([], iso(0), true),
      null,
      null,
      /^Unknown not read in Alpha, Beta$/,
    ],
    [
      'both read, none used it, reader not an administrator: only in the projects you can see',
      shared,
      merged(read(A, []), read(B, [])),
      'unused',
      /^Unused in the projects you can see \(Alpha, Beta\): no pipeline used it in 90 days\.$/,
      /^No pipeline in the projects you can see$/,
    ],
    [
      'both read by a project administrator, none used it: unused',
      shared,
      merged(read(A, [], true), read(B, [], true)),
      'unused',
      /^Unused: no pipeline used it in 90 days\. Consider deleting it\.$/,
      /^No pipeline no recorded use$/,
    ],
    [
      'administrator in A only: still only the projects you can see',
      shared,
      merged(read(A, [], true), read(B, [], false)),
      'unused',
      /^Unused in the projects you can see/,
      /in the projects you can see/,
    ],
    [
      'B read but cut by the page cap: never unused',
      shared,
      merged(read(A, [], true), read(B, [use(1, -200)], true, false)),
      null,
      null,
      /^1 pipeline last/,
    ],
    [
      'single project, read by an administrator, unused',
      single,
      read(A, [], true),
      'unused',
      /Consider deleting it/,
      /^No pipeline/,
    ],
    [
      'single project, older reading without projects',
      single,
      usageOf([], iso(0), true),
      'unused',
      /projects you can see/,
      /^No pipeline/,
    ],
  ])('%s', (_name, connection, usage, code, message, cell) => {
    const f = unusedFinding(connection, usage, NOW);
    expect(f?.code ?? null).toBe(code);
    if (message) expect(f?.message).toMatch(message);
    const text = usedByText(usage, connection);
    if (cell) expect(text && `${text.count} ${text.detail}`.trim()).toMatch(cell);
    else expect(text).toBeNull();
  });

  it('merges both projects into one "Used by" list, each pipeline with its project', () => {
    const u = merged(read(A, [use(7, -10)]), read(B, [use(7, -3), use(9, -1)]));
    expect(u.pipelines.map((p) => [p.project?.name, p.definitionId])).toEqual([
      ['Beta', 9],
      ['Beta', 7],
      ['Alpha', 7],
    ]);
    expect(unreadProjects(shared, u)).toEqual([]);
    expect(u.complete).toBe(true);
  });

  it('keeps, per project, the newer reading', () => {
    const older = usageOf([], iso(-2), false, B);
    const newer = usageOf([], iso(0), true, B);
    const u = merged(read(A, []), older, newer);
    expect(u.readIn?.map((r) => [r.project.name, r.complete])).toEqual([
      ['Alpha', true],
      ['Beta', true],
    ]);
    expect(merged(read(A, []), newer, older).readIn).toEqual(u.readIn);
  });

  it('survives a snapshot round trip (shared, hostile data dropped)', () => {
    const u = merged(read(A, [use(7, -10)], true), read(B, [use(3, -1)]));
    const doc = mergeSnapshot(
      emptySnapshot(A.id),
      {},
      { connections: toSnapshotConnections([shared], iso(0)), usage: { 'c-shared': u } },
    );
    const stored = readSnapshot(JSON.parse(JSON.stringify(doc)), A.id, NOW);
    expect(stored.usage?.['c-shared']).toEqual(u);
    const hostile = readUsageMap({
      x: {
        readAt: iso(0),
        complete: true,
        pipelines: [],
        readIn: [{ project: 42 }, { project: B, readAt: 'soon' }, null],
      },
    });
    // Malformed readings count as not read: the connection's use is unknown in both projects.
    expect(hostile.x.readIn).toEqual([]);
    expect(unreadProjects(shared, hostile.x).map((p) => p.name)).toEqual(['Alpha', 'Beta']);
  });

  it("a pipeline page in A never matches B's pipeline with the same definition id", () => {
    const u = merged(read(A, []), read(B, [use(7, -3)]));
    expect(connectionsUsedBy({ 'c-shared': u }, 7, B.id)).toEqual(['c-shared']);
    expect(connectionsUsedBy({ 'c-shared': u }, 7, A.id)).toEqual([]);
  });

  it('the pill of B warns for the connection its pipeline used, from B’s snapshot; A’s pipeline 7 gets none', () => {
    const expiring = { ...shared, modifiedAt: iso(-60) };
    const lookups = new Map<string, AppLookup>([
      [
        appKey(TENANT, expiring.appId as string),
        {
          kind: 'found',
          app: parseApplication(application([{ start: iso(-60), end: iso(5) }], [], expiring.appId as string))!,
        },
      ],
    ]);
    const apps = snapshotEntries(lookups, (k) => k.split('|')[0], iso(0), { kind: 'hub', name: 'x' });
    const u = merged(read(A, []), read(B, [use(7, -3)]));
    const snap = (projectId: string) =>
      readSnapshot(
        JSON.parse(
          JSON.stringify(
            mergeSnapshot(emptySnapshot(projectId), apps, {
              connections: toSnapshotConnections([expiring], iso(0)),
              usage: { 'c-shared': u },
            }),
          ),
        ),
        projectId,
        NOW,
      );
    const t = { warningDays: 30, criticalDays: 7 };
    expect(pipelineWarnings(snap(B.id), 7, NOW, t).map((i) => i.verdict.status)).toEqual(['critical']);
    expect(pipelineWarnings(snap(A.id), 7, NOW, t)).toEqual([]);
  });
});

describe('readUsage tags the project it read', () => {
  it('each use and the reading name the project; a failed project is a failure, never an empty history', async () => {
    const page = (records: unknown[]): HistoryPage => ({ records, continuationToken: null });
    const ok = await readUsage(
      ['c-shared'],
      async () =>
        page([{ data: { planType: 'Build', definition: { id: 7, name: 'b-ci' }, finishTime: iso(-1), result: 0 } }]),
      { nowMs: NOW, project: B },
    );
    expect(ok.usage['c-shared'].pipelines[0].project).toEqual(B);
    expect(ok.usage['c-shared'].readIn).toEqual([{ project: B, readAt: new Date(NOW).toISOString(), complete: true }]);
    const failed = await readUsage(
      ['c-shared'],
      async () => {
        throw new Error('TF200016: project Beta does not exist or you do not have permission');
      },
      { nowMs: NOW, project: B },
    );
    expect(failed.usage).toEqual({});
    expect(failed.failures['c-shared']).toMatch(/TF200016/);
    // Merged with A's reading, B stays unread and named.
    const u = merged(read(A, [], true));
    expect(usedByText(u, shared)).toEqual({ count: 'Unknown', detail: 'not read in Beta' });
  });
});

describe('the local host serves execution history per project', () => {
  it.each([
    // fixture history, project → records served
    ['an array: the first project only', [{ n: 1 }], { Alpha: 1, Beta: 0 }],
    ['per project name', { Beta: [{ n: 1 }, { n: 2 }] }, { Alpha: 0, Beta: 2 }],
    ['per project id', { [A.id]: [{ n: 1 }] }, { Alpha: 1, Beta: 0 }],
  ])('%s', (_name, executionHistory, served) => {
    const endpoint = armEndpoint({ id: 'c-shared', projects: [A, B] });
    const fixture = normalizeFixture({
      endpoints: [endpoint],
      projects: [A, B],
      executionHistory: { 'c-shared': executionHistory },
    });
    expect(historyIn(fixture, endpoint, A).length).toBe(served.Alpha);
    expect(historyIn(fixture, endpoint, B).length).toBe(served.Beta);
  });

  it('refuses anything else', () => {
    expect(() => normalizeFixture({ endpoints: [], executionHistory: { x: { Beta: 'no' } } })).toThrow(
      /by project name or id/,
    );
  });
});
