import { shortDate } from '../../src/core/days';
import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { appKey } from '../../src/core/graphQueries';
import { emptySnapshot, mergeSnapshot, snapshotEntries, type Snapshot } from '../../src/core/snapshot';
import { toSnapshotConnections } from '../../src/core/snapshotConnections';
import { likelyCause, pipelineWarnings, widgetSummary } from '../../src/core/surfaces';
import { pillText } from '../../src/core/surfaceText';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds';
import type { AppLookup } from '../../src/core/types';
import { usageOf } from '../../src/core/usage';
import { normalizeFixture } from '../../src/devhost/fixture';
import { routePage } from '../../src/devhost/pages';
import { application, armEndpoint, iso, NOW, TENANT } from '../support/payloads';

/** What the pill, the run section and the widget decide from one snapshot document. */

const APPS = [
  '11111111-0000-4000-8000-000000000001',
  '11111111-0000-4000-8000-000000000002',
  '11111111-0000-4000-8000-000000000003',
];

interface Spec {
  id: string;
  appId: string;
  endsIn: number;
  pipelines: number[];
  modified?: number;
}

/** A project's snapshot: connections saved 60 days ago, one secret each, readings taken `age` days ago. */
function snapshot(specs: Spec[], age = 0): Snapshot {
  const connections = specs.map((s) =>
    parseEndpoint(
      armEndpoint({
        id: s.id,
        name: `conn-${s.id}`,
        appId: s.appId,
        modificationDate: iso(s.modified ?? -60),
      } as never),
    ),
  );
  const lookups = new Map<string, AppLookup>(
    specs.map((s) => [
      appKey(TENANT, s.appId),
      {
        kind: 'found',
        app: parseApplication(application([{ start: iso(s.endsIn - 90), end: iso(s.endsIn) }], [], s.appId))!,
      },
    ]),
  );
  const usage = Object.fromEntries(
    specs.map((s) => [
      s.id,
      usageOf(
        s.pipelines.map((d) => ({
          definitionId: d,
          definitionName: `p${d}`,
          planType: 'build' as const,
          runId: 1,
          runName: '1',
          usedAt: iso(-1),
          result: 'failed' as const,
        })),
        iso(-age),
        true,
      ),
    ]),
  );
  const apps = snapshotEntries(lookups, (k) => k.split('|')[0], iso(-age), { kind: 'scanner', name: 'nightly' });
  return mergeSnapshot(emptySnapshot('p'), apps, { connections: toSnapshotConnections(connections, iso(-age)), usage });
}

const T = DEFAULT_THRESHOLDS;

describe('pipeline warnings (pill and run section)', () => {
  const doc = snapshot([
    { id: 'a', appId: APPS[0], endsIn: -3, pipelines: [1] },
    { id: 'b', appId: APPS[1], endsIn: 20, pipelines: [1, 2] },
    { id: 'c', appId: APPS[2], endsIn: 200, pipelines: [2, 3] },
  ]);

  it.each([
    [1, ['a', 'b'], 'Connection conn-a expired 3 days ago' /* not used: several */],
    [2, ['b'], 'Connection conn-b expires in 20 days'],
    [3, [], null],
    [9, [], null],
  ])('pipeline %i: %j', (definitionId, ids, single) => {
    const items = pipelineWarnings(doc, definitionId, NOW, T);
    expect(items.map((i) => i.connection.id)).toEqual(ids);
    const pill = pillText(items);
    if (ids.length === 0) expect(pill).toBeNull();
    else if (ids.length === 1) expect(pill?.text).toBe(single);
    else expect(pill?.text).toBe('2 connections need renewal (1 expired)');
  });

  it("the tooltip gives the viewer's short date with the days the pill counts, never an ISO date", () => {
    const [b] = pipelineWarnings(doc, 2, NOW, T);
    const tooltip = pillText([b])?.tooltip ?? '';
    expect(tooltip).toMatch(
      new RegExp(
        `^conn-b: credential expires on ${shortDate(b.verdict.expiresAt)}, in 20 days \\(as of ${shortDate(b.takenAt)}\\)\\. `,
      ),
    );
    expect(tooltip).not.toMatch(/\d{4}-\d\d-\d\d/);
  });

  it('colours red for expired and critical, amber for warning', () => {
    expect(pillText(pipelineWarnings(doc, 1, NOW, T))?.color).toEqual({ red: 164, green: 38, blue: 44 });
    expect(pillText(pipelineWarnings(doc, 2, NOW, T))?.color).toEqual({ red: 214, green: 127, blue: 60 });
  });

  it('stays silent on readings older than 7 days, or older than the connection’s last save', () => {
    expect(pipelineWarnings(snapshot([{ id: 'a', appId: APPS[0], endsIn: -3, pipelines: [1] }], 8), 1, NOW, T)).toEqual(
      [],
    );
    // Saved (perhaps renewed) yesterday, read two days ago: the reading may describe the old secret.
    const renewed = snapshot([{ id: 'a', appId: APPS[0], endsIn: -3, pipelines: [1], modified: -1 }], 2);
    expect(pipelineWarnings(renewed, 1, NOW, T)).toEqual([]);
    expect(pipelineWarnings(null, 1, NOW, T)).toEqual([]);
    expect(pipelineWarnings(emptySnapshot('p'), 1, NOW, T)).toEqual([]);
  });

  it('names an expired connection the likely cause only of a failed run that finished after the expiry', () => {
    const items = pipelineWarnings(doc, 1, NOW, T);
    expect(likelyCause(items, { failed: true, finishedAt: iso(-1) })?.connection.id).toBe('a');
    expect(likelyCause(items, { failed: true, finishedAt: iso(-5) })).toBeNull();
    expect(likelyCause(items, { failed: false, finishedAt: iso(-1) })).toBeNull();
  });
});

