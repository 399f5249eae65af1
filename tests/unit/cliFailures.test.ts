import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { run, type ScanReport } from '../../src/cli/run';
import type { Refusal } from '../support/devopsRefusals';
import { captureIo, withSampleOrg, type Fakes, type FakeOrgOptions } from '../support/fakeOrg';
import { NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

/**
 * Issue 17 item 5: a scan that could not read says what failed and what to do, never "No service connections found"
 * or a zero summary; exit 3. A project URL given as --org is refused before any request (exit 2). The fake answers
 * for refusals, a missing organization and a missing project are real captures (tests/support/devopsRefusals.ts).
 */

const PAT = 'pat-Hn4Wq8Zr2Kx6-distinctive';
const GRAPH = graphToken(undefined, {}, 'graph-token-failures-Lp3Vt7');
const PAT_ENV = { AZURE_DEVOPS_EXT_PAT: PAT, GRAPH_ACCESS_TOKEN: GRAPH };
const JOB_ENV = { SYSTEM_ACCESSTOKEN: 'job-token-Rk5Ms9Qd1-distinctive', GRAPH_ACCESS_TOKEN: GRAPH };
const SCOPES = 'Service Connections (Read) and Project and Team (Read)';
const TF400813 = "TF400813: The user '' is not authorized to access this resource.";

let fetchSpy: jest.SpyInstance;
beforeEach(() => {
  fetchSpy = jest.spyOn(global, 'fetch');
});
afterEach(() => fetchSpy.mockRestore());

async function scan(orgUrl: string, args: string[], env: Record<string, string>, extra: string[] = []) {
  const { io, captured } = captureIo(NOW);
  const code = await run(['scan', '--org', orgUrl, ...args, ...extra], env, io);
  return { code, ...captured, requests: fetchSpy.mock.calls.length };
}

describe('a project or page URL as --org is refused before any request', () => {
  it.each([
    [
      'https://dev.azure.com/contoso/MyProject',
      '--org https://dev.azure.com/contoso/MyProject is the URL of project "MyProject", not of its organization: use --org https://dev.azure.com/contoso --project MyProject',
    ],
    [
      // Copied from the browser: the service connections page of a project whose name has a space.
      'https://dev.azure.com/contoso/My%20Project/_settings/adminservices?resourceId=e0000001',
      '--org https://dev.azure.com/contoso/My%20Project/_settings/adminservices is the URL of project "My Project", not of its organization: use --org https://dev.azure.com/contoso --project "My Project"',
    ],
    [
      'https://contoso.visualstudio.com/DefaultCollection/Web',
      '--org https://contoso.visualstudio.com/DefaultCollection/Web is the URL of project "Web", not of its organization: use --org https://contoso.visualstudio.com/DefaultCollection --project Web',
    ],
    [
      'https://contoso.visualstudio.com/Web',
      '--org https://contoso.visualstudio.com/Web is the URL of project "Web", not of its organization: use --org https://contoso.visualstudio.com --project Web',
    ],
    [
      'contoso/MyProject',
      '--org https://dev.azure.com/contoso/MyProject is the URL of project "MyProject", not of its organization: use --org https://dev.azure.com/contoso --project MyProject',
    ],
    [
      'https://dev.azure.com/contoso/_settings/projects',
      '--org https://dev.azure.com/contoso/_settings/projects is a page of an organization, not its URL: use --org https://dev.azure.com/contoso',
    ],
    [
      'https://dev.azure.com/',
      '--org https://dev.azure.com names no organization: use --org https://dev.azure.com/ORGANIZATION',
    ],
  ])('%s', async (org, message) => {
    const { code, stdout, stderr, requests } = await scan(org, [], PAT_ENV);
    expect({ code, stdout, stderr, requests }).toEqual({
      code: 2,
      stdout: '',
      stderr: `sc-expiry: ${message}\n`,
      requests: 0,
    });
  });

  it.each([
    'https://dev.azure.com/contoso',
    'https://contoso.visualstudio.com',
    'https://contoso.visualstudio.com/DefaultCollection',
  ])('an organization URL passes: %s', async (org) => {
    fetchSpy.mockImplementation(async () => new Response('[]', { status: 500 }));
    const { code, requests } = await scan(org, ['--project', 'Web'], PAT_ENV);
    expect(code).toBe(3);
    expect(requests).toBeGreaterThan(0);
  });

  it('fix refuses it the same way, before any request', async () => {
    const { io, captured } = captureIo(NOW);
    const code = await run(['fix', '--org', 'https://dev.azure.com/contoso/MyProject'], PAT_ENV, io);
    expect(code).toBe(2);
    expect(captured.stderr).toContain('use --org https://dev.azure.com/contoso --project MyProject');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

interface Case {
  org?: Partial<FakeOrgOptions> & { refusal?: Refusal };
  /** The --org given, from the fake's URL. */
  url?: (f: Fakes) => string;
  args?: string[];
  env?: Record<string, string>;
  requests: number;
  /** The exact stderr, from the fake's URL and host. */
  stderr: (orgUrl: string, host: string) => string[];
}

const patAdvice = (o: string) =>
  `  What to do: AZURE_DEVOPS_EXT_PAT holds a token that is wrong, expired or revoked, made for another organization, or without the scopes it needs: create a personal access token of organization "${o}" with the scopes ${SCOPES} (User settings → Personal access tokens) and set AZURE_DEVOPS_EXT_PAT to it.`;

const CASES: [string, Case][] = [
  [
    'a wrong or revoked PAT (401 TF400813)',
    {
      org: { pat: 'another-pat' },
      requests: 1,
      stderr: (o, h) => [
        `sc-expiry: nothing was scanned: Azure DevOps (${h}) refused the personal access token in AZURE_DEVOPS_EXT_PAT (401): ${TF400813}`,
        `  organization "${o}": ${h} refused the personal access token in AZURE_DEVOPS_EXT_PAT (401) to list projects: ${TF400813}`,
        patAdvice(o),
      ],
    },
  ],
  [
    'an expired PAT (401 AccessCheckException)',
    {
      org: { pat: 'another-pat', refusal: 'expired-pat' },
      args: ['--project', 'Alpha'],
      requests: 1,
      stderr: (o, h) => [
        `sc-expiry: nothing was scanned: Azure DevOps (${h}) refused the personal access token in AZURE_DEVOPS_EXT_PAT (401): Access Denied: The Personal Access Token used has expired.`,
        `  project "Alpha": ${h} refused the personal access token in AZURE_DEVOPS_EXT_PAT (401) to list the service connections of project "Alpha": Access Denied: The Personal Access Token used has expired.`,
        patAdvice(o),
      ],
    },
  ],
  [
    'the sign-in page instead of data (203)',
    {
      org: { pat: 'another-pat', refusal: 'sign-in-page' },
      requests: 1,
      stderr: (o, h) => [
        `sc-expiry: nothing was scanned: Azure DevOps (${h}) answered its sign-in page (203) instead of data: it did not accept the personal access token in AZURE_DEVOPS_EXT_PAT.`,
        `  organization "${o}": ${h} answered its sign-in page (203) to list projects: it did not accept the personal access token in AZURE_DEVOPS_EXT_PAT`,
        patAdvice(o),
      ],
    },
  ],
  [
    'a redirect to the sign-in page (302)',
    {
      org: { pat: 'another-pat', refusal: 'sign-in-redirect' },
      requests: 1,
      stderr: (o, h) => [
        `sc-expiry: nothing was scanned: Azure DevOps (${h}) answered a redirect to its sign-in page (302) instead of data: it did not accept the personal access token in AZURE_DEVOPS_EXT_PAT.`,
        `  organization "${o}": ${h} redirected to its sign-in page (302) to list projects: it did not accept the personal access token in AZURE_DEVOPS_EXT_PAT`,
        patAdvice(o),
      ],
    },
  ],
  [
    'a refused pipeline token (SYSTEM_ACCESSTOKEN, 401)',
    {
      org: { pat: PAT },
      env: JOB_ENV,
      requests: 1,
      stderr: (o, h) => [
        `sc-expiry: nothing was scanned: Azure DevOps (${h}) refused the pipeline token in SYSTEM_ACCESSTOKEN (401): ${TF400813}`,
        `  organization "${o}": ${h} refused the pipeline token in SYSTEM_ACCESSTOKEN (401) to list projects: ${TF400813}`,
        `  What to do: Give the step the job's token (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)) in a job of organization "${o}", or set AZURE_DEVOPS_EXT_PAT to a personal access token of organization "${o}" with the scopes ${SCOPES}.`,
      ],
    },
  ],
  [
    'an organization that does not exist (404)',
    {
      org: { pat: PAT },
      url: (f) => f.orgUrl.replace(/\/org$/, '/contoso-typo'),
      requests: 1,
      stderr: (o, h) => [
        `sc-expiry: nothing was scanned: there is no organization at ${o} (${h} answered 404).`,
        `  organization "${o}": cannot list projects: not found (404)`,
        "  What to do: Check --org: it is the organization's URL, https://dev.azure.com/ORGANIZATION (or https://ORGANIZATION.visualstudio.com), without a project; name projects with --project.",
      ],
    },
  ],
  [
    'an organization that does not exist, with --project (404 without a project typeKey)',
    {
      org: { pat: PAT },
      url: (f) => f.orgUrl.replace(/\/org$/, '/contoso-typo'),
      args: ['--project', 'Alpha'],
      requests: 1,
      stderr: (o, h) => [
        `sc-expiry: nothing was scanned: there is no organization at ${o} (${h} answered 404).`,
        '  project "Alpha": cannot list the service connections of project "Alpha": not found (404)',
        "  What to do: Check --org: it is the organization's URL, https://dev.azure.com/ORGANIZATION (or https://ORGANIZATION.visualstudio.com), without a project; name projects with --project.",
      ],
    },
  ],
  [
    'projects that do not exist (404 ProjectDoesNotExistWithNameException)',
    {
      org: { pat: PAT },
      args: ['--project', 'Nope', '--project', 'Nix'],
      requests: 2,
      stderr: (o) => [
        `sc-expiry: nothing was scanned: organization ${o} has no project named any of "Nope", "Nix" that the personal access token in AZURE_DEVOPS_EXT_PAT may see (404).`,
        `  project "Nope": cannot list the service connections of project "Nope": not found (404): VS800075: The project with id 'vstfs:///Classification/TeamProject/Nope' does not exist, or you do not have permission to access it.`,
        `  project "Nix": cannot list the service connections of project "Nix": not found (404): VS800075: The project with id 'vstfs:///Classification/TeamProject/Nix' does not exist, or you do not have permission to access it.`,
        `  What to do: Check the names given to --project (as they appear in ${o}/PROJECT), or leave --project out to scan every project.`,
      ],
    },
  ],
  [
    'a project the account may not read (403)',
    {
      org: { pat: PAT, forbidden: ['Beta'] },
      args: ['--project', 'Beta'],
      requests: 1,
      stderr: () => [
        'sc-expiry: nothing was scanned: the personal access token in AZURE_DEVOPS_EXT_PAT may not read the service connections of "Beta" (403): Access denied: you need Reader on service connections.',
        '  project "Beta": no permission (403) to list the service connections of project "Beta": Access denied: you need Reader on service connections.',
        "  What to do: The credential is accepted, but its account may not read them: give it the Reader role on the project's service connections (Project settings → Service connections → Security), or scan only the projects it may read (--project NAME).",
      ],
    },
  ],
];

describe('a scan that could not read says what failed and what to do, and exits 3', () => {
  it.each(CASES)('%s', async (_name, c) => {
    await withSampleOrg({ maxPageSize: 2, ...c.org }, async (f) => {
      const orgUrl = c.url?.(f) ?? f.orgUrl;
      const { code, stdout, stderr, requests } = await scan(
        orgUrl,
        ['--graph-url', f.graphUrl],
        c.env ?? PAT_ENV,
        c.args,
      );
      const host = new URL(orgUrl).host;
      // The table on a terminal prints nothing: no "No service connections found", no "0 connections".
      expect({ code, stdout, requests }).toEqual({ code: 3, stdout: '', requests: c.requests });
      expect(f.org.requests).toBe(c.requests);
      expect(stderr.split('\n')).toEqual([...c.stderr(orgUrl, host), '']);
      for (const secret of [PAT, JOB_ENV.SYSTEM_ACCESSTOKEN]) expect(stderr).not.toContain(secret);
    });
  });
});

describe('every output of a scan that read nothing', () => {
  const refused = { maxPageSize: 2, pat: 'another-pat' };

  it('JSON keeps its contract: no connection, the errors, exit 3', async () => {
    await withSampleOrg(refused, async (f) => {
      const { code, stdout } = await scan(f.orgUrl, ['--graph-url', f.graphUrl, '--format', 'json'], PAT_ENV);
      const report = JSON.parse(stdout) as ScanReport;
      expect(code).toBe(3);
      expect(report.connections).toEqual([]);
      expect(report.errors).toEqual([
        {
          kind: 'organization',
          name: f.orgUrl,
          message: expect.stringMatching(
            /^\S+ refused the personal access token in AZURE_DEVOPS_EXT_PAT \(401\) to list projects/,
          ),
        },
      ]);
    });
  });

  it.each([
    [
      'table',
      (h: string) =>
        `Nothing was scanned: Azure DevOps (${h}) refused the personal access token in AZURE_DEVOPS_EXT_PAT (401): ${TF400813}\n`,
    ],
    [
      'markdown',
      (h: string) =>
        `### ⛔ Nothing was scanned\n\nAzure DevOps \\(${h}\\) refused the personal access token in AZURE\\_DEVOPS\\_EXT\\_PAT \\(401\\): ${TF400813}\n`,
    ],
  ])('--format %s --output FILE: the file says nothing was scanned, with no count', async (format, says) => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-expiry-failures-'));
    try {
      await withSampleOrg(refused, async (f) => {
        const file = join(dir, `report.${format}`);
        const { code, stdout } = await scan(
          f.orgUrl,
          ['--graph-url', f.graphUrl, '--format', format, '--output', file],
          PAT_ENV,
        );
        expect(code).toBe(3);
        expect(stdout).toBe(`Wrote the ${format} report to ${file}: nothing was scanned (see the errors).\n`);
        const text = readFileSync(file, 'utf8');
        expect(text).toContain(says(new URL(f.orgUrl).host));
        expect(text).not.toMatch(/No service connections found|\b0 connections|\| 0 \|/);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in Azure Pipelines (TF_BUILD): one error issue with what failed and what to do, and a summary without counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sc-expiry-failures-'));
    try {
      await withSampleOrg(refused, async (f) => {
        const env = { ...PAT_ENV, TF_BUILD: 'True', AGENT_TEMPDIRECTORY: dir };
        const { code, stdout } = await scan(f.orgUrl, ['--graph-url', f.graphUrl], env);
        expect(code).toBe(3);
        const issues = stdout.split('\n').filter((l) => l.startsWith('##vso[task.logissue'));
        expect(issues).toEqual([
          expect.stringMatching(
            /^##vso\[task\.logissue type=error;\]Scan incomplete: organization ".*": .* refused the personal access token/,
          ),
          expect.stringMatching(
            /^##vso\[task\.logissue type=error;\]Nothing was scanned: Azure DevOps \(.*\) refused the personal access token in AZURE_DEVOPS_EXT_PAT \(401\): .* AZURE_DEVOPS_EXT_PAT holds a token that is wrong, expired or revoked/,
          ),
        ]);
        const summaryPath = /##vso\[task\.uploadsummary\](.*)/.exec(stdout)?.[1] ?? '';
        const summary = readFileSync(summaryPath, 'utf8');
        expect(summary).toContain('### ⛔ Nothing was scanned');
        expect(summary).not.toMatch(/\b0 connections|\| 0 \|/);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a scan that read one project but not another still gives its counts, and says it is incomplete', async () => {
    await withSampleOrg({ maxPageSize: 2, pat: PAT, forbidden: ['Beta'] }, async (f) => {
      const { code, stdout, stderr } = await scan(
        f.orgUrl,
        ['--graph-url', f.graphUrl, '--project', 'Gamma', '--project', 'Beta'],
        PAT_ENV,
      );
      expect(code).toBe(3);
      expect(stdout).toMatch(/\n1 connection: 1 healthy \(warning ≤ 30 days, critical ≤ 7 days\)\n$/);
      expect(stderr).toMatch(
        /^sc-expiry: scan incomplete: 1 part\(s\) could not be read; the report holds the rest\.\n/,
      );
    });
  });
});

describe('sc-expiry fix with refused credentials', () => {
  it('is no empty plan: it says what failed and what to do, exit 3', async () => {
    await withSampleOrg({ maxPageSize: 2, pat: 'another-pat' }, async (f) => {
      const { io, captured } = captureIo(NOW);
      const code = await run(['fix', '--org', f.orgUrl, '--graph-url', f.graphUrl], PAT_ENV, io);
      expect(code).toBe(3);
      expect(captured.stdout).toBe('');
      expect(captured.stderr).toBe(
        `sc-expiry: cannot plan, nothing was read: Azure DevOps (${new URL(f.orgUrl).host}) refused the personal access token in AZURE_DEVOPS_EXT_PAT (401): ${TF400813}\n${patAdvice(f.orgUrl)}\n`,
      );
    });
  });
});
