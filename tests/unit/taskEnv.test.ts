import { getEndpointAuthorization, getEndpointData, getInput, variableKey } from '../../src/task/agentEnv';
import { projectList, taskOptions } from '../../src/task/taskOptions';

/** The task's reading of the agent's environment (names per the agent's Handler.cs and task-lib). */

describe('agent environment', () => {
  it.each([
    ['azureSubscription', 'AZURESUBSCRIPTION'],
    ['System.CollectionUri', 'SYSTEM_COLLECTIONURI'],
    ['my input name', 'MY_INPUT_NAME'],
  ])('variable key of %s is %s (task-lib _getVariableKey)', (name, key) => {
    expect(variableKey(name)).toBe(key);
  });

  it('reads inputs trimmed and case-insensitively, as task-lib vault lookups are', () => {
    expect(getInput({ INPUT_FAILON: ' warning ' }, 'failOn')).toBe('warning');
    expect(getInput({ input_failon: 'critical' }, 'failOn')).toBe('critical');
    expect(getInput({}, 'failOn')).toBe('');
  });

  it.each([
    [
      'the JSON only (lower-case GUID id, as the agent names it)',
      {
        'ENDPOINT_AUTH_c0ffee00-0000-4000-8000-00000000000c':
          '{"parameters":{"TenantId":"t","serviceprincipalid":"c"},"scheme":"WorkloadIdentityFederation"}',
      },
      { scheme: 'WorkloadIdentityFederation', parameters: { tenantid: 't', serviceprincipalid: 'c' } },
    ],
    [
      'per-parameter variables win over the JSON',
      {
        'ENDPOINT_AUTH_c0ffee00-0000-4000-8000-00000000000c':
          '{"parameters":{"tenantid":"old"},"scheme":"ServicePrincipal"}',
        'ENDPOINT_AUTH_SCHEME_c0ffee00-0000-4000-8000-00000000000c': 'WorkloadIdentityFederation',
        'ENDPOINT_AUTH_PARAMETER_c0ffee00-0000-4000-8000-00000000000c_TENANTID': 'new',
      },
      { scheme: 'WorkloadIdentityFederation', parameters: { tenantid: 'new' } },
    ],
    [
      'malformed JSON keeps the per-parameter variables',
      {
        'ENDPOINT_AUTH_c0ffee00-0000-4000-8000-00000000000c': '{not json',
        'ENDPOINT_AUTH_PARAMETER_c0ffee00-0000-4000-8000-00000000000c_SERVICEPRINCIPALID': 'c',
      },
      { scheme: '', parameters: { serviceprincipalid: 'c' } },
    ],
  ])('endpoint authorization: %s', (_name, env, expected) => {
    expect(getEndpointAuthorization(env, 'c0ffee00-0000-4000-8000-00000000000c')).toEqual(expected);
  });

  it('has no authorization for a connection the job was not given', () => {
    expect(getEndpointAuthorization({}, 'c0ffee00-0000-4000-8000-00000000000c')).toBeNull();
  });

  it('reads endpoint data by upper-cased key', () => {
    const env = { ENDPOINT_DATA_abc_ENVIRONMENTAUTHORITYURL: 'https://login.windows.net/' };
    expect(getEndpointData(env, 'abc', 'environmentAuthorityUrl')).toBe('https://login.windows.net/');
  });
});

