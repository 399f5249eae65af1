import { readUsage, type HistoryPage } from '../../src/adapters/usage/readUsage';
import { parseEndpoint } from '../../src/core/endpoint';
import { mergeSnapshot, readSnapshot, emptySnapshot } from '../../src/core/snapshot';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import {
  connectionsUsedBy,
  mergeUsage,
  parseExecutionRecord,
  readUsageMap,
  unusedFinding,
  usageOf,
  type UsageRecord,
} from '../../src/core/usage';
import { computeVerdict } from '../../src/core/verdict';
import { armEndpoint, iso, NOW } from '../support/payloads';

/** Records as each wire gives them: azure-devops-extension-api's client (enums as numbers, Date objects)
 * and the plain REST API (camelCase names, ISO dates); msDateFormat text without the client's reviver. */
const base = { planType: 'Build', definition: { id: 12, name: 'web-ci' }, owner: { id: 907, name: '20261128.2' } };

describe('execution records', () => {
  it.each([
    ['extension client', { data: { ...base, startTime: new Date(iso(-2)), finishTime: new Date(iso(-1)), result: 2 } }],
    ['plain REST', { data: { ...base, startTime: iso(-2), finishTime: iso(-1), result: 'failed' } }],
    [
      'msDateFormat text',
      {
        data: {
          ...base,
          startTime: `/Date(${Date.parse(iso(-2))})/`,
          finishTime: `/Date(${Date.parse(iso(-1))})/`,
          result: 'Failed',
        },
      },
    ],
  ])('reads the %s shape', (_name, raw) => {
    expect(parseExecutionRecord(raw)).toEqual({
      definitionId: 12,
      definitionName: 'web-ci',
      planType: 'build',
      runId: 907,
      runName: '20261128.2',
      usedAt: iso(-1),
      result: 'failed',
    });
  });

  it.each([
    ['no data', {}],
    ['no definition', { data: { startTime: iso(-1) } }],
    ['no time', { data: { definition: { id: 3 } } }],
    ['negative id', { data: { definition: { id: -1 }, startTime: iso(-1) } }],
    ['not an object', 'x'],
  ])('drops a record with %s', (_name, raw) => {
    expect(parseExecutionRecord(raw)).toBeNull();
  });

  it.each([
    [0, 'succeeded'],
    [1, 'succeededWithIssues'],
    [3, 'canceled'],
    [5, 'abandoned'],
    [9, null],
    ['SucceededWithIssues', 'succeededWithIssues'],
  ])('result %p is %p', (result, expected) => {
    expect(parseExecutionRecord({ data: { ...base, finishTime: iso(0), result } })?.result).toBe(expected);
  });

  it('falls back to the start time of a run still going', () => {
    expect(parseExecutionRecord({ data: { ...base, startTime: iso(-3), finishTime: null } })?.usedAt).toBe(iso(-3));
  });
});

const use = (definitionId: number, days: number, o: Partial<UsageRecord> = {}): UsageRecord => ({
  definitionId,
  definitionName: `p${definitionId}`,
  planType: 'build',
  runId: 100 + definitionId,
  runName: `r${days}`,
  usedAt: iso(days),
  result: 'succeeded',
  ...o,
});

