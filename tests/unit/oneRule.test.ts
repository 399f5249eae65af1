/**
 * @jest-environment jsdom
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { createPastedTokenSource } from '../../src/adapters/auth/pastedGraphToken';
import { OtherCloudError, publicCloudOnly, type GraphTokenSource } from '../../src/adapters/auth/naaGraphTokens';
import { graphAuth, fixedGraphTokenProblem } from '../../src/adapters/auth/scannerAuth';
import { Secrets } from '../../src/adapters/output';
import { cloudOfEnvironment, cloudOfGraph, cloudOfIssuer, isKnownAuthority } from '../../src/core/clouds';
import { DAY_MS } from '../../src/core/days';
import { graphHostOf, jwtClaims } from '../../src/core/jwt';
import { entraCredentialsLink, entraIssuer, graphRoot } from '../../src/core/links';
import { readingAge } from '../../src/core/staleness';
import { NEEDS_ACTION, needsAction, STATUS_ORDER } from '../../src/core/status';
import { widgetSummary } from '../../src/core/surfaces';
import type { Status } from '../../src/core/types';
import { NOW, OTHER_TENANT, TENANT } from '../support/payloads';
import { fakeJwt, graphToken } from '../support/tokens';

/** Issue 17 item 3: each rule has one home in src/core; these tables pin each one down. */

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|js)$/.test(name) ? [path] : [];
  });
}

