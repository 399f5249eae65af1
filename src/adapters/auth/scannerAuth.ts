import { cloudOfGraph } from '../../core/clouds';
import { checkPastedGraphToken, fixedTokenRefusal, graphHostOf, jwtClaims } from '../../core/jwt';
import { oneLine, Secrets } from '../output';

/**
 * Credentials for the scan. Azure DevOps: a PAT (Basic), else the pipeline's SYSTEM_ACCESSTOKEN
 * (Bearer), else @azure/identity. Graph: GRAPH_ACCESS_TOKEN, else @azure/identity, one token per
 * tenant. @azure/identity is loaded only when needed, so PAT users and tests never load it.
 */

export const DEVOPS_SCOPE = '499b84ac-1321-427f-aa17-267ca6975798/.default';
const REFRESH_MARGIN_MS = 5 * 60_000;

export class AuthError extends Error {}

export interface TokenLike {
  token: string;
  expiresOnTimestamp: number;
}
export interface CredentialLike {
  getToken(scopes: string | string[], options?: { tenantId?: string }): Promise<TokenLike | null>;
}

type Env = Record<string, string | undefined>;

/** One DefaultAzureCredential for the whole run, created on first use. */
export function lazyCredential(): () => Promise<CredentialLike> {
  let credential: Promise<CredentialLike> | null = null;
  return () => {
    credential ??= import('@azure/identity').then(
      (identity) => new identity.DefaultAzureCredential({ additionallyAllowedTenants: ['*'] }) as CredentialLike,
    );
    return credential;
  };
}

/**
 * One line on why no token came. DefaultAzureCredential fails with an aggregate of every credential
 * it tried: name the one that really failed, else the Azure CLI's (the documented way), else the first.
 */
function describe(e: unknown): string {
  const inner = (e as { errors?: unknown }).errors;
  const list = Array.isArray(inner) ? (inner as Error[]) : [];
  const pick =
    list.find((x) => x?.name && x.name !== 'CredentialUnavailableError') ??
    list.find((x) => /azure cli/i.test(String(x?.message))) ??
    list[0];
  const source = pick ?? e;
  const message = source instanceof Error ? source.message : String(source);
  return oneLine(message.split(/\r?\n/)[0] || 'no token', 240);
}

/** A caching token source over a credential; refreshes a few minutes before expiry. */
function cachedToken(
  getCredential: () => Promise<CredentialLike>,
  scope: string,
  tenantId: string | undefined,
  secrets: Secrets,
) {
  let current: Promise<TokenLike> | null = null;
  return async (): Promise<string> => {
    const token = current ? await current.catch(() => null) : null;
    if (!token || token.expiresOnTimestamp - REFRESH_MARGIN_MS < Date.now()) {
      current = getCredential()
        .then((c) => c.getToken(scope, tenantId ? { tenantId } : undefined))
        .then((t) => {
          if (!t?.token) throw new Error('the credential returned no token');
          secrets.add(t.token);
          return t;
        });
    }
    return (await (current as Promise<TokenLike>)).token;
  };
}

export interface DevOpsAuth {
  /** How we authenticate, for --verbose (never the value). */
  method: string;
  /** The credential in words, for a refusal: "the personal access token in AZURE_DEVOPS_EXT_PAT". */
  credential: string;
  /** Where it came from, for the advice a refusal gets: AZURE_DEVOPS_EXT_PAT, SYSTEM_ACCESSTOKEN or an Azure sign-in. */
  source: 'pat' | 'pipeline-token' | 'entra';
  /** The whole Authorization header value. Throws AuthError when no token can be had. */
  header: () => Promise<string>;
}

export function devopsAuth(env: Env, secrets: Secrets, credential: () => Promise<CredentialLike>): DevOpsAuth {
  const pat = env.AZURE_DEVOPS_EXT_PAT?.trim();
  if (pat) {
    const header = `Basic ${Buffer.from(`:${pat}`).toString('base64')}`;
    secrets.add(pat);
    secrets.add(header.slice(6));
    return {
      method: 'personal access token from AZURE_DEVOPS_EXT_PAT (Basic)',
      credential: 'the personal access token in AZURE_DEVOPS_EXT_PAT',
      source: 'pat',
      header: async () => header,
    };
  }
  const systemToken = env.SYSTEM_ACCESSTOKEN?.trim();
  if (systemToken) {
    secrets.add(systemToken);
    return {
      method: 'pipeline token from SYSTEM_ACCESSTOKEN (Bearer)',
      credential: 'the pipeline token in SYSTEM_ACCESSTOKEN',
      source: 'pipeline-token',
      header: async () => `Bearer ${systemToken}`,
    };
  }
  const token = cachedToken(credential, DEVOPS_SCOPE, undefined, secrets);
  return {
    method: 'Microsoft Entra token from DefaultAzureCredential (Azure CLI, managed identity, environment…)',
    credential:
      'the Microsoft Entra token of the signed-in account (DefaultAzureCredential: az login, managed identity…)',
    source: 'entra',
    header: async () => {
      try {
        return `Bearer ${await token()}`;
      } catch (e) {
        throw new AuthError(
          `no Azure DevOps credential: set AZURE_DEVOPS_EXT_PAT or SYSTEM_ACCESSTOKEN, or sign in with "az login" (${describe(e)})`,
        );
      }
    },
  };
}

