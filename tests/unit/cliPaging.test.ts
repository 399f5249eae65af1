import { run, type ScanReport } from '../../src/cli/run';
import { captureIo, withSampleOrg, type Fakes, type FakeOrgOptions } from '../support/fakeOrg';
import { NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

const PAT = 'pat-paging-Zq9xW7vKd3LmN8rT2yB5';

async function scan(options: Partial<FakeOrgOptions>) {
  return withSampleOrg({ maxPageSize: 2, pat: PAT, ...options }, async (f: Fakes) => {
    const { io, captured } = captureIo(NOW);
    const env = { AZURE_DEVOPS_EXT_PAT: PAT, GRAPH_ACCESS_TOKEN: graphToken() };
    const code = await run(['scan', '--org', f.orgUrl, '--graph-url', f.graphUrl, '--format', 'json'], env, io);
    return { code, report: JSON.parse(captured.stdout) as ScanReport, stderr: captured.stderr, org: { ...f.org } };
  });
}

describe('sc-expiry: paging and waiting are bounded and honest', () => {
  it.each([
    // Before: 1,000 project pages, each project scanned three times over, exit 0.
    ['a repeated continuation token', 'repeat-token', /same continuation token twice after page 2/, 2, 3, 6],
    ['a page that adds no new project', 'same-page', /page with no new projects after page 2/, 2, 2, 5],
  ] as const)('%s ends the listing with a named problem, exit 3', async (_n, paging, problem, pages, lists, rows) => {
    const { code, report, stderr, org } = await scan({ paging });
    expect(code).toBe(3);
    expect(report.errors).toEqual([
      { kind: 'organization', name: expect.stringMatching(/\/org$/), message: expect.stringMatching(problem) },
    ]);
    expect(report.errors[0].message).toMatch(/^project list incomplete: 127\.0\.0\.1:\d+ sent/);
    expect(stderr).toMatch(/scan incomplete/);
    expect(org.projectPages).toBe(pages);
    // Each project listed once: no project is scanned twice.
    expect(org.endpointLists).toBe(lists);
    expect(report.connections).toHaveLength(rows);
  });

  it('de-duplicates projects by id when pages overlap, and finishes without a problem', async () => {
    const { code, report, org } = await scan({ paging: 'overlap' });
    expect(report.errors).toEqual([]);
    expect(org.projectPages).toBe(2);
    expect(org.endpointLists).toBe(3);
    expect(report.connections).toHaveLength(6);
    expect(code).toBe(1); // the sample org holds an expired connection
  });

  it('says Azure DevOps is throttling and for how long when Retry-After exceeds the wait budget', async () => {
    const started = Date.now();
    const { code, report, org } = await scan({ throttleOnce: ['Beta'], throttleRetryAfter: '600' });
    expect(code).toBe(3);
    expect(report.errors).toEqual([
      {
        kind: 'project',
        name: 'Beta',
        message: expect.stringMatching(
          /^127\.0\.0\.1:\d+ is throttling: it asked to wait 10 min, more than the 60 s we wait in all; try again later$/,
        ),
      },
    ]);
    expect(org.endpointLists).toBe(3); // asked once, not retried early
    expect(Date.now() - started).toBeLessThan(10_000); // and did not sleep
  });
});
