import { parseArgs } from '../../src/cli/args';
import { graphAuth } from '../../src/adapters/auth/scannerAuth';
import { Secrets } from '../../src/adapters/output';
import { run } from '../../src/cli/run';
import { createPastedTokenSource } from '../../src/adapters/auth/pastedGraphToken';
import { graphHostOf, jwtClaims } from '../../src/core/jwt';
import { captureIo, startFakes } from '../support/fakeOrg';
import { application, armEndpoint, iso, NOW, TENANT } from '../support/payloads';
import { fakeJwt, graphToken } from '../support/tokens';

const never = async () => {
  throw new Error('no credential in this test');
};

describe('a Graph token goes only where its audience is', () => {
  it.each([
    // v1.0 tokens (az account get-access-token --resource-type ms-graph) carry the resource URI.
    [{ aud: 'https://graph.microsoft.com' }, 'graph.microsoft.com'],
    [{ aud: 'https://graph.microsoft.com/' }, 'graph.microsoft.com'],
    [{ aud: 'https://graph.microsoft.us' }, 'graph.microsoft.us'],
    [{ aud: 'https://dod-graph.microsoft.us' }, 'dod-graph.microsoft.us'],
    [{ aud: 'https://microsoftgraph.chinacloudapi.cn/' }, 'microsoftgraph.chinacloudapi.cn'],
    // v2.0 tokens carry Graph's app id; the issuer says the cloud.
    [{ aud: '00000003-0000-0000-c000-000000000000', iss: `https://sts.windows.net/${TENANT}/` }, 'graph.microsoft.com'],
    [
      { aud: '00000003-0000-0000-c000-000000000000', iss: `https://login.microsoftonline.us/${TENANT}/v2.0` },
      'graph.microsoft.us',
    ],
    [
      { aud: '00000003-0000-0000-c000-000000000000', iss: `https://login.chinacloudapi.cn/${TENANT}/v2.0` },
      'microsoftgraph.chinacloudapi.cn',
    ],
    [{ aud: '499b84ac-1321-427f-aa17-267ca6975798' }, null], // Azure DevOps
    [{ aud: 'https://management.azure.com/' }, null],
    [{ aud: 'https://graph.microsoft.com.evil.example' }, null],
    [{}, null],
  ])('graphHostOf(%j) is %s', (claims, host) => {
    expect(graphHostOf(jwtClaims(fakeJwt(claims)))).toBe(host);
  });

  it.each([
    ['public token, public connection', graphToken(), 'https://graph.microsoft.com', null, null],
    [
      'public token, US Government connection',
      graphToken(),
      'https://graph.microsoft.us',
      null,
      /^the token is for graph\.microsoft\.com, not graph\.microsoft\.us \(GRAPH_ACCESS_TOKEN\)$/,
    ],
    [
      'US Government token, public connection',
      graphToken('https://graph.microsoft.us'),
      'https://graph.microsoft.com',
      null,
      /the token is for graph\.microsoft\.us, not graph\.microsoft\.com/,
    ],
    [
      'China token, --graph-url of the China Graph',
      graphToken('https://microsoftgraph.chinacloudapi.cn'),
      'https://graph.microsoft.com',
      'https://microsoftgraph.chinacloudapi.cn',
      null,
    ],
    [
      'public token, --graph-url of a local proxy: the connection cloud decides',
      graphToken(),
      'https://microsoftgraph.chinacloudapi.cn',
      'http://127.0.0.1:9999',
      /the token is for graph\.microsoft\.com, not microsoftgraph\.chinacloudapi\.cn/,
    ],
  ])('GRAPH_ACCESS_TOKEN: %s', async (_name, token, cloudRoot, graphUrl, refused) => {
    const auth = graphAuth({ GRAPH_ACCESS_TOKEN: token }, new Secrets(), never, graphUrl);
    if (refused) await expect(auth.getToken(TENANT, cloudRoot)).rejects.toThrow(refused);
    else await expect(auth.getToken(TENANT, cloudRoot)).resolves.toBe(token);
  });

  it('a pasted token serves its own cloud only', async () => {
    const source = createPastedTokenSource(graphToken(), () => NOW);
    await expect(source.getToken(TENANT, 'https://graph.microsoft.com')).resolves.toBe(graphToken());
    await expect(source.getToken(TENANT, 'https://graph.microsoft.us')).rejects.toThrow(
      /the token is for graph\.microsoft\.com, not graph\.microsoft\.us/,
    );
  });

  it('the scanner sends a public token to no other cloud: that connection is unknown, the others are read', async () => {
    const GOV_APP = '0a0000b2-0000-4000-8000-000000000002';
    const PUBLIC_APP = '0a0000b1-0000-4000-8000-000000000001';
    const project = { id: '9a0b0c0d-0000-4000-8000-0000000000bb', name: 'Web' };
    const endpoints = [
      armEndpoint({
        id: 'e00000b1-0000-4000-8000-000000000001',
        name: 'arm-public',
        appId: PUBLIC_APP,
        projects: [project],
      }),
      armEndpoint({
        id: 'e00000b2-0000-4000-8000-000000000002',
        name: 'arm-gov',
        appId: GOV_APP,
        environment: 'AzureUSGovernment',
        projects: [project],
      }),
    ];
    const app = (appId: string) => application([{ start: iso(-30), end: iso(60) }], [], appId);
    const fakes = await startFakes({ projects: [{ ...project, endpoints }] }, [app(PUBLIC_APP), app(GOV_APP)]);
    try {
      const { io, captured } = captureIo(NOW);
      const env = { AZURE_DEVOPS_EXT_PAT: 'audience-test-pat-1234', GRAPH_ACCESS_TOKEN: graphToken() };
      const code = await run(
        ['scan', '--org', fakes.orgUrl, '--graph-url', fakes.graphUrl, '--format', 'json'],
        env,
        io,
      );
      const report = JSON.parse(captured.stdout) as {
        connections: { name: string; status: string; findings: { message: string }[] }[];
      };
      const byName = Object.fromEntries(report.connections.map((c) => [c.name, c]));
      expect(byName['arm-public'].status).toBe('healthy');
      expect(byName['arm-gov'].status).toBe('unknown');
      expect(JSON.stringify(byName['arm-gov'])).toContain('the token is for graph.microsoft.com');
      expect(code).toBe(3);
      // Graph received the token for one app only: the public one.
      expect(fakes.graph.paths.some((p) => p.includes(GOV_APP))).toBe(false);
      expect(fakes.graph.paths.some((p) => p.includes(PUBLIC_APP))).toBe(true);
    } finally {
      await fakes.close();
    }
  });

  it.each([
    ['not a JWT', 'opaque-token-1234567890', /GRAPH_ACCESS_TOKEN is not an access token/],
    [
      'an Azure DevOps token',
      fakeJwt({ aud: '499b84ac-1321-427f-aa17-267ca6975798', exp: NOW / 1000 + 3600 }),
      /GRAPH_ACCESS_TOKEN is for 499b84ac-1321-427f-aa17-267ca6975798, not Microsoft Graph/,
    ],
  ])('refuses GRAPH_ACCESS_TOKEN that is %s before any request (exit 2)', async (_n, token, message) => {
    const { io, captured } = captureIo(NOW);
    const code = await run(
      ['scan', '--org', 'http://127.0.0.1:9/org'],
      { AZURE_DEVOPS_EXT_PAT: 'audience-test-pat-1234', GRAPH_ACCESS_TOKEN: token },
      io,
    );
    expect(code).toBe(2);
    expect(captured.stderr).toMatch(message);
    expect(captured.stderr).not.toContain(token);
  });
});