describe('usage map', () => {
  it('keeps one entry per pipeline, its newest use, newest pipeline first', () => {
    const u = usageOf(
      [use(1, -10), use(2, -3), use(1, -1, { result: 'failed' }), use(1, -5, { planType: 'release' })],
      iso(0),
      true,
    );
    expect(u.pipelines.map((p) => [p.planType, p.definitionId, p.lastUsedAt, p.result])).toEqual([
      ['build', 1, iso(-1), 'failed'],
      ['build', 2, iso(-3), 'succeeded'],
      ['release', 1, iso(-5), 'succeeded'],
    ]);
  });

  it('merges two writers: the newer use per (connection, pipeline), both sides kept', () => {
    const a = { c1: usageOf([use(1, -10), use(2, -2)], iso(-1), true), c2: usageOf([use(3, -4)], iso(-1), true) };
    const b = { c1: usageOf([use(1, -1), use(2, -6)], iso(0), false), c3: usageOf([], iso(0), true) };
    const merged = mergeUsage(a, b);
    expect(merged.c1.pipelines.map((p) => [p.definitionId, p.lastUsedAt])).toEqual([
      [1, iso(-1)],
      [2, iso(-2)],
    ]);
    expect(merged.c1.readAt).toBe(iso(0));
    expect(merged.c1.complete).toBe(false);
    expect(Object.keys(merged).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(mergeUsage(b, a)).toEqual(merged);
  });

  it('reads a stored map defensively (shared, writable by anyone)', () => {
    const map = readUsageMap({
      C1: {
        readAt: iso(0),
        complete: true,
        pipelines: [
          { definitionId: 4, definitionName: '<b>x</b>', lastUsedAt: iso(-1), planType: 'build' },
          { definitionId: 'nope' },
          null,
        ],
      },
      c2: { readAt: 'yesterday', pipelines: [] },
      c3: 'x',
    });
    expect(Object.keys(map)).toEqual(['c1']);
    expect(map.c1.pipelines).toHaveLength(1);
    expect(map.c1.pipelines[0].definitionName).toBe('<b>x</b>');
    expect(connectionsUsedBy(map, 4)).toEqual(['c1']);
    expect(connectionsUsedBy(map, 5)).toEqual([]);
  });
});

describe('unused in 90 days', () => {
  const old = parseEndpoint(armEndpoint({ creationDate: iso(-400) } as never));
  // Read by a project administrator of the connection's only project.
  const own = old.projects[0];
  const asAdmin = (records: UsageRecord[], complete: boolean) => usageOf(records, iso(0), complete, own, true);
  it.each([
    ['used 10 days ago', asAdmin([use(1, -10)], true), false],
    ['last used 120 days ago', asAdmin([use(1, -120)], true), true],
    ['never used, whole history read', asAdmin([], true), true],
    ['history cut by the page cap', asAdmin([use(1, -120)], false), false],
    ['history not read', undefined, false],
  ])('%s: unused finding %#', (_name, usage, expected) => {
    const c = { ...old, createdAt: iso(-400) };
    const f = unusedFinding(c, usage, NOW);
    expect(f !== null).toBe(expected);
    if (f) expect(f.message).toMatch(/consider deleting it/i);
  });

  it('says the latest use, whatever the order of the pipelines it holds', () => {
    const c = { ...old, createdAt: iso(-400) };
    const read = asAdmin([use(1, -300), use(2, -120), use(3, -200)], true);
    // usageOf sorts newest first; a shared snapshot need not: oldest first here.
    const forged = { ...read, pipelines: [...read.pipelines].reverse() };
    expect(forged.pipelines[0].lastUsedAt.slice(0, 10)).toBe(iso(-300).slice(0, 10));
    const f = unusedFinding(c, forged, NOW);
    expect(f?.message).toContain(`(last used ${iso(-120).slice(0, 10)})`);
  });

  it('never for a connection younger than the window', () => {
    const young = { ...old, createdAt: iso(-20) };
    expect(unusedFinding(young, usageOf([], iso(0), true), NOW)).toBeNull();
  });

  it('is a finding of the verdict, beside the expiry', () => {
    const c = { ...old, createdAt: iso(-400) };
    const v = computeVerdict({ connection: c, nowMs: NOW, usage: usageOf([], iso(0), true) });
    expect(v.findings.map((f) => f.code)).toContain('unused');
  });
});

describe('snapshot with connections and usage', () => {
  const c = { ...parseEndpoint(armEndpoint({ id: 'C-1', description: 'secret notes' } as never)), id: 'C-1' };
  it('round-trips through a stored document and merges with a newer listing', () => {
    const first = mergeSnapshot(
      emptySnapshot('p'),
      {},
      {
        connections: toSnapshotConnections([c], iso(-2)),
        usage: { 'c-1': usageOf([use(1, -3)], iso(-2), true), gone: usageOf([], iso(-2), true) },
      },
    );
    const stored = readSnapshot(JSON.parse(JSON.stringify(first)), 'p', NOW);
    expect(stored.connections?.byId['c-1'].name).toBe(c.name);
    expect(stored.connections?.byId['c-1'].description).toBe('');
    // "gone" is not in the listing: its usage goes with it.
    expect(Object.keys(stored.usage ?? {})).toEqual(['c-1']);
    const renamed = { ...c, name: 'renamed' };
    const second = mergeSnapshot(
      stored,
      {},
      {
        connections: toSnapshotConnections([renamed], iso(-1)),
        usage: { 'c-1': usageOf([use(2, -1)], iso(-1), true) },
      },
    );
    expect(second.connections?.byId['c-1'].name).toBe('renamed');
    expect(second.usage?.['c-1'].pipelines.map((p) => p.definitionId)).toEqual([2, 1]);
    // An older listing never replaces a newer one.
    const late = mergeSnapshot(second, {}, { connections: toSnapshotConnections([c], iso(-5)) });
    expect(late.connections?.byId['c-1'].name).toBe('renamed');
  });

  it('reads stored connections that cannot stand for one as unknown, with the reason (issue 21: never dropped)', () => {
    const doc = readSnapshot(
      {
        connections: {
          listedAt: iso(0),
          byId: { a: { id: 'a' }, b: { ...c, id: 'b', schemeKind: 'magic' }, 'c-1': c, c: { ...c } },
        },
      },
      'p',
      NOW,
    );
    const byId = doc.connections?.byId ?? {};
    expect(Object.keys(byId).sort()).toEqual(['a', 'b', 'c', 'c-1']);
    expect(byId['c-1']).toEqual({ ...c, id: 'C-1', description: '' });
    expect(doc.connections?.malformed?.sort()).toEqual(['a', 'b', 'c']);
    expect(byId.a.parseProblems).toEqual(["the shared listing's entry for it is malformed (its type is not a string)"]);
    expect(byId.b.parseProblems[0]).toMatch(/scheme kind "magic" is not one Azure DevOps gives/);
    expect(byId.c.parseProblems[0]).toMatch(/its id "C-1" is not its key "c"/);
    for (const id of ['a', 'b', 'c'])
      expect(computeVerdict({ connection: byId[id], nowMs: NOW }).status).toBe('unknown');
  });
});

describe('reading the history of many connections', () => {
  const record = (days: number, definitionId = 1) => ({
    data: {
      definition: { id: definitionId, name: 'p' },
      planType: 'Build',
      finishTime: iso(days),
      result: 'succeeded',
    },
  });

  it('follows continuation tokens, stops past 90 days, caps pages, and isolates failures', async () => {
    const pages: Record<string, HistoryPage[]> = {
      // Three pages, the second already older than the window: the third is never asked for.
      a: [
        { records: [record(-1), record(-20)], continuationToken: '2' },
        { records: [record(-50), record(-95, 2)], continuationToken: '4' },
        { records: [record(-200, 3)], continuationToken: null },
      ],
      // Always more, always recent: stops at the page cap, incomplete.
      b: Array.from({ length: 10 }, (_, i) => ({ records: [record(-1, i + 1)], continuationToken: String(i + 1) })),
      c: [{ records: [], continuationToken: null }],
    };
    const asked: string[] = [];
    const reading = await readUsage(
      ['A', 'b', 'c', 'd'],
      async (id, top, token) => {
        asked.push(`${id}:${token ?? '-'}:${top}`);
        if (id === 'd') throw new Error('403 no permission');
        // The page asked for is the one after the page whose continuation token was sent.
        const list = pages[id];
        const index = token === null ? 0 : list.findIndex((p) => p.continuationToken === token) + 1;
        return list[index];
      },
      { nowMs: NOW, maxPages: 3, concurrency: 2, pageSize: 2 },
    );
    expect(asked.filter((a) => a.startsWith('a:'))).toEqual(['a:-:2', 'a:2:2']);
    expect(reading.usage.a.complete).toBe(true);
    expect(reading.usage.a.pipelines.map((p) => p.definitionId)).toEqual([1, 2]);
    expect(asked.filter((a) => a.startsWith('b:'))).toHaveLength(3);
    expect(reading.usage.b.complete).toBe(false);
    expect(reading.usage.c).toEqual({ pipelines: [], readAt: new Date(NOW).toISOString(), complete: true });
    expect(reading.usage.d).toBeUndefined();
    expect(reading.failures.d).toMatch(/403/);
    expect(reading.requests).toBe(2 + 3 + 1 + 1);
  });
});
