import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { csvCell } from '../../src/jobs/format/csv';
import { mdText } from '../../src/jobs/format/markdown';
import { run, type ScanReport } from '../../src/cli/run';
import { APPS, captureIo, IDS, sampleOrg, startFakes, type Fakes } from '../support/fakeOrg';
import { NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

const env = { AZURE_DEVOPS_EXT_PAT: 'format-test-pat-123456', GRAPH_ACCESS_TOKEN: graphToken() };
let fakes: Fakes;
let dir: string;

beforeAll(async () => {
  const { projects, applications } = sampleOrg();
  // A connection name an attacker could choose, to check quoting and formula guards.
  const hostile = {
    ...(projects[2].endpoints[0] as Record<string, unknown>),
    id: 'e0000009-0000-4000-8000-000000000009',
    name: '=HYPERLINK("http://x","a, b")|*x*',
  };
  projects[2].endpoints.push(hostile);
  fakes = await startFakes({ projects, maxPageSize: 2 }, applications);
  dir = mkdtempSync(join(tmpdir(), 'sc-expiry-formats-'));
});

afterAll(async () => {
  await fakes.close();
  rmSync(dir, { recursive: true, force: true });
});

async function scan(format: string, extra: string[] = []) {
  const { io, captured } = captureIo(NOW);
  const code = await run(
    ['scan', '--org', fakes.orgUrl, '--graph-url', fakes.graphUrl, '--format', format, ...extra],
    env,
    io,
  );
  return { code, ...captured };
}

describe('sc-expiry output formats', () => {
  it('table: a header, most severe first, dates with relative days, and the counts', async () => {
    const { code, stdout, stderr } = await scan('table');
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Status\s+Connection\s+Project\s+Type\s+App registration\s+Expires\s+Reason$/);
    expect(lines[1]).toMatch(/^-+ {2}-+/);
    const names = lines.slice(2, 10).map((l) => l.split(/\s{2,}/)[1]);
    expect(names).toEqual([
      'arm-expired',
      'arm-critical',
      'arm-shared',
      '=HYPERLINK("http://x","a, b")|*x*',
      'arm-healthy',
      'arm-wif',
      'github-org',
      undefined,
    ]);
    expect(lines[2]).toMatch(
      /^Expired\s+arm-expired\s+Alpha\s+Azure Resource Manager\s+contoso-My DevOps project-8a7aace5\s+2026-11-25 \(3 days ago\)\s+Client secret expired 3 days ago/,
    );
    expect(stdout).toMatch(/arm-shared\s+Alpha \(\+1 more\)/);
    expect(stdout).toContain(
      '7 connections: 1 expired, 1 critical, 1 warning, 2 healthy, 1 no secret, 1 not applicable (warning ≤ 30 days, critical ≤ 7 days)',
    );
  });

  it('json: exactly the scanner JSON contract, plus errors', async () => {
    const { stdout } = await scan('json');
    const report = JSON.parse(stdout) as ScanReport;
    expect(Object.keys(report)).toEqual(['scannedAt', 'thresholds', 'summary', 'connections', 'errors']);
    const expired = report.connections.find((c) => c.id === IDS.expired);
    expect(expired).toEqual({
      id: IDS.expired,
      name: 'arm-expired',
      project: 'Alpha',
      projects: ['Alpha'],
      type: 'azurerm',
      scheme: 'ServicePrincipal',
      creationMode: 'automatic',
      tenantId: expect.any(String),
      appId: APPS.expired,
      appDisplayName: 'contoso-My DevOps project-8a7aace5',
      status: 'expired',
      daysLeft: -3,
      expiresAt: '2026-11-25T12:00:00.000Z',
      expiryOf: 'credential',
      credential: {
        keyId: expect.any(String),
        kind: 'secret',
        endDateTime: '2026-11-25T12:00:00.000Z',
        confidence: 'single',
      },
      credentials: [expect.objectContaining({ kind: 'secret', inUse: true, expired: true, daysLeft: -3 })],
      findings: expect.arrayContaining([expect.objectContaining({ code: 'expired', fix: expect.any(Array) })]),
      links: {
        devops: expect.stringContaining('/Alpha/_settings/adminservices?resourceId='),
        entra: expect.stringContaining(APPS.expired),
      },
      reason: 'Client secret expired 3 days ago (2026-11-25).',
      // Two pipelines in the history: the newest run per pipeline, newest pipeline first.
      // Every project that references it was read.
      usageUnreadIn: [],
      usedBy: [
        {
          project: 'Alpha',
          definitionId: 12,
          name: 'web-deploy',
          planType: 'build',
          lastUsedAt: '2026-11-27T12:00:00.000Z',
          result: 'failed',
          runId: 907,
          runName: '20261128.2',
          link: expect.stringMatching(/\/Alpha\/_build\?definitionId=12$/),
        },
        expect.objectContaining({ definitionId: 15, name: 'infra | nightly', result: 'succeeded', runId: 850 }),
      ],
      // Read with the credentials ($expand=owners): nobody owns this app; the sample endpoint names no creator.
      owners: [],
      createdBy: null,
    });
    // A connection with an Entra app and an empty history: read, nobody used it.
    expect(report.connections.find((c) => c.id === IDS.healthy)?.usedBy).toEqual([]);
    // No Entra app: its history is not read.
    expect(report.connections.find((c) => c.id === IDS.github)?.usedBy).toBeNull();
    // The secret hint never leaves the scanner.
    expect(stdout).not.toContain('"hint"');
    expect(stdout).not.toContain('Ab1');
  });

  it('csv: a header row, RFC 4180 quoting and a guard against formula injection', async () => {
    const { stdout } = await scan('csv');
    const rows = stdout.split('\r\n');
    expect(rows[0]).toBe(
      'status,name,project,projects,type,scheme,creationMode,tenantId,appId,appDisplayName,daysLeft,expiresAt,credentialKeyId,confidence,reason,fix,devopsLink,entraLink,id,owners,createdBy',
    );
    expect(rows[1]).toMatch(
      /^expired,arm-expired,Alpha,Alpha,Azure Resource Manager,ServicePrincipal,automatic,[^,]+,0a000001[^,]+,contoso-My DevOps project-8a7aace5,-3,2026-11-25T12:00:00.000Z,/,
    );
    expect(rows[1]).toContain(
      ',"In Azure DevOps open Project settings → Service connections → ""arm-expired"" and choose Rotate secret:',
    );
    expect(rows.find((r) => r.startsWith('warning,'))).toContain(',Alpha; Beta,');
    expect(stdout).toContain(`healthy,"'=HYPERLINK(""http://x"",""a, b"")|*x*",Gamma,`);
    expect(rows.at(-1)).toBe('');
    expect(rows).toHaveLength(9);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-3', '-3'],
    [-3, '-3'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', 'line break'],
    ['\t=cmd', "' =cmd"],
    ['red \u001b[31mx\u009b0m', 'red  [31mx 0m'],
    [null, ''],
  ])('csvCell(%j) is %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('markdown: counts, the connections that need action with links and fix, then the unknowns', async () => {
    const { stdout } = await scan('markdown');
    expect(stdout).toMatch(/^## Service connection expiry: http:\/\/127\.0\.0\.1:\d+\/org\n/);
    expect(stdout).toContain(
      '| Expired | Critical | Warning | Healthy | No secret | Unknown | Not applicable |\n|---:|---:|---:|---:|---:|---:|---:|\n| 1 | 1 | 1 | 2 | 1 | 0 | 1 |',
    );
    expect(stdout).toContain('### Needs action (3)');
    const actionRows = stdout.split('\n').filter((l) => /^\| (🔴|🟠|🟡)/.test(l));
    expect(actionRows.map((l) => l.split(' | ')[1].replace(/^\[([^\]]+)\].*$/, '$1'))).toEqual([
      'arm-expired',
      'arm-critical',
      'arm-shared',
    ]);
    expect(actionRows[0]).toContain(`(${fakes.orgUrl}/Alpha/_settings/adminservices?resourceId=${IDS.expired})`);
    expect(actionRows[0]).toContain(
      `(https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Credentials/appId/${APPS.expired})`,
    );
    expect(actionRows[0]).toContain('choose Rotate secret: Azure DevOps creates a new secret');
    // Used by: the count and last use, the newest pipeline linked, its name escaped (a pipe in it).
    expect(actionRows[0]).toContain(
      `| 2 pipelines \\(last 2026-11-27\\): [web-deploy](${fakes.orgUrl}/Alpha/_build?definitionId=12) |`,
    );
    expect(actionRows[0].split(' | ')).toHaveLength(10);
    // Owners read with the credentials: this app has none, and the sample endpoint names no creator.
    expect(actionRows[0].split(' | ')[7]).toBe('no owner; creator unknown');
    expect(stdout).not.toContain('### Could not be checked');
    expect(stdout).not.toContain('Scan incomplete');
  });

  it('markdown text from servers cannot inject markup or break a table', () => {
    expect(mdText('a|b *c* [x](javascript:y) <img>\nz')).toBe('a\\|b \\*c\\* \\[x\\]\\(javascript:y\\) \\<img\\> z');
  });

  it('--output writes the report to a file (creating its folder) and --json-file adds the JSON', async () => {
    const out = join(dir, 'nested', 'report.md');
    const json = join(dir, 'report.json');
    const { code, stdout } = await scan('markdown', ['--output', out, '--json-file', json]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `Wrote the markdown report to ${out}: 7 connections: 1 expired, 1 critical, 1 warning, 2 healthy, 1 no secret, 1 not applicable.\n`,
    );
    expect(readFileSync(out, 'utf8')).toContain('### Needs action (3)');
    expect((JSON.parse(readFileSync(json, 'utf8')) as ScanReport).summary.expired).toBe(1);
  });

  it('exits 2 when the output cannot be written', async () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const { code, stderr } = await scan('json', ['--output', join(dir, 'a-file', 'report.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^sc-expiry: cannot write the report: /);
  });
});