describe('http:// only to this machine', () => {
  it.each([
    ['--org', 'http://dev.azure.com/contoso', false],
    ['--org', 'http://10.0.0.5:8080/tfs/DefaultCollection', false],
    ['--org', 'http://localhost:8080/org', true],
    ['--org', 'http://127.0.0.1:8080/org', true],
    ['--org', 'http://[::1]:8080/org', true],
    ['--org', 'https://dev.azure.com/contoso', true],
    ['--graph-url', 'http://graph.microsoft.com', false],
    ['--graph-url', 'http://127.0.0.2:9000', true],
    ['--graph-url', 'http://localhost.evil.example', false],
  ])('%s %s accepted: %s', (flag, url, accepted) => {
    const argv = flag === '--org' ? ['scan', flag, url] : ['scan', '--org', 'https://dev.azure.com/contoso', flag, url];
    const parsed = parseArgs(argv);
    if (accepted) expect(parsed.kind).toBe('scan');
    else
      expect(parsed).toEqual({
        kind: 'error',
        message: expect.stringMatching(
          new RegExp(`^${flag} must use https:// \\(http:// is accepted only for localhost`),
        ),
      });
  });

  it('exits 2 on http:// to another host', async () => {
    const { io, captured } = captureIo(NOW);
    const code = await run(
      ['scan', '--org', 'http://dev.azure.com/contoso'],
      { AZURE_DEVOPS_EXT_PAT: 'p-1234567890' },
      io,
    );
    expect(code).toBe(2);
    expect(captured.stderr).toMatch(/--org must use https:\/\//);
  });
});
