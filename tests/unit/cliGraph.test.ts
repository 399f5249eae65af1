import { run, type ScanReport } from '../../src/cli/run';
import { APPS, captureIo, IDS, sampleOrg, startFakes, type Fakes } from '../support/fakeOrg';
import { listen } from '../support/listen';
import { NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

const env = { AZURE_DEVOPS_EXT_PAT: 'graph-test-pat-123456', GRAPH_ACCESS_TOKEN: graphToken() };

async function scanWith(faults: Record<string, number>, args: string[] = [], graphUrl?: string) {
  const { projects, applications } = sampleOrg();
  const fakes: Fakes = await startFakes({ projects }, applications, { faults });
  try {
    const { io, captured } = captureIo(NOW);
    const started = Date.now();
    const code = await run(
      ['scan', '--org', fakes.orgUrl, '--graph-url', graphUrl ?? fakes.graphUrl, '--format', 'json', ...args],
      env,
      io,
    );
    const report = JSON.parse(captured.stdout) as ScanReport;
    const byId = (id: string) => report.connections.find((c) => c.id === id);
    return { code, report, byId, stderr: captured.stderr, graph: fakes.graph, ms: Date.now() - started };
  } finally {
    await fakes.close();
  }
}

describe('sc-expiry and Microsoft Graph failures', () => {
  it('waits out a 429 with Retry-After and gets the verdict', async () => {
    const { code, byId, report, graph, ms } = await scanWith({ [APPS.critical]: 429 });
    expect(byId(IDS.critical)?.status).toBe('critical');
    expect(report.errors).toEqual([]);
    expect(graph.requests).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(code).toBe(1); // the expired connection, nothing incomplete
  });

  it('reports a deleted app registration (404) as unknown with its finding; the scan is complete', async () => {
    const { code, byId, report } = await scanWith({ [APPS.healthy]: 404 }, ['--project', 'Gamma']);
    expect(byId(IDS.healthy)).toMatchObject({
      status: 'unknown',
      findings: expect.arrayContaining([expect.objectContaining({ code: 'app-not-found' })]),
    });
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
  });

  it.each([
    [403, /Graph answered 403: Insufficient privileges/],
    [500, /Graph answered 500/],
  ])('names the app Graph answered %d for, keeps the others, exits 3', async (status, message) => {
    const { code, byId, report, stderr } = await scanWith({ [APPS.shared]: status });
    expect(byId(IDS.shared)?.status).toBe('unknown');
    expect(byId(IDS.critical)?.status).toBe('critical');
    expect(report.errors).toEqual([
      {
        kind: 'app',
        name: APPS.shared,
        tenantId: expect.any(String),
        connections: ['arm-shared'],
        message: expect.stringMatching(message),
      },
    ]);
    expect(stderr).toContain(`app registration ${APPS.shared}`);
    expect(stderr).toContain('used by "arm-shared"');
    expect(code).toBe(3);
  });

  it('times out a Graph that never answers', async () => {
    const silent = await listen(() => undefined);
    try {
      const { code, report } = await scanWith({}, ['--timeout-seconds', '0.3', '--project', 'Gamma'], silent.url);
      expect(report.errors).toEqual([
        expect.objectContaining({
          kind: 'app',
          name: APPS.healthy,
          message: expect.stringMatching(/did not answer within/),
        }),
      ]);
      expect(report.connections[0].status).toBe('unknown');
      expect(code).toBe(3);
    } finally {
      await silent.close();
    }
  });

  it('names every app when Graph answers with something that is not JSON', async () => {
    const graph = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>captive portal</html>');
    });
    try {
      const { code, report } = await scanWith({}, [], graph.url);
      expect(report.errors.map((e) => e.name).sort()).toEqual(Object.values(APPS).sort());
      expect(report.errors.every((e) => /not JSON/.test(e.message))).toBe(true);
      expect(report.connections.filter((c) => c.status === 'unknown')).toHaveLength(4);
      expect(code).toBe(3);
    } finally {
      await graph.close();
    }
  });

  it('names every app when Graph is unreachable (closed port)', async () => {
    const closed = await listen(() => undefined);
    await closed.close();
    const { code, report } = await scanWith({}, ['--project', 'Gamma'], closed.url);
    expect(report.errors).toEqual([
      expect.objectContaining({
        kind: 'app',
        name: APPS.healthy,
        message: expect.stringMatching(/cannot reach 127\.0\.0\.1/),
      }),
    ]);
    expect(code).toBe(3);
  });

  it('sends one Graph token for the whole scan and no Graph request when nothing needs one', async () => {
    const { graph } = await scanWith({});
    expect([...graph.tokens.keys()]).toEqual([env.GRAPH_ACCESS_TOKEN]);
    const none = await scanWith({}, ['--project', 'Missing']);
    expect(none.graph.requests).toBe(0);
  });
});
