import { run } from '../../src/cli/run';
import type { ScanReport } from '../../src/cli/run';
import {
  ALPHA,
  APPS,
  BETA,
  captureIo,
  GAMMA,
  IDS,
  startFakes,
  type Fakes,
  type FakeOrgOptions,
  withSampleOrg,
} from '../support/fakeOrg';
import { NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

const PAT = 'pat-Zq9xW7vKd3LmN8rT2yB5-distinctive';
const GRAPH_TOKEN = graphToken(undefined, {}, 'graph-token-Qm4Lp0Xr8s-distinctive');
const env = { AZURE_DEVOPS_EXT_PAT: PAT, GRAPH_ACCESS_TOKEN: GRAPH_TOKEN };

function withOrg<T>(
  extra: Partial<FakeOrgOptions>,
  body: (f: Fakes) => Promise<T>,
  faults: Record<string, number> = {},
): Promise<T> {
  return withSampleOrg({ maxPageSize: 2, pat: PAT, ...extra }, body, faults);
}

async function scan(f: Fakes, args: string[] = [], e: Record<string, string> = env) {
  const { io, captured } = captureIo(NOW);
  const code = await run(['scan', '--org', f.orgUrl, '--graph-url', f.graphUrl, '--format', 'json', ...args], e, io);
  const report = captured.stdout ? (JSON.parse(captured.stdout) as ScanReport) : null;
  return { code, report, ...captured };
}

const statusOf = (r: ScanReport | null, id: string) => r?.connections.find((c) => c.id === id)?.status;

describe('sc-expiry scan against a fake organization', () => {
  it('pages through projects, lists each once, dedupes a shared connection and gives the verdicts', async () => {
    await withOrg({}, async (f) => {
      const { code, report, stderr } = await scan(f);
      expect(stderr).toBe('');
      expect(f.org.projectPages).toBe(2);
      expect(f.org.paths.filter((p) => p.includes('/_apis/projects')).at(1)).toMatch(/continuationToken=2/);
      expect(f.org.endpointLists).toBe(3);
      expect(f.org.authorizations.every((a) => a.startsWith('Basic '))).toBe(true);
      expect(f.graph.requests).toBe(1); // one $batch for the four apps
      expect(f.graph.lookups).toBe(4);
      expect(report?.connections.map((c) => c.name)).toEqual([
        'arm-expired',
        'arm-shared',
        'github-org',
        'arm-critical',
        'arm-wif',
        'arm-healthy',
      ]);
      const shared = report?.connections.find((c) => c.id === IDS.shared);
      expect(shared).toMatchObject({
        project: 'Alpha',
        projects: ['Alpha', 'Beta'],
        status: 'warning',
        daysLeft: 20,
        appId: APPS.shared,
      });
      expect(shared?.appDisplayName).toBe('contoso-My DevOps project-8a7aace5');
      expect(shared?.links.devops).toBe(`${f.orgUrl}/Alpha/_settings/adminservices?resourceId=${IDS.shared}`);
      expect(report?.summary).toEqual({
        expired: 1,
        critical: 1,
        warning: 1,
        healthy: 1,
        noSecret: 1,
        unknown: 0,
        notApplicable: 1,
      });
      expect(report?.thresholds).toEqual({ warningDays: 30, criticalDays: 7 });
      expect(report?.scannedAt).toBe(new Date(NOW).toISOString());
      expect(report?.errors).toEqual([]);
      expect(statusOf(report, IDS.expired)).toBe('expired');
      expect(code).toBe(1);
    });
  });

  it('shows progress on stderr only when stderr is a terminal, and clears it', async () => {
    await withOrg({}, async (f) => {
      const { io, captured } = captureIo(NOW, true);
      const code = await run(['scan', '--org', f.orgUrl, '--graph-url', f.graphUrl, '--format', 'json'], env, io);
      expect(code).toBe(1);
      expect(captured.stderr).toContain('Reading service connections 3/3');
      expect(captured.stderr).toContain('Reading app registrations 4/4');
      expect(captured.stderr.endsWith('\r\x1b[K')).toBe(true);
      expect(() => JSON.parse(captured.stdout)).not.toThrow();
    });
  });

  it('scans only the projects named with --project, without listing projects', async () => {
    await withOrg({}, async (f) => {
      const { code, report } = await scan(f, ['--project', 'Gamma', '--project', 'Beta']);
      expect(f.org.projectPages).toBe(0);
      expect(report?.connections.map((c) => c.name)).toEqual(['arm-healthy', 'arm-shared', 'arm-critical', 'arm-wif']);
      // The shared connection is listed under the first project scanned, with every project named.
      expect(report?.connections.find((c) => c.id === IDS.shared)).toMatchObject({
        project: 'Beta',
        projects: ['Alpha', 'Beta'],
      });
      expect(code).toBe(0);
    });
  });

  it.each([
    [['--project', 'Gamma'], 0],
    [['--project', 'Beta'], 0],
    [['--project', 'Beta', '--fail-on', 'critical'], 1],
    [['--project', 'Beta', '--fail-on', 'warning', '--warning-days', '10'], 1],
    [['--project', 'Alpha', '--fail-on', 'none'], 0],
    [['--project', 'Gamma', '--fail-on', 'warning', '--warning-days', '90', '--critical-days', '3'], 1],
  ])('exit code for %j is %d', async (args, expected) => {
    await withOrg({}, async (f) => {
      expect((await scan(f, args)).code).toBe(expected);
    });
  });

  it('applies --warning-days and --critical-days to the verdicts', async () => {
    await withOrg({}, async (f) => {
      const { report } = await scan(f, ['--warning-days', '90', '--critical-days', '25']);
      expect(report?.thresholds).toEqual({ warningDays: 90, criticalDays: 25 });
      expect(statusOf(report, IDS.shared)).toBe('critical');
      expect(statusOf(report, IDS.healthy)).toBe('warning');
    });
  });

  it('names a project whose endpoint list answers 403, scans the others and exits 3', async () => {
    await withOrg({ forbidden: ['Beta'] }, async (f) => {
      const { code, report, stderr } = await scan(f);
      expect(code).toBe(3);
      expect(report?.errors).toEqual([
        { kind: 'project', name: 'Beta', message: expect.stringMatching(/no permission \(403\).*"Beta"/) },
      ]);
      expect(report?.connections.map((c) => c.name)).toEqual([
        'arm-expired',
        'arm-shared',
        'github-org',
        'arm-healthy',
      ]);
      expect(stderr).toMatch(/scan incomplete/);
      expect(stderr).toMatch(/project "Beta": no permission \(403\)/);
    });
  });

  it('says whose "used by" is unknown when an execution history answers 403, without failing the scan', async () => {
    const healthy = await withOrg({}, (f) => scan(f));
    await withOrg({ historyForbidden: [IDS.healthy] }, async (f) => {
      const { code, report, stderr } = await scan(f);
      expect(code).toBe(healthy.code);
      expect(report?.errors).toEqual([]);
      const usedBy = (id: string) => report?.connections.find((c) => c.id === id)?.usedBy;
      expect(usedBy(IDS.healthy)).toBeNull();
      expect(usedBy(IDS.expired)).not.toBeNull();
      expect(stderr).toMatch(
        /"used by" unknown for 1 connection\(s\): .*first: "arm-healthy" in project "\w+": .*403.*not unused\./,
      );
      expect(healthy.stderr).toBe('');
    });
  });

  it('waits out an Azure DevOps 429 with Retry-After and finishes the scan', async () => {
    await withOrg({ throttleOnce: ['Beta'] }, async (f) => {
      const { code, report, stderr } = await scan(f, ['--verbose']);
      expect(report?.errors).toEqual([]);
      expect(report?.connections).toHaveLength(6);
      expect(f.org.endpointLists).toBe(4);
      expect(stderr).toMatch(/throttled \(429\): retrying in 1 s/);
      expect(code).toBe(1);
    });
  });

  it('names a project whose endpoint list is not JSON', async () => {
    await withOrg({ malformed: ['Gamma'] }, async (f) => {
      const { code, report, stderr } = await scan(f);
      expect(code).toBe(3);
      expect(report?.errors).toEqual([{ kind: 'project', name: 'Gamma', message: expect.stringMatching(/not JSON/) }]);
      expect(report?.connections).toHaveLength(5);
      expect(stderr).toMatch(/project "Gamma": .*not JSON/);
    });
  });

  it('names a project whose endpoint list is not a list, instead of scanning it as empty', async () => {
    await withOrg({ notAList: ['Gamma'] }, async (f) => {
      const { code, report, stderr } = await scan(f);
      expect(code).toBe(3);
      expect(report?.errors).toEqual([
        { kind: 'project', name: 'Gamma', message: expect.stringMatching(/endpoint list without "value"/) },
      ]);
      expect(stderr).toMatch(/project "Gamma": .*endpoint list/);
    });
  });

  it('writes an empty report and exits 3 when the project list is not JSON', async () => {
    await withOrg({ malformedProjectList: true }, async (f) => {
      const { code, report, stderr } = await scan(f);
      expect(code).toBe(3);
      expect(report?.connections).toEqual([]);
      expect(report?.errors).toEqual([
        { kind: 'organization', name: f.orgUrl, message: expect.stringMatching(/cannot list projects: .*not JSON/) },
      ]);
      expect(stderr).toMatch(/organization .*cannot list projects/);
    });
  });

  it('times out a project that never answers and names it', async () => {
    await withOrg({ hang: ['Alpha'] }, async (f) => {
      const { code, report } = await scan(f, ['--timeout-seconds', '0.3', '--project', 'Alpha', '--project', 'Gamma']);
      expect(code).toBe(3);
      expect(report?.errors).toEqual([
        { kind: 'project', name: 'Alpha', message: expect.stringMatching(/did not answer/) },
      ]);
      expect(statusOf(report, IDS.healthy)).toBe('healthy');
    });
  });

  it('names a --project that does not exist', async () => {
    await withOrg({}, async (f) => {
      const { code, report } = await scan(f, ['--project', 'Nope']);
      expect(code).toBe(3);
      expect(report?.errors[0]).toMatchObject({
        kind: 'project',
        name: 'Nope',
        message: expect.stringMatching(/not found \(404\)/),
      });
    });
  });

  it('authenticates with SYSTEM_ACCESSTOKEN as a bearer token when no PAT is set', async () => {
    await withOrg({ pat: undefined, bearer: 'pipeline-token-abcdefgh' }, async (f) => {
      const { code, report } = await scan(f, ['--project', 'Gamma'], {
        SYSTEM_ACCESSTOKEN: 'pipeline-token-abcdefgh',
        GRAPH_ACCESS_TOKEN: GRAPH_TOKEN,
      });
      expect(code).toBe(0);
      // The endpoint list, then the usage history of each Entra-backed connection: all with the job token.
      expect(f.org.authorizations.length).toBeGreaterThan(1);
      expect(new Set(f.org.authorizations)).toEqual(new Set(['Bearer pipeline-token-abcdefgh']));
      expect(statusOf(report, IDS.healthy)).toBe('healthy');
    });
  });

  it('exits 3 with the 401 named when Azure DevOps refuses the PAT', async () => {
    await withOrg({ pat: 'another-pat-value' }, async (f) => {
      const { code, report, stderr } = await scan(f);
      expect(code).toBe(3);
      expect(report?.connections).toEqual([]);
      expect(stderr).toMatch(/refused the personal access token in AZURE_DEVOPS_EXT_PAT \(401\)/);
    });
  });

  it('exits 3 and names the organization when Azure DevOps is unreachable', async () => {
    const closed = await startFakes({ projects: [] }, []);
    await closed.close();
    const { io, captured } = captureIo(NOW);
    const code = await run(['scan', '--org', closed.orgUrl, '--format', 'json'], env, io);
    expect(code).toBe(3);
    expect(JSON.parse(captured.stdout).errors).toEqual([
      { kind: 'organization', name: closed.orgUrl, message: expect.stringMatching(/cannot reach 127\.0\.0\.1/) },
    ]);
    expect(captured.stderr).toMatch(/cannot reach/);
  });

  it('keeps both projects of the shared connection when the first project is filtered out', async () => {
    await withOrg({}, async (f) => {
      const { report } = await scan(f, ['--project', 'Beta']);
      expect(report?.connections.find((c) => c.id === IDS.shared)).toMatchObject({
        project: BETA.name,
        projects: [ALPHA.name, BETA.name],
      });
      expect(report?.connections.some((c) => c.projects.includes(GAMMA.name))).toBe(false);
    });
  });
});