describe('the clouds table (learn.microsoft.com/graph/deployments)', () => {
  it.each([
    // environment, Graph root, login host, portal host
    ['AzureCloud', 'https://graph.microsoft.com', 'login.microsoftonline.com', 'portal.azure.com'],
    ['azurecloud', 'https://graph.microsoft.com', 'login.microsoftonline.com', 'portal.azure.com'],
    ['AzureUSGovernment', 'https://graph.microsoft.us', 'login.microsoftonline.us', 'portal.azure.us'],
    ['AzureChinaCloud', 'https://microsoftgraph.chinacloudapi.cn', 'login.chinacloudapi.cn', 'portal.azure.cn'],
    // Azure Stack and unknown environments sign in against the public cloud's Entra ID.
    ['AzureStack', 'https://graph.microsoft.com', 'login.microsoftonline.com', 'portal.azure.com'],
    ['', 'https://graph.microsoft.com', 'login.microsoftonline.com', 'portal.azure.com'],
  ])('%s → %s, %s, %s (links, issuer and Graph root agree)', (environment, graph, login, portal) => {
    const cloud = cloudOfEnvironment(environment);
    expect([cloud.graph, cloud.login, cloud.portal]).toEqual([graph, login, portal]);
    expect(graphRoot(environment)).toBe(graph);
    expect(entraCredentialsLink(environment, 'app')).toMatch(new RegExp(`^https://${portal.replace(/\./g, '\\.')}/`));
    expect(entraIssuer(environment, TENANT)).toBe(`https://${login}/${TENANT}/v2.0`);
  });

  it.each([
    // Graph root → cloud name, token host, login host used for the authority
    ['https://graph.microsoft.com', 'Azure public cloud', 'graph.microsoft.com', 'login.microsoftonline.com'],
    ['https://graph.microsoft.us/', 'Azure US Government', 'graph.microsoft.us', 'login.microsoftonline.us'],
    [
      'https://dod-graph.microsoft.us',
      'Azure US Government (DoD)',
      'dod-graph.microsoft.us',
      'login.microsoftonline.us',
    ],
    [
      'https://microsoftgraph.chinacloudapi.cn',
      'Azure China',
      'microsoftgraph.chinacloudapi.cn',
      'login.chinacloudapi.cn',
    ],
    ['https://graph.microsoft.com.evil.example', null, null, null],
    ['http://127.0.0.1:4000', null, null, null],
  ])('Graph root %s: %s', (root, name, host, login) => {
    const cloud = cloudOfGraph(root);
    expect(cloud?.name ?? null).toBe(name);
    expect(cloud?.login ?? null).toBe(login);
    // The audience of a v1.0 token for that root names the same Graph host.
    expect(graphHostOf(jwtClaims(fakeJwt({ aud: root })))).toBe(host);
  });

  it.each([
    ['login.microsoftonline.com', 'Azure public cloud', true],
    ['sts.windows.net', 'Azure public cloud', true],
    ['login.microsoftonline.us', 'Azure US Government', true],
    ['login.chinacloudapi.cn', 'Azure China', true],
    ['sts.chinacloudapi.cn', 'Azure China', false], // seen as an issuer, not an MSAL authority
    ['login.example.com', null, false],
  ])('issuer or authority %s: %s, MSAL knows it: %s', (host, name, known) => {
    expect(cloudOfIssuer(host)?.name ?? null).toBe(name);
    expect(isKnownAuthority(host)).toBe(known);
  });

  it('the sign-in through Azure DevOps names each other cloud, the DoD Graph included', async () => {
    const inner: GraphTokenSource = { getToken: async () => 't', signIn: async () => {}, homeTenantId: () => null };
    const source = publicCloudOnly(inner);
    await expect(source.getToken(TENANT, 'https://graph.microsoft.com')).resolves.toBe('t');
    for (const [root, name] of [
      ['https://graph.microsoft.us', 'Azure US Government'],
      ['https://dod-graph.microsoft.us', 'Azure US Government (DoD)'],
      ['https://microsoftgraph.chinacloudapi.cn', 'Azure China'],
    ]) {
      const refusal = source.getToken(TENANT, root);
      await expect(refusal).rejects.toBeInstanceOf(OtherCloudError);
      await expect(refusal).rejects.toThrow(`not ${name}:`);
    }
  });

  it('no other file writes a Graph, login or portal host table', () => {
    const copies = sources(join(ROOT, 'src'))
      .filter(
        (f) =>
          !f.endsWith(join('core', 'clouds.ts')) &&
          !f.includes(join('src', 'devhost')) &&
          !f.includes(join('src', 'bench')),
      )
      .filter((f) =>
        /['"`]https:\/\/(dod-)?graph\.microsoft\.us|portal\.azure\.(us|cn)['"`]|login\.chinacloudapi\.cn['"`]/.test(
          readFileSync(f, 'utf8'),
        ),
      );
    expect(copies).toEqual([]);
  });
});

describe('the fixed Graph token: one rule for the pasted token and GRAPH_ACCESS_TOKEN (core/jwt.ts)', () => {
  const hour = Math.floor(NOW / 1000) + 3600;
  const never = async () => {
    throw new Error('no credential in this test');
  };
  it.each([
    // token, connection tenant, connection Graph, allowed, why not
    ['public token, own tenant', graphToken(), TENANT, 'https://graph.microsoft.com', null],
    ['public token, connection without tenant', graphToken(), 'organizations', 'https://graph.microsoft.com', null],
    [
      'public token, another tenant',
      graphToken(),
      OTHER_TENANT,
      'https://graph.microsoft.com',
      `the token is for tenant ${TENANT}, not ${OTHER_TENANT}`,
    ],
    [
      'public token, US Government connection',
      graphToken(),
      TENANT,
      'https://graph.microsoft.us',
      'the token is for graph.microsoft.com, not graph.microsoft.us',
    ],
    [
      'expired since it was given',
      fakeJwt({ aud: 'https://graph.microsoft.com', tid: TENANT, exp: Math.floor(NOW / 1000) + 60 }),
      TENANT,
      'https://graph.microsoft.com',
      'expired',
    ],
  ])('%s', async (_name, token, tenantId, root, problem) => {
    // Both are given the token at NOW; the connection is read at NOW + 2 minutes.
    let now = NOW;
    const pasted = createPastedTokenSource(token, () => now);
    const cli = graphAuth({ GRAPH_ACCESS_TOKEN: token }, new Secrets(), never, null, () => now);
    expect(fixedGraphTokenProblem({ GRAPH_ACCESS_TOKEN: token }, NOW)).toBeNull();
    now = NOW + 120_000;
    if (problem === null) {
      await expect(pasted.getToken(tenantId, root)).resolves.toBe(token);
      await expect(cli.getToken(tenantId, root)).resolves.toBe(token);
    } else {
      await expect(pasted.getToken(tenantId, root)).rejects.toThrow(problem.replace(/^the token/, ''));
      await expect(cli.getToken(tenantId, root)).rejects.toThrow(`${problem}`);
      await expect(cli.getToken(tenantId, root)).rejects.toThrow('(GRAPH_ACCESS_TOKEN)');
    }
  });

  it.each([
    ['an expired token', fakeJwt({ aud: 'https://graph.microsoft.com', exp: Math.floor(NOW / 1000) - 60 }), /expired/],
    ['no expiry', fakeJwt({ aud: 'https://graph.microsoft.com' }), /no expiry/],
    [
      'an Azure DevOps token',
      fakeJwt({ aud: '499b84ac-1321-427f-aa17-267ca6975798', exp: hour }),
      /not Microsoft Graph/,
    ],
    ['not a JWT', 'abc', /not an access token/],
  ])('GRAPH_ACCESS_TOKEN refused before the scan: %s', (_name, token, problem) => {
    expect(fixedGraphTokenProblem({ GRAPH_ACCESS_TOKEN: token }, NOW)).toMatch(problem);
    expect(fixedGraphTokenProblem({ GRAPH_ACCESS_TOKEN: token }, NOW)).not.toContain(token);
  });
});

describe('snapshot staleness: elapsed time (core/staleness.ts)', () => {
  const at = (ms: number) => new Date(NOW - ms).toISOString();
  it.each([
    ['just taken', at(0), 0, false],
    ['23 hours ago', at(23 * 3_600_000), 0, false],
    ['exactly 7 days ago', at(7 * DAY_MS), 7, false],
    ['7 days and a minute ago', at(7 * DAY_MS + 60_000), 7, true],
    ['7 days 23 hours ago (calendar days would still say 7)', at(7 * DAY_MS + 23 * 3_600_000), 7, true],
    ['30 days ago', at(30 * DAY_MS), 30, true],
    ['a minute in the future (clock skew)', at(-60_000), 0, false],
    ['a day in the future', at(-DAY_MS), 0, true],
    ['unreadable', 'yesterday', null, true],
    ['absent', null, null, true],
  ])('%s: %s → %s days, stale %s', (_name, takenAt, days, stale) => {
    expect(readingAge(takenAt, NOW)).toEqual({ days, stale });
  });
});

describe('"needs action": one list (core/status.ts)', () => {
  it.each(STATUS_ORDER.map((s) => [s, ['expired', 'critical', 'warning'].includes(s)] as [Status, boolean]))(
    '%s needs action: %s',
    (status, expected) => {
      expect(needsAction(status)).toBe(expected);
      expect(NEEDS_ACTION.includes(status)).toBe(expected);
    },
  );

  it('no other file keeps its own list', () => {
    const copies = sources(join(ROOT, 'src')).filter((f) =>
      /\[\s*'expired',\s*'critical',\s*'warning'\s*\]/.test(readFileSync(f, 'utf8')),
    );
    expect(copies.map((f) => f.slice(ROOT.length + 1))).toEqual([join('src', 'core', 'status.ts')]);
    // The widget's "soonest" uses it: a healthy connection is never the one to act on.
    expect(
      widgetSummary({ id: 'p', version: 1, apps: {} }, NOW, { warningDays: 30, criticalDays: 7 }).soonest,
    ).toBeNull();
  });
});

describe('DAY_MS: one definition (core/days.ts)', () => {
  it.each([
    [1, 86_400_000],
    [7, 604_800_000],
    [90, 7_776_000_000],
  ])('%s days are %s ms', (days, ms) => {
    expect(days * DAY_MS).toBe(ms);
  });

  it('no other file of the product defines a day', () => {
    const copies = sources(join(ROOT, 'src'))
      .filter((f) => !f.includes(join('src', 'devhost')) && !f.includes(join('src', 'bench')))
      .filter((f) => /86_?400_?000|24 \* 3_?600_?000|24 \* 60 \* 60 \* 1000/.test(readFileSync(f, 'utf8')));
    expect(copies.map((f) => f.slice(ROOT.length + 1))).toEqual([join('src', 'core', 'days.ts')]);
  });
});
