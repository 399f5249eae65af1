import { run, type ScanReport } from '../../src/cli/run';
import { BETA, captureIo, IDS, sampleOrg, startFakes } from '../support/fakeOrg';
import { iso, NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

/**
 * Issue 17 item 1 in the scanner: a connection shared by Alpha and Beta has its execution history per project
 * (GET {org}/{project}/_apis/serviceendpoint/{id}/executionhistory; the fake answers each project's own). Only
 * Beta's holds a use: the scanner reads both, and says Beta's pipeline uses it; with Beta unreadable, its use
 * is unknown there, never "unused".
 */

const PAT = 'pat-shared-usage-0123456789';
const env = { AZURE_DEVOPS_EXT_PAT: PAT, GRAPH_ACCESS_TOKEN: graphToken() };
const betaRun = {
  data: {
    planType: 'Build',
    definition: { id: 31, name: 'beta-deploy' },
    owner: { id: 310, name: '20261201.1' },
    startTime: iso(-2),
    finishTime: iso(-2),
    result: 'succeeded',
  },
};

async function scanWith(beta: 'used' | 'missing') {
  const { projects, applications } = sampleOrg();
  const withBeta = projects
    .map((p) => (p.name === BETA.name ? { ...p, history: { [IDS.shared]: [betaRun] } } : p))
    // "missing": Beta is not a project the reader can reach (its history answers 404), its listing is gone too.
    .filter((p) => beta === 'used' || p.name !== BETA.name);
  const fakes = await startFakes({ projects: withBeta, pat: PAT }, applications);
  try {
    const { io, captured } = captureIo(NOW);
    await run(['scan', '--org', fakes.orgUrl, '--graph-url', fakes.graphUrl, '--format', 'json'], env, io);
    const report = JSON.parse(captured.stdout) as ScanReport;
    return {
      shared: report.connections.find((c) => c.id === IDS.shared)!,
      history: fakes.org.paths.filter((p) => p.includes('/executionhistory')),
    };
  } finally {
    await fakes.close();
  }
}

describe('sc-expiry scan: usage of a shared connection', () => {
  it("reads its history in Alpha and in Beta, and names Beta's pipeline", async () => {
    const { shared, history } = await scanWith('used');
    expect(
      history
        .filter((p) => p.includes(IDS.shared))
        .map((p) => p.split('/')[2])
        .sort(),
    ).toEqual(['Alpha', 'Beta']);
    expect(shared.usedBy?.map((u) => [u.project, u.name])).toEqual([['Beta', 'beta-deploy']]);
    expect(shared.usedBy?.[0].link).toMatch(/\/Beta\/_build\?definitionId=31$/);
    expect(shared.usageUnreadIn).toEqual([]);
    expect(shared.findings.map((f) => f.code)).not.toContain('unused');
  });

  it('with Beta unreadable: unknown in Beta, never unused', async () => {
    const { shared } = await scanWith('missing');
    expect(shared.usageUnreadIn).toEqual(['Beta']);
    expect(shared.findings.map((f) => f.code)).not.toContain('unused');
  });
});
