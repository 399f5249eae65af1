import { execFileSync, spawn } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import type { ScanReport } from '../../src/cli/run';
import { IDS, sampleOrg, startFakes, type Fakes } from '../support/fakeOrg';
import { graphToken } from '../support/tokens';

/** The compiled bin, as `npx sc-expiry` runs it, against the fake servers of this process. */

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'lib', 'cli', 'main.js');

function node(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let fakes: Fakes;
const env = { AZURE_DEVOPS_EXT_PAT: 'bin-test-pat-12345678', GRAPH_ACCESS_TOKEN: graphToken() };

beforeAll(async () => {
  // `npm test` builds lib/ in pretest; a bare `npx jest` may not have.
  if (!existsSync(BIN)) execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'inherit' });
  const { projects, applications } = sampleOrg(Date.now());
  fakes = await startFakes({ projects, maxPageSize: 2, pat: env.AZURE_DEVOPS_EXT_PAT }, applications);
}, 120_000);

afterAll(() => fakes.close());

describe('the sc-expiry bin', () => {
  it('scans the fake organization and prints the scanner JSON with the right verdicts', async () => {
    const { code, stdout, stderr } = await node(
      [BIN, 'scan', '--org', fakes.orgUrl, '--graph-url', fakes.graphUrl, '--format', 'json'],
      env,
    );
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ScanReport;
    const status = Object.fromEntries(report.connections.map((c) => [c.id, c.status]));
    expect(status).toEqual({
      [IDS.expired]: 'expired',
      [IDS.shared]: 'warning',
      [IDS.github]: 'not-applicable',
      [IDS.critical]: 'critical',
      [IDS.wif]: 'no-secret',
      [IDS.healthy]: 'healthy',
    });
    expect(report.connections.find((c) => c.id === IDS.shared)?.projects).toEqual(['Alpha', 'Beta']);
    expect(report.summary).toEqual({
      expired: 1,
      critical: 1,
      warning: 1,
      healthy: 1,
      noSecret: 1,
      unknown: 0,
      notApplicable: 1,
    });
  });

  it('exits 2 on bad usage and 0 on --help', async () => {
    expect((await node([BIN, 'scan', '--org', fakes.orgUrl, '--fail-on', 'sometimes'], env)).code).toBe(2);
    const help = await node([BIN, '--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sc-expiry scan --org <organization URL>');
  });

  it('does not load @azure/identity when a PAT and a Graph token are given', async () => {
    const script = `
      const { run } = require('./lib/cli/run.js');
      const quiet = { write() {} };
      run(['scan', '--org', process.argv[1], '--graph-url', process.argv[2]], process.env, { stdout: quiet, stderr: quiet }).then((code) => {
        const loaded = Object.keys(require.cache).some((k) => k.includes('@azure' + '/identity'));
        console.log(JSON.stringify({ code, loaded }));
      });`;
    const { stdout } = await node(['-e', script, fakes.orgUrl, fakes.graphUrl], env);
    expect(JSON.parse(stdout)).toEqual({ code: 1, loaded: false });
  });
});
