import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { ScanReport } from '../../src/cli/run';
import { IDS, sampleOrg, startFakes, type FakeOrgOptions, type Fakes } from '../support/fakeOrg';
import { TENANT } from '../support/payloads';
import { fakeJwt } from '../support/tokens';
import { startFakeEntra } from './support/fakeEntra';
import { packagedTask, type PackagedTask } from './support/packagedTask';
import { agentEnvironment, handlerNode, runAsAgent, type AgentJob, type TaskRun } from './support/runAsAgent';
import { execFileSync } from 'child_process';
import { selfSignedCertificate } from './support/tls';

/** The ServiceConnectionExpiry task from the packaged .vsix, run as the agent runs it, against the fakes. */

const SYSTEM_TOKEN = 'job-access-token-0123456789abcdef';
const SCANNER = 'c0ffee00-0000-4000-8000-00000000000c'; // the WIF connection in input azureSubscription
const SCANNER_APP = '5ca77e00-0000-4000-8000-000000000005';
const OIDC_PATH = `/org/9a0b0c0d-0000-4000-8000-000000000001/_apis/distributedtask/hubs/build/plans/p1a9-0001/jobs/j0b-0001/oidctoken`;

let task: PackagedTask;
let tls: ReturnType<typeof selfSignedCertificate>;
let entra: Awaited<ReturnType<typeof startFakeEntra>>;
let fakes: Fakes;
let temp: string;

beforeAll(async () => {
  task = packagedTask();
  tls = selfSignedCertificate();
  entra = await startFakeEntra({
    key: tls.key,
    cert: tls.cert,
    systemAccessToken: SYSTEM_TOKEN,
    connections: { [SCANNER]: { clientId: SCANNER_APP, tenantId: TENANT } },
  });
  const { projects, applications } = sampleOrg(Date.now());
  fakes = await startFakes({ projects, bearer: SYSTEM_TOKEN }, applications);
  temp = mkdtempSync(join(tmpdir(), 'sc-expiry-agent-temp-'));
}, 600_000);

