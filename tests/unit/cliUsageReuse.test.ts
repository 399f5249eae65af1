import type { IncomingMessage, ServerResponse } from 'http';
import { run, type ScanReport } from '../../src/cli/run';
import { readSnapshot } from '../../src/core/snapshot';
import { createFakeDevOps, FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { createFakeGraph } from '../../src/devhost/fakeGraph';
import { normalizeFixture } from '../../src/devhost/fixture';
import { captureIo } from '../support/fakeOrg';
import { listen } from '../support/listen';
import { application, armEndpoint, iso, NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

/**
 * Issue 17 item 7 end to end: `sc-expiry scan --publish` run as a schedule runs it, against the local
 * host's fake Azure DevOps (history paged as the service pages it) and fake Graph. Requests are counted
 * by method and path: the first scan reads each history once; the next day it reuses what the snapshots
 * hold (only a connection without use in the window is read again, to say "unused" on this scan's own
 * reading); days later each stale history is read since its newest known run; `--usage never` reads
 * none and never says "unused".
 */

const DAY = 86_400_000;
const ALPHA = { id: 'a1000000-0000-4000-8000-000000000001', name: 'Alpha' };
const BETA = { id: 'b2000000-0000-4000-8000-000000000002', name: 'Beta' };
const ID = {
  used: 'c0000001-0000-4000-8000-000000000001',
  shared: 'c0000002-0000-4000-8000-000000000002',
  idle: 'c0000003-0000-4000-8000-000000000003',
};
const APP = {
  used: 'a0000001-0000-4000-8000-000000000001',
  shared: 'a0000002-0000-4000-8000-000000000002',
  idle: 'a0000003-0000-4000-8000-000000000003',
};

/** A ServiceEndpointExecutionRecord as the plain REST API returns it. */
const runOf = (endpointId: string, id: number, definition: number, daysFromNow: number) => ({
  endpointId,
  data: {
    id,
    planType: 'Build',
    definition: { id: definition, name: `pipeline-${definition}` },
    owner: { id, name: `run-${id}` },
    startTime: iso(daysFromNow),
    finishTime: iso(daysFromNow),
    result: 'succeeded',
  },
});

function world() {
  const history: Record<string, Record<string, unknown[]>> = {
    [ID.used]: { Alpha: [runOf(ID.used, 101, 12, -10), runOf(ID.used, 140, 12, -2)] },
    // Shared by Alpha and Beta, used only by a pipeline of Beta (history is per project).
    [ID.shared]: { Alpha: [], Beta: [runOf(ID.shared, 120, 31, -5)] },
    [ID.idle]: { Alpha: [runOf(ID.idle, 50, 7, -120)] },
  };
  const fixture = normalizeFixture({
    project: ALPHA,
    projects: [ALPHA, BETA],
    organization: 'contoso',
    snapshot: 'none',
    endpoints: [
      armEndpoint({ id: ID.used, name: 'arm-used', appId: APP.used, projects: [ALPHA] }),
      armEndpoint({ id: ID.shared, name: 'arm-shared', appId: APP.shared, projects: [ALPHA, BETA] }),
      armEndpoint({ id: ID.idle, name: 'arm-idle', appId: APP.idle, projects: [ALPHA] }),
    ],
    applications: Object.values(APP).map((appId) => application([{ start: iso(-60), end: iso(200) }], [], appId)),
    executionHistory: history,
  });
  return { fixture, history };
}

async function withHost<T>(
  body: (scan: (days: number, extra?: string[]) => Promise<Scan>, w: ReturnType<typeof world>) => Promise<T>,
) {
  const w = world();
  let nowMs = NOW;
  const fake = createFakeDevOps(w.fixture, { now: () => nowMs });
  const graph = createFakeGraph(w.fixture, { now: () => nowMs });
  let requests: string[] = [];
  const counted = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'OPTIONS') requests.push(`${req.method} ${new URL(req.url ?? '/', 'http://x').pathname}`);
    fake.handle(req, res);
  };
  const [ado, g] = await Promise.all([listen(counted), listen(graph.handle)]);
  const env = { AZURE_DEVOPS_EXT_PAT: FAKE_ADO_TOKEN, GRAPH_ACCESS_TOKEN: graphToken() };
  const scan = async (days: number, extra: string[] = ['--publish']): Promise<Scan> => {
    nowMs = NOW + days * DAY;
    requests = [];
    const { io, captured } = captureIo(nowMs);
    const argv = ['scan', '--org', `${ado.url}/contoso`, '--graph-url', g.url, '--format', 'json', '--verbose'];
    const code = await run([...argv, ...extra], env, io);
    const report = JSON.parse(captured.stdout) as ScanReport;
    const stored = fake.store.list({
      publisher: 'sc-expiry',
      extension: 'service-connection-expiry',
      scopeType: 'Default',
      scopeValue: 'Current',
      collection: 'credential-snapshots',
    });
    const docs = stored.ok ? (stored.docs ?? []) : [];
    return { code, report, requests, stderr: captured.stderr, docs, nowMs };
  };
  try {
    return await body(scan, w);
  } finally {
    await Promise.all([ado.close(), g.close()]);
  }
}

interface Scan {
  code: number;
  report: ScanReport;
  requests: string[];
  stderr: string;
  docs: unknown[];
  nowMs: number;
}

