import { publishJob } from '../../src/jobs/publish';
import { scanJob, type ScanDeps, type ScanInput } from '../../src/jobs/scan';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds';
import { DEFAULT_USAGE_POLICY } from '../../src/core/usagePlan';
import { BETA, GAMMA, IDS, withSampleOrg, type Fakes } from '../support/fakeOrg';
import { NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

/**
 * The jobs (src/jobs/) called directly, as a shell calls them: plain data in, every dependency
 * injected (network, clock, log, progress, credentials), a typed result out. The fakes are the
 * ones the CLI tests use (tests/support/fakeOrg.ts).
 */

const PAT = 'pat-jobs-Vr7Kq2Lm9Xw4-distinctive';
const HEADER = `Basic ${Buffer.from(`:${PAT}`).toString('base64')}`;
const GRAPH_TOKEN = graphToken(undefined, {}, 'graph-token-jobs-Tz3Np8Qs1c');
const DAY = 86_400_000;

function injected(nowMs: number, header: () => Promise<string> = async () => HEADER) {
  const seen = { requests: [] as string[], log: [] as string[], phases: new Set<string>() };
  const deps: ScanDeps = {
    now: () => nowMs,
    fetch: (input, init) => {
      seen.requests.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
      return fetch(input, init);
    },
    log: (line) => void seen.log.push(line),
    progress: (phase) => void seen.phases.add(phase),
    devops: { method: 'injected', credential: 'the injected header', source: 'pat', header },
    graph: { method: 'injected', getToken: async () => GRAPH_TOKEN },
  };
  return { deps, seen };
}

const inputFor = (f: Fakes, projects: string[] = []): ScanInput => ({
  orgUrl: f.orgUrl,
  projects,
  thresholds: DEFAULT_THRESHOLDS,
  graphUrl: f.graphUrl,
  concurrency: 4,
  timeoutMs: 10_000,
  usage: DEFAULT_USAGE_POLICY,
});

const statuses = (entries: { connection: { id: string }; verdict: { status: string } }[]) =>
  Object.fromEntries(entries.map((e) => [e.connection.id, e.verdict.status]));

describe('the scan job', () => {
  it('gives the verdicts, sends every request through the injected fetch and reports its steps', async () => {
    await withSampleOrg({ pat: PAT }, async (f) => {
      const { deps, seen } = injected(NOW);
      const result = await scanJob(inputFor(f), deps);
      expect(result.problems).toEqual([]);
      expect(result.nowMs).toBe(NOW);
      expect(statuses(result.entries)).toEqual({
        [IDS.expired]: 'expired',
        [IDS.shared]: 'warning',
        [IDS.github]: 'not-applicable',
        [IDS.critical]: 'critical',
        [IDS.wif]: 'no-secret',
        [IDS.healthy]: 'healthy',
      });
      expect(seen.requests.length).toBe(f.org.requests + f.graph.requests);
      expect(seen.requests.filter((r) => r === 'POST /v1.0/$batch')).toHaveLength(f.graph.requests);
      expect([...seen.phases]).toEqual(
        expect.arrayContaining(['Listing projects', 'Reading service connections', 'Reading app registrations']),
      );
      expect(seen.log).toContain('3 project(s) in ' + f.orgUrl);
      expect(result.scanned.map((s) => s.project.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    });
  });

  it("judges by the injected clock, not the machine's: 100 days later every secret has expired", async () => {
    await withSampleOrg({ pat: PAT }, async (f) => {
      const result = await scanJob(inputFor(f), injected(NOW + 100 * DAY).deps);
      expect(statuses(result.entries)).toMatchObject({
        [IDS.expired]: 'expired',
        [IDS.shared]: 'expired',
        [IDS.critical]: 'expired',
        [IDS.healthy]: 'expired',
      });
    });
  });

  it('a sign-in that fails is one organization problem, and nothing is sent', async () => {
    await withSampleOrg({ pat: PAT }, async (f) => {
      const { deps, seen } = injected(NOW, async () => {
        throw new Error('no Azure DevOps credential: set AZURE_DEVOPS_EXT_PAT');
      });
      const result = await scanJob(inputFor(f), deps);
      expect(result.problems).toEqual([
        { kind: 'organization', name: f.orgUrl, message: 'no Azure DevOps credential: set AZURE_DEVOPS_EXT_PAT' },
      ]);
      expect(result.entries).toEqual([]);
      expect(seen.requests).toEqual([]);
      expect(f.org.requests).toBe(0);
    });
  });
});

describe('the publish job', () => {
  it("writes each scanned project's readings through the injected fetch and says what it wrote", async () => {
    await withSampleOrg({ pat: PAT }, async (f) => {
      const scan = injected(NOW);
      const result = await scanJob(inputFor(f, ['Beta', 'Gamma']), scan.deps);
      const { deps, seen } = injected(NOW);
      const published = await publishJob(
        {
          orgUrl: f.orgUrl,
          concurrency: 2,
          timeoutMs: 10_000,
          target: { publisher: 'sc-expiry', extensionId: 'service-connection-expiry' },
          scanned: result.scanned,
          lookups: result.lookups,
          found: result.found,
          usage: result.usage,
          takenAt: new Date(NOW).toISOString(),
          takenBy: { kind: 'scanner', name: 'jobs test' },
        },
        { authorization: deps.devops.header, fetch: deps.fetch, log: deps.log, progress: deps.progress },
      );
      expect(published.failures).toEqual([]);
      expect(published.written).toEqual([
        { project: BETA.name, apps: 2 },
        { project: GAMMA.name, apps: 1 },
      ]);
      const writes = seen.requests.filter((r) => /^(PUT|PATCH|POST) /.test(r));
      expect(writes.length).toBeGreaterThanOrEqual(2);
      expect(f.org.extensionData.filter((r) => /^(PUT|PATCH|POST) /.test(r))).toHaveLength(writes.length);
      expect(seen.phases).toEqual(new Set(['Publishing snapshots']));
    });
  });
});