afterAll(async () => {
  await entra?.close();
  await fakes?.close();
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** The WIF AzureRM connection as the agent hands it to a job (parameters lower-case as stored). */
function scannerEndpoint(scheme = 'WorkloadIdentityFederation'): NonNullable<AgentJob['endpoints']>[string] {
  return {
    url: 'https://management.azure.com/',
    scheme,
    parameters: {
      tenantid: TENANT,
      serviceprincipalid: SCANNER_APP,
      workloadIdentityFederationIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      workloadIdentityFederationSubject: `sc://org/Beta/sc-expiry-scanner`,
      scope: '/subscriptions/8a7aace5-0000-4000-8000-000000000001',
    },
    data: {
      environment: 'AzureCloud',
      scopeLevel: 'Subscription',
      creationMode: 'Manual',
      // The fake Entra ID stands where login.microsoftonline.com is.
      environmentAuthorityUrl: `${entra.url}/`,
      activeDirectoryAuthority: `${entra.url}/`,
    },
  };
}

function job(inputs: Record<string, string>, over: Partial<AgentJob> = {}, org: Fakes = fakes): Record<string, string> {
  return {
    ...agentEnvironment({
      collectionUri: `${org.orgUrl}/`,
      teamProject: 'Beta',
      tempDir: temp,
      systemAccessToken: SYSTEM_TOKEN,
      oidcRequestUri: `${entra.url}${OIDC_PATH}`,
      endpoints: { [SCANNER]: scannerEndpoint() },
      ...over,
      inputs: {
        azureSubscription: SCANNER,
        failOn: 'expired',
        warningDays: '30',
        criticalDays: '7',
        publishReadings: 'true',
        graphUrl: org.graphUrl,
        ...inputs,
      },
    }),
    NODE_EXTRA_CA_CERTS: tls.certPath,
  };
}

const named = (run: TaskRun, name: string) => run.commands.filter((c) => c.name === name);

/**
 * Issue 17 item 6: each token the task obtained (`tokens`, in the order obtained) is registered with the agent by exactly
 * one `##vso[task.setsecret]<token>` line of its own, printed before any line of the scan's output (only the task's
 * sign-in announcement may come first), and the token appears in no other line of stdout or stderr.
 */
function expectTokensRegisteredFirst(run: TaskRun, tokens: string[]): void {
  expect(tokens.length).toBeGreaterThan(0);
  const registered = named(run, 'task.setsecret');
  expect(registered.map((c) => c.data)).toEqual(tokens);
  expect(registered.map((c) => c.line)).toEqual(tokens.map((t) => `##vso[task.setsecret]${t}`));
  const lines = run.stdout.split(/\r\n|\r|\n/);
  const firstScanLine = lines.findIndex((l) => !/^Microsoft Graph: /.test(l) && !l.startsWith('##vso[task.setsecret]'));
  expect(firstScanLine).toBeGreaterThan(0);
  for (const token of tokens) {
    expect(lines.filter((l) => l.includes(token))).toEqual([`##vso[task.setsecret]${token}`]);
    expect(lines.indexOf(`##vso[task.setsecret]${token}`)).toBeLessThan(firstScanLine);
    expect(run.stderr).not.toContain(token);
  }
}
const result = (run: TaskRun) => named(run, 'task.complete').at(-1)?.properties.result;
function attachedReport(run: TaskRun): ScanReport {
  const [attachment] = named(run, 'task.addattachment');
  expect(attachment.properties).toEqual({ type: 'sc-expiry-report', name: 'report' });
  expect(attachment.data.startsWith(temp)).toBe(true);
  return JSON.parse(readFileSync(attachment.data, 'utf8')) as ScanReport;
}

describe('the packaged task', () => {
  it('has a task.json with a fixed id, version 1.x and Node20_1 + Node24 handlers on one bundled script', () => {
    const t = task.taskJson;
    expect(t.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(t.name).toBe('ServiceConnectionExpiry');
    expect(t.version.Major).toBe(1);
    expect(t.friendlyName.length).toBeLessThanOrEqual(40);
    expect(t.instanceNameFormat).not.toBe('');
    expect(Object.keys(t.execution).sort()).toEqual(['Node20_1', 'Node24']);
    expect(new Set(Object.values(t.execution).map((e) => e.target))).toEqual(new Set(['index.js']));
    expect(task.files.map((f) => f.name)).toContain('index.js');
    const inputs = Object.fromEntries(t.inputs.map((i) => [i.name, i]));
    expect(inputs.azureSubscription.type).toBe('connectedService:AzureRM');
    expect(inputs.projects.defaultValue).toBe('$(System.TeamProject)');
    expect(Object.keys(inputs.failOn.options ?? {})).toEqual(['expired', 'critical', 'warning', 'none']);
    expect(inputs.publishReadings.type).toBe('boolean');
    // No node_modules: one script, its license notes, task.json and the icon.
    expect(task.files.every((f) => !f.name.includes('node_modules'))).toBe(true);
  });
});

describe('a scheduled scan of every project through the workload identity connection', () => {
  let run: TaskRun;
  let issuedBefore = 0;
  beforeAll(async () => {
    entra.requests.length = 0;
    issuedBefore = entra.issued.accessTokens.length;
    run = await runAsAgent(task, job({ projects: '*' }));
  }, 120_000);

  it('logs the verdicts as issues, attaches the summary and the JSON report, and fails at failOn', () => {
    expect(run.stderr).toBe('');
    const issues = named(run, 'task.logissue');
    expect(issues.map((i) => [i.properties.type, i.data])).toEqual([
      [
        'error',
        expect.stringMatching(/^Expired: service connection "arm-expired" \(project Alpha, expired 3 days ago\)/),
      ],
      [
        'warning',
        expect.stringMatching(/^Critical: service connection "arm-critical" \(project Beta, expires in 5 days\)/),
      ],
      ['warning', expect.stringMatching(/^Warning: service connection "arm-shared" \(project Alpha \(\+1 more\)/)],
      [
        'error',
        expect.stringMatching(/^Service connections at or above failOn "expired": 1 expired, 1 critical, 1 warning/),
      ],
    ]);
    const [summary] = named(run, 'task.uploadsummary');
    expect(summary.data.startsWith(temp)).toBe(true);
    expect(readFileSync(summary.data, 'utf8')).toContain('arm-expired');
    const report = attachedReport(run);
    expect(Object.fromEntries(report.connections.map((c) => [c.id, c.status]))).toEqual({
      [IDS.expired]: 'expired',
      [IDS.shared]: 'warning',
      [IDS.github]: 'not-applicable',
      [IDS.critical]: 'critical',
      [IDS.wif]: 'no-secret',
      [IDS.healthy]: 'healthy',
    });
    expect(result(run)).toBe('Failed');
    expect(run.commands.at(-1)?.name).toBe('task.complete');
    expect(run.code).toBe(1);
  });

  it('asks the agent for an OIDC token exactly as AzurePipelinesCredential does, then trades it at Entra ID', () => {
    // @azure/identity 4.x asks for the assertion once when MSAL is set up and once for the token request.
    const oidc = entra.requests.filter((r) => r.path === OIDC_PATH);
    expect(oidc.length).toBeGreaterThanOrEqual(1);
    for (const request of oidc) {
      expect(request.method).toBe('POST');
      expect(request.query).toEqual({ 'api-version': '7.1', serviceConnectionId: SCANNER });
      expect(request.headers.authorization).toBe(`Bearer ${SYSTEM_TOKEN}`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-tfs-fedauthredirect']).toBe('Suppress');
      expect(request.body).toBe('');
    }

    const token = entra.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
    expect(token).toHaveLength(1);
    expect(token[0].path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    const form = Object.fromEntries(new URLSearchParams(token[0].body));
    expect(form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: SCANNER_APP,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    });
    expect(entra.issued.oidcTokens).toContain(form.client_assertion);
    expect(form.scope.split(' ')).toContain('https://graph.microsoft.com/.default');
    // MSAL trusted the authority from the connection's data: no instance discovery elsewhere.
    expect(entra.requests.every((r) => !r.path.includes('discovery/instance'))).toBe(true);
  });

  it('reads Graph with the token Entra ID issued and Azure DevOps with the job token; prints neither', () => {
    expect([...fakes.graph.tokens.keys()]).toEqual(entra.issued.accessTokens);
    expect(new Set(fakes.org.authorizations)).toEqual(new Set([`Bearer ${SYSTEM_TOKEN}`]));
    // The job token (the agent's, masked already) and the OIDC assertions never reach the log.
    for (const secret of [SYSTEM_TOKEN, ...entra.issued.oidcTokens])
      expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
  });

  it('registers the Graph token Entra ID issued with setsecret before any scan output, and prints it nowhere else', () => {
    expectTokensRegisteredFirst(run, entra.issued.accessTokens.slice(issuedBefore));
  });

  it("publishes the readings to the extension's data for the hub", () => {
    expect(fakes.org.extensionData.some((r) => /^(PUT|PATCH|POST) /.test(r))).toBe(true);
    expect(named(run, 'task.logissue').some((i) => /not published/.test(i.data))).toBe(false);
  });
});

describe('each execution handler the agent may pick', () => {
  // The agent runs the newest handler it supports: Node24 (agent ≥ 4.265.1), else Node20_1. Each is run through its
  // own task.json entry. Node 24 is not installed on every machine: without NODE24_BIN the Node24 entry's target runs
  // on this node, and the test's name says which binary and version ran it.
  const version = (bin: string) => execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  const handlers = (['Node20_1', 'Node24'] as const).map((h) => [h, version(handlerNode(h))] as const);
  it.each(handlers)('%s: its target scans and reports, run on node %s', async (handler) => {
    const bin = handlerNode(handler);
    const run = await runAsAgent(task, job({ projects: 'Beta', failOn: 'warning', publishReadings: 'false' }), handler);
    expect(run.stderr).toBe('');
    expect(
      attachedReport(run)
        .connections.map((c) => c.name)
        .sort(),
    ).toEqual(['arm-critical', 'arm-shared', 'arm-wif']);
    expect(result(run)).toBe('Failed');
    expect(run.code).toBe(1);
    expect(version(bin)).toMatch(/^v\d+\./);
    if (handler === 'Node24' && process.env.NODE24_BIN) expect(version(bin)).toMatch(/^v24\./);
  });
});

describe('results', () => {
  it('scans the current project by default; the warning window makes it SucceededWithIssues', async () => {
    const run = await runAsAgent(task, job({ projects: '', publishReadings: 'false' }));
    const report = attachedReport(run);
    expect(report.connections.map((c) => c.name).sort()).toEqual(['arm-critical', 'arm-shared', 'arm-wif']);
    expect(result(run)).toBe('SucceededWithIssues');
    expect(run.code).toBe(0);
  });

  it('Succeeded when nothing needs action', async () => {
    const run = await runAsAgent(task, job({ projects: 'Gamma', publishReadings: 'false' }));
    expect(attachedReport(run).connections.map((c) => c.status)).toEqual(['healthy']);
    expect(named(run, 'task.logissue')).toEqual([]);
    expect(result(run)).toBe('Succeeded');
  });

  it('Failed at failOn warning when a connection is within the warning window', async () => {
    const run = await runAsAgent(task, job({ projects: 'Beta', failOn: 'warning', publishReadings: 'false' }));
    expect(result(run)).toBe('Failed');
    expect(named(run, 'task.complete').at(-1)?.data).toMatch(/failOn "warning"/);
  });

  it('GRAPH_ACCESS_TOKEN in the step environment overrides the connection: no OIDC request', async () => {
    entra.requests.length = 0;
    const graphToken = fakeJwt(
      { aud: 'https://graph.microsoft.com', exp: 4102444800 },
      'graph-token-from-env-0123456789',
    );
    const before = fakes.graph.tokens.get(graphToken) ?? 0;
    const run = await runAsAgent(
      task,
      job(
        { projects: 'Gamma', azureSubscription: '', publishReadings: 'false' },
        { extra: { GRAPH_ACCESS_TOKEN: graphToken } },
      ),
    );
    expect(result(run)).toBe('Succeeded');
    expect(entra.requests).toEqual([]);
    expect(fakes.graph.tokens.get(graphToken)).toBeGreaterThan(before);
    expect(run.stdout).not.toContain(graphToken);
  });

  it('a GRAPH_ACCESS_TOKEN that is not a Graph token fails the step before anything is read', async () => {
    const requests = fakes.graph.requests;
    const run = await runAsAgent(
      task,
      job({ projects: 'Gamma' }, { extra: { GRAPH_ACCESS_TOKEN: 'not-a-jwt-but-long-enough-0123456789' } }),
    );
    expect(result(run)).toBe('Failed');
    expect(named(run, 'task.complete')[0].data).toMatch(/^GRAPH_ACCESS_TOKEN is not an access token/);
    expect(fakes.graph.requests).toBe(requests);
    expect(`${run.stdout}${run.stderr}`).not.toContain('not-a-jwt-but-long-enough-0123456789');
  });
});

describe('refusals and bad input', () => {
  it('a refused extension-data write is a warning saying which PAT variable to pass; the scan is not failed', async () => {
    const { projects, applications } = sampleOrg(Date.now());
    const refusing = await startFakes({ projects, bearer: SYSTEM_TOKEN, extensionDataStatus: 403 }, applications);
    try {
      const run = await runAsAgent(task, job({ projects: 'Gamma' }, {}, refusing));
      const warnings = named(run, 'task.logissue').filter((i) => i.properties.type === 'warning');
      expect(warnings.some((w) => w.data.includes('Snapshot not published: project "Gamma"'))).toBe(true);
      const hint = warnings.find((w) => w.data.includes('AZURE_DEVOPS_EXT_PAT'));
      expect(hint?.data).toContain('Extension data (Read & write)');
      expect(named(run, 'task.logissue').filter((i) => i.properties.type === 'error')).toEqual([]);
      expect(attachedReport(run).connections.map((c) => c.status)).toEqual(['healthy']);
      expect(result(run)).toBe('SucceededWithIssues');
    } finally {
      await refusing.close();
    }
  });

  it('a connection that is not workload identity federation is refused with the reason, before any request', async () => {
    entra.requests.length = 0;
    const org = fakes.org.requests;
    const run = await runAsAgent(
      task,
      job({ projects: 'Gamma' }, { endpoints: { [SCANNER]: scannerEndpoint('ServicePrincipal') } }),
    );
    expect(result(run)).toBe('Failed');
    expect(named(run, 'task.complete')[0].data).toMatch(
      /uses the authentication scheme "ServicePrincipal".*workload identity federation/,
    );
    expect(entra.requests).toEqual([]);
    expect(fakes.org.requests).toBe(org);
  });

  it.each([
    [{ warningDays: 'soon' }, /^Input "warningDays" must be a whole number/],
    [{ criticalDays: '40' }, /^Input "criticalDays" \(40\) cannot be larger than input "warningDays" \(30\)/],
    [{ failOn: 'sometimes' }, /^Input "failOn" must be one of expired, critical, warning, none/],
  ])('names the input in error: %j', async (inputs, message) => {
    const run = await runAsAgent(task, job(inputs));
    expect(result(run)).toBe('Failed');
    expect(named(run, 'task.complete')[0].data).toMatch(message);
    expect(named(run, 'task.addattachment')).toEqual([]);
  });
});

describe('a scan that could not read anything', () => {
  // Issue 17 item 5: the step fails saying what failed and what to do in the task's words (its inputs, the step's env),
  // never a count of zeros; the fake answers are real captures (tests/support/devopsRefusals.ts).
  const SCOPES = 'Service Connections (Read) and Project and Team (Read)';
  const TF400813 = "TF400813: The user '' is not authorized to access this resource.";
  const STEP_PAT = 'step-pat-Wd3Qn7Lx1Vb5-distinctive';
  type Failure = [
    string,
    Partial<FakeOrgOptions>,
    { inputs?: Record<string, string>; extra?: Record<string, string>; typo?: boolean },
    (orgUrl: string, host: string) => string,
  ];
  const failures: Failure[] = [
    [
      "the job's token refused (401)",
      { bearer: 'another-job-token' },
      {},
      (o, h) =>
        `Nothing was scanned: Azure DevOps (${h}) refused the job's access token (System.AccessToken) (401): ${TF400813} Azure DevOps did not accept the job's own token here: create a personal access token of organization "${o}" with the scopes ${SCOPES}, keep it in a secret variable (e.g. SC_EXPIRY_PAT) and pass it to this step as \`env: { AZURE_DEVOPS_EXT_PAT: $(SC_EXPIRY_PAT) }\`.`,
    ],
    [
      "the job's token answered with the sign-in page (203)",
      { bearer: 'another-job-token', refusal: 'sign-in-page' },
      {},
      (o, h) =>
        `Nothing was scanned: Azure DevOps (${h}) answered its sign-in page (203) instead of data: it did not accept the job's access token (System.AccessToken). Azure DevOps did not accept the job's own token here: create a personal access token of organization "${o}" with the scopes ${SCOPES}, keep it in a secret variable (e.g. SC_EXPIRY_PAT) and pass it to this step as \`env: { AZURE_DEVOPS_EXT_PAT: $(SC_EXPIRY_PAT) }\`.`,
    ],
    [
      "an expired PAT in the step's AZURE_DEVOPS_EXT_PAT (401)",
      { bearer: SYSTEM_TOKEN, pat: 'the-valid-pat-0123456789', refusal: 'expired-pat' },
      { extra: { AZURE_DEVOPS_EXT_PAT: STEP_PAT } },
      (o, h) =>
        `Nothing was scanned: Azure DevOps (${h}) refused the personal access token in the step's AZURE_DEVOPS_EXT_PAT (401): Access Denied: The Personal Access Token used has expired. The token the step gets in AZURE_DEVOPS_EXT_PAT is wrong, expired or revoked, made for another organization, or without the scopes it needs: create a personal access token of organization "${o}" with the scopes ${SCOPES} and put it in the secret variable mapped to AZURE_DEVOPS_EXT_PAT.`,
    ],
    [
      'input "projects" naming a project that does not exist (404)',
      { bearer: SYSTEM_TOKEN },
      { inputs: { projects: 'Nope' } },
      (o) =>
        `Nothing was scanned: organization ${o} has no project named "Nope" that the job's access token (System.AccessToken) may see (404). Check input "projects": the names of projects of organization "${o}" (one a line or comma-separated), or * for every project.`,
    ],
    [
      'System.CollectionUri with no organization behind it (404)',
      { bearer: SYSTEM_TOKEN },
      { typo: true },
      (o, h) =>
        `Nothing was scanned: there is no organization at ${o} (${h} answered 404). System.CollectionUri (${o}) names no organization that answers: run the task in a pipeline of the organization to scan.`,
    ],
  ];

  it.each(failures)(
    '%s: Failed with what failed and what to do, one request, no zero count',
    async (_n, org, how, says) => {
      const { projects, applications } = sampleOrg(Date.now());
      const served = await startFakes({ projects, ...org }, applications);
      try {
        const target = how.typo ? { ...served, orgUrl: served.orgUrl.replace(/\/org$/, '/contoso-typo') } : served;
        const run = await runAsAgent(
          task,
          job({ projects: 'Gamma', publishReadings: 'false', ...how.inputs }, { extra: how.extra }, target),
        );
        const message = says(target.orgUrl, new URL(target.orgUrl).host);
        expect(result(run)).toBe('Failed');
        expect(named(run, 'task.complete').map((c) => c.data)).toEqual([message]);
        expect(served.org.requests).toBe(1);
        const issues = named(run, 'task.logissue').map((i) => [i.properties.type, i.data]);
        expect(issues.at(-1)).toEqual(['error', message]);
        // The access hint for partial scans is not added: the result already says what to do.
        expect(issues.filter(([type]) => type === 'warning')).toEqual([]);
        const output = `${run.stdout}${run.stderr}`;
        expect(output).not.toMatch(/No service connections found|\b0 connections|0 expired|\| 0 \|/);
        expect(readFileSync(named(run, 'task.uploadsummary')[0].data, 'utf8')).toContain('### ⛔ Nothing was scanned');
        expect(attachedReport(run).connections).toEqual([]);
        for (const secret of [SYSTEM_TOKEN, STEP_PAT]) expect(output).not.toContain(secret);
        expect(run.code).toBe(1);
      } finally {
        await served.close();
      }
    },
  );
});

describe('hostile names', () => {
  it('cannot inject logging commands: only the commands the task means reach the agent', async () => {
    const { projects, applications } = sampleOrg(Date.now());
    const rename = (id: string, name: string) => {
      for (const p of projects)
        for (const e of p.endpoints as { id: string; name: string }[]) if (e.id === id) e.name = name;
    };
    rename(IDS.expired, '##vso[task.setvariable variable=PWNED]yes');
    rename(IDS.critical, 'ok\r##vso[task.complete result=Succeeded;]done');
    rename(IDS.healthy, '##[error]not an error\n##vso[task.prependpath]/tmp/evil');
    // A setsecret from a name would mask ordinary words in every later step's log.
    rename(IDS.wif, 'arm ##vso[task.setsecret]Beta');
    (applications[0] as { displayName: string }).displayName = '##vso[task.uploadfile]/etc/passwd';
    const hostile = await startFakes({ projects, bearer: SYSTEM_TOKEN }, applications);
    try {
      const issuedBefore = entra.issued.accessTokens.length;
      const run = await runAsAgent(task, job({ projects: '*', publishReadings: 'false' }, {}, hostile));
      // One tenant, one Graph token: its setsecret is the only one, and it is the task's own.
      expect(run.commands.map((c) => c.name).sort()).toEqual([
        'task.addattachment',
        'task.complete',
        'task.logissue',
        'task.logissue',
        'task.logissue',
        'task.logissue',
        'task.setsecret',
        'task.uploadsummary',
      ]);
      expectTokensRegisteredFirst(run, entra.issued.accessTokens.slice(issuedBefore));
      expect(run.commands.every((c) => !('variable' in c.properties))).toBe(true);
      expect(result(run)).toBe('Failed');
      // The names still reach the log, as text.
      expect(named(run, 'task.logissue')[0].data).toContain('task.setvariable variable=PWNED');
      const lines = `${run.stdout}${run.stderr}`.split(/\r\n|\r|\n/);
      expect(lines.filter((l) => l.startsWith('##[')).length).toBe(0);
      // The report keeps the names as they are.
      expect(attachedReport(run).connections.map((c) => c.name)).toContain('##vso[task.setvariable variable=PWNED]yes');
    } finally {
      await hostile.close();
    }
  });
});

describe('a federated credential Entra ID refuses', () => {
  it('fails the step as incomplete, names the app and Entra ID reason, and still attaches the report', async () => {
    const endpoint = scannerEndpoint();
    // The app registration has no federated credential for this connection: Entra ID answers AADSTS700213.
    endpoint.parameters.serviceprincipalid = '0bad0000-0000-4000-8000-000000000bad';
    const run = await runAsAgent(
      task,
      job({ projects: 'Gamma', publishReadings: 'false' }, { endpoints: { [SCANNER]: endpoint } }),
    );
    const errors = named(run, 'task.logissue').filter((i) => i.properties.type === 'error');
    expect(errors.some((e) => /Scan incomplete: app registration .*AADSTS700213/.test(e.data))).toBe(true);
    const report = attachedReport(run);
    expect(report.connections.map((c) => c.status)).toEqual(['unknown']);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(result(run)).toBe('Failed');
    expect(named(run, 'task.complete')[0].data).toMatch(/could not read everything/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(SYSTEM_TOKEN);
  });
});

describe('a project the job token may not read', () => {
  it('fails as incomplete, names the project and says which scope and role the job needs', async () => {
    const { projects, applications } = sampleOrg(Date.now());
    const scoped = await startFakes({ projects, bearer: SYSTEM_TOKEN, forbidden: ['Gamma'] }, applications);
    try {
      const run = await runAsAgent(task, job({ projects: '*', failOn: 'none', publishReadings: 'false' }, {}, scoped));
      const issues = named(run, 'task.logissue');
      expect(issues.some((i) => i.properties.type === 'error' && /Scan incomplete: project "Gamma"/.test(i.data))).toBe(
        true,
      );
      const hint = issues.find((i) => i.data.includes('Limit job authorization scope to current project'));
      expect(hint?.properties.type).toBe('warning');
      expect(hint?.data).toContain('Reader role on service connections');
      expect(hint?.data).toContain('AZURE_DEVOPS_EXT_PAT');
      expect(
        attachedReport(run)
          .connections.map((c) => c.project)
          .sort(),
      ).toEqual(['Alpha', 'Alpha', 'Alpha', 'Beta', 'Beta']);
      expect(result(run)).toBe('Failed');
    } finally {
      await scoped.close();
    }
  });
});