describe('task inputs → scanner options', () => {
  it.each([
    ['', 'Web', ['Web']],
    ['*', 'Web', '*'],
    ['Alpha, Beta', 'Web', ['Alpha', 'Beta']],
    ['Alpha\nBeta\n\n', 'Web', ['Alpha', 'Beta']],
    ['Alpha\n*', 'Web', '*'],
    ['', '', []],
  ])('projects %j with current project %j → %j', (value, current, expected) => {
    expect(projectList(value, current)).toEqual(expected);
  });

  const base = { SYSTEM_COLLECTIONURI: 'https://dev.azure.com/contoso/', SYSTEM_TEAMPROJECT: 'Web' };

  it('defaults: the current project, fail on expired, 30/7 days, publish to the extension', () => {
    const parsed = taskOptions(base, '/tmp/report.json');
    expect(parsed.ok && parsed.options).toMatchObject({
      orgUrl: 'https://dev.azure.com/contoso',
      projects: ['Web'],
      format: 'table',
      jsonFile: '/tmp/report.json',
      failOn: 'expired',
      thresholds: { warningDays: 30, criticalDays: 7 },
      publish: { publisher: 'sc-expiry', extensionId: 'service-connection-expiry' },
      verbose: false,
      usage: { mode: 'auto', maxAgeDays: 7 },
    });
  });

  it.each([
    ['the defaults the agent sends', { INPUT_USAGE: 'auto', INPUT_USAGEMAXAGE: '7' }, { mode: 'auto', maxAgeDays: 7 }],
    ['a shorter age', { INPUT_USAGE: 'auto', INPUT_USAGEMAXAGE: '1' }, { mode: 'auto', maxAgeDays: 1 }],
    [
      'always, with the default age still sent',
      { INPUT_USAGE: 'always', INPUT_USAGEMAXAGE: '7' },
      { mode: 'always', maxAgeDays: 7 },
    ],
    [
      'never, with the default age still sent',
      { INPUT_USAGE: 'never', INPUT_USAGEMAXAGE: '7' },
      { mode: 'never', maxAgeDays: 7 },
    ],
  ])('usage inputs, %s', (_name, inputs, usage) => {
    const parsed = taskOptions({ ...base, ...inputs }, '/tmp/r.json');
    expect(parsed.ok && parsed.options.usage).toEqual(usage);
  });

  it('every input maps to the scanner option; a project name starting with "-" stays a name', () => {
    const parsed = taskOptions(
      {
        ...base,
        INPUT_PROJECTS: '-odd name',
        INPUT_FAILON: 'warning',
        INPUT_WARNINGDAYS: '45',
        INPUT_CRITICALDAYS: '10',
        INPUT_PUBLISHREADINGS: 'false',
        INPUT_GRAPHURL: 'https://graph.microsoft.us',
        SYSTEM_DEBUG: 'True',
      },
      '/tmp/r.json',
    );
    expect(parsed.ok && parsed.options).toMatchObject({
      projects: ['-odd name'],
      failOn: 'warning',
      thresholds: { warningDays: 45, criticalDays: 10 },
      graphUrl: 'https://graph.microsoft.us',
      verbose: true,
    });
    expect(parsed.ok && parsed.options.publish).toBeUndefined();
  });

  it.each([
    [{ SYSTEM_TEAMPROJECT: 'Web' }, /^System\.CollectionUri is not set/],
    [{ ...base, SYSTEM_TEAMPROJECT: '' }, /^No project to scan/],
    [{ ...base, INPUT_WARNINGDAYS: '-1' }, /^Input "warningDays" must be a whole number/],
    [{ ...base, INPUT_EXTENSIONID: 'a b' }, /^Input "extensionId" must be a Marketplace id/],
    [{ ...base, INPUT_EXTENSIONPUBLISHER: 'a;b' }, /^Input "extensionPublisher" must be a Marketplace id/],
    [
      { ...base, INPUT_FAILON: 'error' },
      /^Input "failOn" must be one of expired, critical, warning, none \(got "error"\)$/,
    ],
    [{ ...base, INPUT_CRITICALDAYS: '0' }, /^Input "criticalDays" must be a whole number of days between 1 and 365/],
    [
      { ...base, INPUT_CRITICALDAYS: '40' },
      /^Input "criticalDays" \(40\) cannot be larger than input "warningDays" \(30\)$/,
    ],
    [
      { ...base, INPUT_GRAPHURL: 'graph.microsoft.us' },
      /^Input "graphUrl" must be an http\(s\) URL \(got "graph.microsoft.us"\)$/,
    ],
    [{ ...base, INPUT_GRAPHURL: 'http://graph.example.com' }, /^Input "graphUrl" must use https:\/\//],
    [
      { ...base, SYSTEM_COLLECTIONURI: 'ftp://dev.azure.com/contoso' },
      /^System\.CollectionUri must be an http\(s\) URL/,
    ],
    [
      { ...base, SYSTEM_COLLECTIONURI: 'https://u:p@dev.azure.com/c/' },
      /^System\.CollectionUri must not carry credentials/,
    ],
    [{ ...base, INPUT_USAGE: 'sometimes' }, /^Input "usage" must be one of auto, always, never \(got "sometimes"\)$/],
    [{ ...base, INPUT_USAGEMAXAGE: '365' }, /^Input "usageMaxAge" must be a number between 0 and 90 \(got "365"\)$/],
  ])('refuses %j', (env, message) => {
    const parsed = taskOptions(env, '/tmp/r.json');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
    // The task's own names: never a scanner flag.
    expect(!parsed.ok && parsed.message).not.toMatch(/--[a-z]/);
  });
});
