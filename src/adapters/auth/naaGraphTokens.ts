import * as SDK from 'azure-devops-extension-sdk';
import { isGuid } from '../../core/raw';
import { cloudNameOfGraph, cloudOfGraph, PUBLIC_CLOUD } from '../../core/clouds';
import { tenantOf } from '../../core/jwt';

/**
 * Graph tokens through the Azure DevOps host's Nested App Authentication: the host frame signs the
 * user in, MSAL in this iframe asks it for tokens. MSAL is loaded only here, lazily, off first paint.
 */

export class SignInRequiredError extends Error {
  constructor(readonly tenantId: string) {
    super('sign-in required');
    this.name = 'SignInRequiredError';
  }
}

export class NaaUnavailableError extends Error {
  constructor(detail: string) {
    super(`this Azure DevOps host does not offer Nested App Authentication yet (${detail})`);
    this.name = 'NaaUnavailableError';
  }
}

export interface GraphTokenSource {
  /** Silent only; throws SignInRequiredError when the user must interact. */
  getToken(tenantId: string, cloudRoot: string): Promise<string>;
  /** Interactive (popup through the host); resolves once a token for the tenant can be had silently. */
  signIn(tenantId: string, cloudRoot: string): Promise<void>;
  /** The signed-in user's home tenant, once known. */
  homeTenantId(): string | null;
}

/** A connection in a cloud the host's sign-in cannot reach (not a sign-in the user could fix). */
export class OtherCloudError extends Error {
  constructor(cloudRoot: string) {
    const cloud = cloudNameOfGraph(cloudRoot);
    super(
      `signing in through Azure DevOps reaches the public cloud only, not ${cloud}: run the scanner in that cloud (sc-expiry scan --graph-url ${cloudRoot}) or paste a Graph token from that cloud (Use a Graph token)`,
    );
    this.name = 'OtherCloudError';
  }
}

/**
 * Nested App Authentication signs in through the Azure DevOps host, which signs in to the public
 * cloud's Entra ID only: a US Government or China connection gets no token request and no sign-in
 * button that cannot work, but the way that does.
 */
export function publicCloudOnly(source: GraphTokenSource): GraphTokenSource {
  const check = (cloudRoot: string) => {
    if (cloudOfGraph(cloudRoot) !== PUBLIC_CLOUD) throw new OtherCloudError(cloudRoot);
  };
  return {
    getToken: async (tenantId, cloudRoot) => (check(cloudRoot), source.getToken(tenantId, cloudRoot)),
    signIn: async (tenantId, cloudRoot) => (check(cloudRoot), source.signIn(tenantId, cloudRoot)),
    homeTenantId: () => source.homeTenantId(),
  };
}

function loginAuthority(cloudRoot: string, tenantId: string): string {
  return `https://${(cloudOfGraph(cloudRoot) ?? PUBLIC_CLOUD).login}/${tenantId}`;
}

export async function createNaaGraphTokens(clientId: string): Promise<GraphTokenSource> {
  try {
    await SDK.enableNestedAppAuth();
  } catch (e) {
    throw new NaaUnavailableError((e as Error)?.message ?? 'no details');
  }
  const msal = await import(/* webpackChunkName: "msal" */ '@azure/msal-browser');
  const pca = await msal.createNestablePublicClientApplication({ auth: { clientId } });
  const request = (tenantId: string, cloudRoot: string) => ({
    scopes: [`${cloudRoot}/Application.Read.All`],
    authority: loginAuthority(cloudRoot, tenantId),
    account: pca.getActiveAccount() ?? pca.getAllAccounts()[0],
  });
  return {
    async getToken(tenantId, cloudRoot) {
      try {
        let result = await pca.acquireTokenSilent(request(tenantId, cloudRoot));
        // In NAA mode MSAL's cache can hand back another tenant's token; ask the host again then.
        if (isGuid(tenantId) && tenantOf(result.accessToken) !== tenantId.toLowerCase()) {
          result = await pca.acquireTokenSilent({ ...request(tenantId, cloudRoot), forceRefresh: true });
        }
        if (result.account) pca.setActiveAccount(result.account);
        return result.accessToken;
      } catch (e) {
        if (e instanceof msal.InteractionRequiredAuthError) throw new SignInRequiredError(tenantId);
        throw new Error(`no Graph token for tenant ${tenantId}: ${(e as Error)?.message ?? 'unknown error'}`);
      }
    },
    async signIn(tenantId, cloudRoot) {
      const result = await pca.acquireTokenPopup(request(tenantId, cloudRoot));
      if (result.account) pca.setActiveAccount(result.account);
    },
    homeTenantId() {
      return pca.getActiveAccount()?.tenantId ?? null;
    },
  };
}