describe('widget summary', () => {
  it('counts by today’s status and names the most urgent; stale readings count as unknown', () => {
    const specs = [
      { id: 'a', appId: APPS[0], endsIn: -3, pipelines: [] },
      { id: 'b', appId: APPS[1], endsIn: 5, pipelines: [] },
      { id: 'c', appId: APPS[2], endsIn: 200, pipelines: [] },
    ];
    const fresh = widgetSummary(snapshot(specs), NOW, T);
    expect(fresh.counts).toMatchObject({ expired: 1, critical: 1, warning: 0, healthy: 1, unknown: 0 });
    expect(fresh.soonest?.connection.id).toBe('a');
    expect(fresh.stale).toBe(false);
    const stale = widgetSummary(snapshot(specs, 10), NOW, T);
    expect(stale.counts).toMatchObject({ expired: 0, critical: 0, healthy: 0, unknown: 3 });
    expect(stale.soonest).toBeNull();
    expect(stale.stale).toBe(true);
  });
});

describe('local host pages', () => {
  const fixture = normalizeFixture({
    organization: 'contoso',
    project: { id: 'p1', name: 'Web' },
    endpoints: [],
    builds: [{ id: 7, definitionId: 3, definitionName: 'ci', buildNumber: '7.1', result: 'failed' }],
  });
  const route = (path: string) => routePage(fixture, new URL(path, 'http://h'), NOW)?.page;

  it.each([
    ['/', { kind: 'hub' }],
    ['/contoso/Web/_settings/connection-expiry', { kind: 'hub' }],
    ['/contoso/Web/_settings/local.service-connection-expiry.hub?connection=x', { kind: 'hub' }],
    ['/contoso/Web/_build?definitionId=3', { kind: 'pipeline', definitionId: 3, definitionName: 'ci' }],
    [
      '/contoso/Web/_build/results?buildId=7',
      { kind: 'run', buildId: 7, build: expect.objectContaining({ result: 8, buildNumber: '7.1' }) },
    ],
    [
      '/contoso/Web/_dashboards?size=2x1&statuses=expired',
      { kind: 'dashboard', settings: expect.objectContaining({ size: { rowSpan: 1, columnSpan: 2 } }) },
    ],
    ['/contoso/Web/_build', { kind: 'not-found' }],
    ['/contoso/Nope/_dashboards', { kind: 'not-found' }],
  ])('%s', (path, expected) => {
    expect(route(path)).toMatchObject(expected);
  });

  it.each(['/contoso/Web/_settings/other', '/fabrikam/Web/_build?definitionId=3', '/contoso/Web/_wiki'])(
    '%s is not a page',
    (path) => {
      expect(route(path)).toBeUndefined();
    },
  );

  it('rejects a fixture whose snapshot or builds are malformed', () => {
    expect(() => normalizeFixture({ endpoints: [], snapshot: 'maybe' })).toThrow(/"snapshot" must be "seed" or "none"/);
    expect(() => normalizeFixture({ endpoints: [], builds: [{ id: 'x' }] })).toThrow(/builds\[0\]/);
    expect(normalizeFixture({ endpoints: [] }).snapshot).toBe('seed');
  });
});
