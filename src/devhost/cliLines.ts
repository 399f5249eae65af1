import { FAKE_ADO_TOKEN } from './fakeDevOps';

/**
 * The lines that run the scanner and `sc-expiry fix` against the local host's fake organization: printed by
 * `npm start` and shown on the host page. Nothing here is a secret: the PAT is the fake Azure DevOps's fixed
 * demo value, and the Graph token is an unsigned demo JWT (as `az account get-access-token --resource-type
 * ms-graph` shapes one: Graph audience, the demo's home tenant) that only the fake Graph accepts.
 */

export interface CliTarget {
  /** Fake Azure DevOps REST root for the organization, with a trailing slash. */
  devopsRoot: string;
  /** Fake Graph origin (also the fake Entra token endpoint). */
  graphUrl: string;
  /** The tenant of most demo connections: the token is for it, as a real one would be. */
  tenantId: string;
}

/** 1 January 2100: a fixed expiry, so the token (and the lines) stay the same from one start to the next. */
const EXPIRES = Date.UTC(2100, 0, 1) / 1000;

const base64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An unsigned token shaped like Entra's for Microsoft Graph; only the fake Graph takes it. */
export function demoGraphToken(tenantId: string): string {
  const claims = {
    aud: 'https://graph.microsoft.com',
    iss: `https://sts.windows.net/${tenantId}/`,
    tid: tenantId,
    scp: 'Application.Read.All Application.ReadWrite.OwnedBy',
    name: 'Local host demo token',
    exp: EXPIRES,
  };
  return `${base64url({ typ: 'JWT', alg: 'none' })}.${base64url(claims)}.local-host-demo-unsigned`;
}

export function cliLines(t: CliTarget): string[] {
  const org = t.devopsRoot.replace(/\/+$/, '');
  const graph = `--graph-url ${t.graphUrl}`;
  return [
    '# bash. Fixed demo values of the fakes, not secrets: the fake Azure DevOps PAT and an unsigned Graph token',
    `# for tenant ${t.tenantId} (a connection in another tenant stays unknown, as with a real token).`,
    `export AZURE_DEVOPS_EXT_PAT=${FAKE_ADO_TOKEN}`,
    `export GRAPH_ACCESS_TOKEN=${demoGraphToken(t.tenantId)}`,
    `node lib/cli/main.js scan --org ${org} ${graph}`,
    `node lib/cli/main.js fix --org ${org} ${graph} --login-url ${t.graphUrl}`,
  ];
}