/** History pages asked for, as `project:connection`. */
const historyReads = (s: Scan) =>
  s.requests
    .filter((r) => r.endsWith('/executionhistory'))
    .map((r) => {
      const [, , project, , , id] = r.split(' ')[1].split('/');
      return `${decodeURIComponent(project)}:${Object.entries(ID).find(([, v]) => v === id)?.[0]}`;
    })
    .sort();
const count = (s: Scan, method: string, pattern: RegExp) =>
  s.requests.filter((r) => r.startsWith(`${method} `) && pattern.test(r)).length;
const row = (s: Scan, id: string) => s.report.connections.find((c) => c.id === id)!;
const codes = (s: Scan, id: string) => row(s, id).findings.map((f) => f.code);
const usageSaid = (s: Scan) =>
  s.report.connections.map((c) => ({
    id: c.id,
    usedBy: c.usedBy,
    unreadIn: c.usageUnreadIn,
    findings: codes(s, c.id),
  }));

describe('sc-expiry scan: usage reused from the published snapshots (--usage)', () => {
  it('first scan, next day, stale: history read once, then reused, then read since the newest known run', async () => {
    await withHost(async (scan, w) => {
      const first = await scan(0);
      expect(first.code).toBe(0);
      expect(historyReads(first)).toEqual(['Alpha:idle', 'Alpha:shared', 'Alpha:used', 'Beta:shared']);
      // The published snapshots: one list of the collection, then one write per project, no read per project.
      expect(count(first, 'GET', /\/Collections\/credential-snapshots\/Documents$/)).toBe(1);
      expect(count(first, 'GET', /\/Documents\/./)).toBe(0);
      expect(count(first, 'POST', /\/Documents$/)).toBe(2);
      expect(row(first, ID.shared).usedBy?.map((u) => [u.project, u.name])).toEqual([['Beta', 'pipeline-31']]);
      expect(codes(first, ID.idle)).toContain('unused');
      expect(first.stderr).toMatch(/Usage: 4 history request\(s\); per connection and project, 0 reused/);

      // Next day: used and shared are reused (fresh, used in the window); idle is read again since its newest run.
      const daily = await scan(1);
      expect(historyReads(daily)).toEqual(['Alpha:idle']);
      expect(daily.requests.filter((r) => r.endsWith('/executionhistory'))).toHaveLength(1);
      expect(count(daily, 'GET', /\/Documents$/)).toBe(1);
      expect(count(daily, 'PATCH', /\/Documents$/)).toBe(2);
      expect(daily.stderr).toMatch(/3 reused from the snapshots \(read under 7 days ago\), 1 read since/);
      expect(row(daily, ID.used).usedBy?.[0].lastUsedAt).toBe(iso(-2));
      expect(row(daily, ID.shared).usageUnreadIn).toEqual([]);
      expect(codes(daily, ID.idle)).toContain('unused');
      // What reuse says is what the first scan read: the same pipelines, the same projects read, the same findings.
      expect(usageSaid(daily)).toEqual(usageSaid(first));

      // Nine days on, a new run of "used": every stale history is read since its newest known run, one page each.
      w.history[ID.used].Alpha.push(runOf(ID.used, 190, 12, 8));
      const stale = await scan(9);
      expect(historyReads(stale)).toEqual(['Alpha:idle', 'Alpha:shared', 'Alpha:used', 'Beta:shared']);
      expect(row(stale, ID.used).usedBy?.[0].lastUsedAt).toBe(iso(8));
      expect(codes(stale, ID.idle)).toContain('unused');
      const alpha = stale.docs
        .map((d) => readSnapshot(d, (d as { id: string }).id, stale.nowMs))
        .find((s) => s.id === ALPHA.id);
      expect(alpha?.usage?.[ID.used].readIn?.[0]).toMatchObject({ readAt: iso(9), newestRecordId: 190 });
    });
  });

  it('--usage always reads every history whole; without --publish nothing is known and nothing is read from the extension', async () => {
    await withHost(async (scan) => {
      await scan(0);
      const always = await scan(1, ['--publish', '--usage', 'always']);
      expect(historyReads(always)).toEqual(['Alpha:idle', 'Alpha:shared', 'Alpha:used', 'Beta:shared']);
      expect(always.requests.filter((r) => r.includes('executionhistory')).length).toBe(4);
      const plain = await scan(1, []);
      expect(historyReads(plain)).toHaveLength(4);
      expect(plain.requests.filter((r) => r.includes('/ExtensionManagement/'))).toEqual([]);
    });
  });

  it('--usage never: no history read, "used by" unknown, never "unused"; the published usage is kept', async () => {
    await withHost(async (scan) => {
      await scan(0);
      const never = await scan(1, ['--publish', '--usage', 'never']);
      expect(historyReads(never)).toEqual([]);
      for (const id of Object.values(ID)) {
        expect(row(never, id).usedBy).toBeNull();
        expect(codes(never, id)).not.toContain('unused');
      }
      expect(never.stderr).toMatch(/Usage: not read \(usage mode "never"\)/);
      const alpha = never.docs
        .map((d) => readSnapshot(d, (d as { id: string }).id, never.nowMs))
        .find((s) => s.id === ALPHA.id);
      expect(alpha?.usage?.[ID.idle].readIn?.[0].readAt).toBe(iso(0));
    });
  });
});
