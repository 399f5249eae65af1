import { parseArgs } from '../../src/cli/args';
import { run } from '../../src/cli/run';
import { captureIo } from '../support/fakeOrg';

const ORG = ['scan', '--org', 'https://dev.azure.com/contoso'];

describe('sc-expiry arguments', () => {
  it('has defaults for everything but --org', () => {
    expect(parseArgs(ORG)).toEqual({
      kind: 'scan',
      options: {
        orgUrl: 'https://dev.azure.com/contoso',
        projects: [],
        format: 'table',
        output: null,
        jsonFile: null,
        thresholds: { warningDays: 30, criticalDays: 7 },
        failOn: 'expired',
        graphUrl: null,
        concurrency: 8,
        timeoutMs: 30_000,
        verbose: false,
        usage: { mode: 'auto', maxAgeDays: 7 },
      },
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const parsed = parseArgs([
      'scan',
      '--org=https://contoso.visualstudio.com/',
      '--project',
      'Web',
      '--project=Data Platform',
      '--format',
      'csv',
      '--output',
      'out.csv',
      '--json-file',
      'out.json',
      '--warning-days',
      '45',
      '--critical-days=10',
      '--fail-on',
      'warning',
      '--graph-url',
      'https://graph.microsoft.us/v1.0/',
      '--concurrency',
      '4',
      '--timeout-seconds',
      '2.5',
      '--usage',
      'auto',
      '--usage-max-age=1.5',
      '--verbose',
    ]);
    expect(parsed).toEqual({
      kind: 'scan',
      options: {
        orgUrl: 'https://contoso.visualstudio.com',
        projects: ['Web', 'Data Platform'],
        format: 'csv',
        output: 'out.csv',
        jsonFile: 'out.json',
        thresholds: { warningDays: 45, criticalDays: 10 },
        failOn: 'warning',
        graphUrl: 'https://graph.microsoft.us',
        concurrency: 4,
        timeoutMs: 2500,
        verbose: true,
        usage: { mode: 'auto', maxAgeDays: 1.5 },
      },
    });
  });

  it('takes $(System.CollectionUri) with its trailing slash, and a bare organization name', () => {
    expect(parseArgs(['scan', '--org', 'https://dev.azure.com/contoso/'])).toMatchObject({
      options: { orgUrl: 'https://dev.azure.com/contoso' },
    });
    expect(parseArgs(['scan', '--org', 'contoso'])).toMatchObject({
      options: { orgUrl: 'https://dev.azure.com/contoso' },
    });
  });

  it('lowers the default critical threshold with a small --warning-days', () => {
    expect(parseArgs([...ORG, '--warning-days', '5'])).toMatchObject({
      options: { thresholds: { warningDays: 5, criticalDays: 5 } },
    });
  });

  it.each([
    [['scan'], '--org is required (the organization URL, e.g. https://dev.azure.com/contoso)'],
    [[], 'missing command: try "sc-expiry scan --org <organization URL>" or sc-expiry --help'],
    [['list'], 'unknown command "list" (the commands are "scan" and "fix")'],
    [[...ORG, 'extra'], 'unexpected argument "extra"'],
    [[...ORG, '--frmat', 'json'], 'unknown option --frmat (see sc-expiry --help)'],
    [[...ORG, '--format', 'xml'], '--format must be one of table, json, csv, markdown (got "xml")'],
    [[...ORG, '--fail-on', 'error'], '--fail-on must be one of expired, critical, warning, none (got "error")'],
    [[...ORG, '--warning-days', '3x'], '--warning-days must be a whole number of days between 1 and 365 (got "3x")'],
    [[...ORG, '--warning-days', '-1'], '--warning-days must be a whole number of days between 1 and 365 (got "-1")'],
    [[...ORG, '--critical-days', '0'], '--critical-days must be a whole number of days between 1 and 365 (got "0")'],
    [[...ORG, '--warning-days', '400'], '--warning-days must be a whole number of days between 1 and 365 (got "400")'],
    [
      [...ORG, '--critical-days', '7.5'],
      '--critical-days must be a whole number of days between 1 and 365 (got "7.5")',
    ],
    [
      [...ORG, '--warning-days', '10', '--critical-days', '20'],
      '--critical-days (20) cannot be larger than --warning-days (10)',
    ],
    [[...ORG, '--concurrency', '0'], '--concurrency must be a whole number between 1 and 64 (got "0")'],
    [[...ORG, '--timeout-seconds', 'soon'], '--timeout-seconds must be a number between 0.1 and 600 (got "soon")'],
    [[...ORG, '--graph-url', 'graph.microsoft.com'], '--graph-url must be an http(s) URL (got "graph.microsoft.com")'],
    [['scan', '--org', 'ftp://example.com/x'], '--org must be an http(s) URL (got "ftp://example.com/x")'],
    [['scan', '--org', 'https://user:pw@dev.azure.com/contoso'], '--org must not carry credentials in the URL'],
    [[...ORG, '--output'], '--output needs a value'],
    [[...ORG, '--org', 'https://dev.azure.com/other'], '--org was given more than once'],
    [[...ORG, '--verbose=yes'], '--verbose takes no value'],
    [[...ORG, '--project', ' '], '--project needs a project name'],
    [[...ORG, '--usage', 'sometimes'], '--usage must be one of auto, always, never (got "sometimes")'],
    [[...ORG, '--usage-max-age', '91'], '--usage-max-age must be a number between 0 and 90 (got "91")'],
    [[...ORG, '--usage-max-age', 'week'], '--usage-max-age must be a number between 0 and 90 (got "week")'],
    [
      [...ORG, '--usage', 'never', '--usage-max-age', '3'],
      '--usage-max-age applies only when --usage is auto (got never)',
    ],
    [['fix', '--org', 'contoso', '--usage', 'never'], '--usage is not an option of "fix" (see sc-expiry fix --help)'],
  ])('%j → exit 2: %s', async (argv, message) => {
    expect(parseArgs(argv)).toEqual({ kind: 'error', message });
    const { io, captured } = captureIo();
    expect(await run(argv, {}, io)).toBe(2);
    expect(captured.stderr).toBe(`sc-expiry: ${message}\n`);
    expect(captured.stdout).toBe('');
  });

  it.each([[['--help']], [['-h']], [['scan', '--help']], [['help']]])(
    '%j prints the help and exits 0',
    async (argv) => {
      const { io, captured } = captureIo();
      expect(await run(argv, {}, io)).toBe(0);
      expect(captured.stdout).toMatch(/^sc-expiry: warn before/);
      expect(captured.stdout).toContain('--fail-on LEVEL');
      expect(captured.stdout).toContain('3  scan incomplete');
    },
  );

  it('--version prints the package version', async () => {
    const { io, captured } = captureIo();
    expect(await run(['--version'], {}, io)).toBe(0);
    expect(captured.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