export interface GraphAuth {
  method: string;
  getToken: (tenantId: string, graphRoot: string) => Promise<string>;
}

/** The Graph a token must be for: a --graph-url that is a Microsoft Graph, else the connection's cloud. */
function graphRootFor(graphUrl: string | null, cloudRoot: string): string {
  return graphUrl && cloudOfGraph(graphUrl) ? graphUrl : cloudRoot;
}

/**
 * GRAPH_ACCESS_TOKEN must be an unexpired access token for Microsoft Graph: its audience says which Graph
 * may receive it. Anything else is refused before the scan (exit 2) and never sent.
 */
export function fixedGraphTokenProblem(env: Env, nowMs: number = Date.now()): string | null {
  const fixed = env.GRAPH_ACCESS_TOKEN?.trim();
  if (!fixed) return null;
  const token = fixed.replace(/^Bearer\s+/i, '');
  const claims = jwtClaims(token);
  if (!claims)
    return 'GRAPH_ACCESS_TOKEN is not an access token (a JWT): get one with "az account get-access-token --resource-type ms-graph"';
  if (!graphHostOf(claims)) {
    const aud = typeof claims.aud === 'string' ? oneLine(claims.aud, 100) : 'no audience';
    return `GRAPH_ACCESS_TOKEN is for ${aud}, not Microsoft Graph: get one with "az account get-access-token --resource-type ms-graph"`;
  }
  const check = checkPastedGraphToken(token, nowMs);
  return check.ok ? null : `GRAPH_ACCESS_TOKEN: ${check.error.replace(/^This token/, 'the token')}`;
}

/**
 * `cloudRoot` is the Graph of the connection's cloud. A --graph-url that is itself a Microsoft Graph
 * (e.g. https://graph.microsoft.us) sets the token audience; any other URL (a proxy, a local fake)
 * keeps the cloud's.
 */
export function graphAuth(
  env: Env,
  secrets: Secrets,
  credential: () => Promise<CredentialLike>,
  graphUrl: string | null = null,
  now: () => number = Date.now,
): GraphAuth {
  const fixed = env.GRAPH_ACCESS_TOKEN?.trim().replace(/^Bearer\s+/i, '');
  if (fixed) {
    secrets.add(fixed);
    const host = graphHostOf(jwtClaims(fixed));
    return {
      method: `token from GRAPH_ACCESS_TOKEN (for ${host ?? 'no Microsoft Graph'})`,
      // The fixed-token rules (core/jwt.ts), for each connection: another cloud or tenant is unknown, with why.
      getToken: async (tenantId, cloudRoot) => {
        const refusal = fixedTokenRefusal(fixed, tenantId, graphRootFor(graphUrl, cloudRoot), now());
        if (refusal) throw new AuthError(`${refusal.message} (GRAPH_ACCESS_TOKEN)`);
        return fixed;
      },
    };
  }
  const perTenant = new Map<string, () => Promise<string>>();
  return {
    method: 'DefaultAzureCredential, one token per tenant and cloud',
    getToken: async (tenantId, cloudRoot) => {
      const graphRoot = graphRootFor(graphUrl, cloudRoot);
      const key = `${graphRoot}|${tenantId.toLowerCase()}`;
      // "organizations" stands for a connection that recorded no tenant: use the signed-in one.
      const tenant = /^[0-9a-f-]{36}$/i.test(tenantId) ? tenantId : undefined;
      if (!perTenant.has(key)) perTenant.set(key, cachedToken(credential, `${graphRoot}/.default`, tenant, secrets));
      try {
        return await (perTenant.get(key) as () => Promise<string>)();
      } catch (e) {
        throw new AuthError(`no Graph token for tenant ${tenant ?? '(default)'}: ${describe(e)}`);
      }
    },
  };
}

const SECRET_VARIABLES = ['AZURE_DEVOPS_EXT_PAT', 'SYSTEM_ACCESSTOKEN', 'GRAPH_ACCESS_TOKEN'];

/** The secrets the environment holds: masked in every output from the first byte. */
export function secretsOf(env: Env): Secrets {
  const secrets = new Secrets();
  for (const name of SECRET_VARIABLES) secrets.add(env[name]);
  return secrets;
}

/** Both sign-ins of a scan; `credential`: DefaultAzureCredential, or the pipeline task's WIF connection. */
export function scannerSignIn(
  env: Env,
  secrets: Secrets,
  graphUrl: string | null,
  credential: () => Promise<CredentialLike> = lazyCredential(),
): { devops: DevOpsAuth; graph: GraphAuth } {
  return { devops: devopsAuth(env, secrets, credential), graph: graphAuth(env, secrets, credential, graphUrl) };
}
