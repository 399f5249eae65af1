import { AzurePipelinesCredential } from '@azure/identity';
import type { CredentialLike } from '../adapters/auth/scannerAuth';
import { isKnownAuthority } from '../core/clouds';
import { getEndpointAuthorization, getEndpointData, getVariable, type Env } from './agentEnv';

/**
 * The Graph credential of the task: the workload identity federation service connection in input
 * `azureSubscription`, through @azure/identity's AzurePipelinesCredential (Azure/azure-sdk-for-js
 * sdk/identity/identity/src/credentials/azurePipelinesCredential.ts). It POSTs to
 * `SYSTEM_OIDCREQUESTURI?api-version=7.1&serviceConnectionId=<id>` with the job token, then trades the
 * returned `oidcToken` as a client assertion at `<authority>/<tenant>/oauth2/v2.0/token`.
 *
 * Tenant and client ID come from the connection's `tenantid` / `serviceprincipalid` parameters and the
 * authority from its data, as the Azure tasks read them (microsoft/azure-pipelines-tasks-common-packages
 * common-npm-packages/azure-arm-rest/azure-arm-endpoint.ts: 'activeDirectoryAuthority' with MSAL, else
 * 'environmentAuthorityUrl').
 */

export type GraphCredential = { ok: true; credential: CredentialLike; method: string } | { ok: false; message: string };

const WIF = 'WorkloadIdentityFederation';
function authorityHost(env: Env, connectionId: string): string | undefined {
  const raw =
    getEndpointData(env, connectionId, 'activeDirectoryAuthority') ||
    getEndpointData(env, connectionId, 'environmentAuthorityUrl');
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export function graphCredential(env: Env, connectionId: string, systemAccessToken: string): GraphCredential {
  if (!connectionId)
    return {
      ok: false,
      message:
        'Input "azureSubscription" is empty: choose an Azure Resource Manager service connection that uses workload identity federation (or set GRAPH_ACCESS_TOKEN).',
    };
  const auth = getEndpointAuthorization(env, connectionId);
  if (!auth)
    return {
      ok: false,
      message: `Service connection ${connectionId} was not given to the job: check that input "azureSubscription" names an Azure Resource Manager connection this pipeline may use.`,
    };
  if (auth.scheme !== WIF)
    return {
      ok: false,
      message: `Service connection ${connectionId} uses the authentication scheme "${auth.scheme || 'unknown'}": the task signs in to Microsoft Graph only through workload identity federation (nothing to expire). Convert the connection or create one with "Workload identity federation", or set GRAPH_ACCESS_TOKEN.`,
    };
  const tenantId = auth.parameters.tenantid ?? '';
  const clientId = auth.parameters.serviceprincipalid ?? '';
  if (!tenantId || !clientId)
    return { ok: false, message: `Service connection ${connectionId} gives no tenant ID or service principal ID.` };
  if (!getVariable(env, 'System.OidcRequestUri'))
    return {
      ok: false,
      message:
        'System.OidcRequestUri is not set: this agent cannot issue workload identity federation tokens; update the agent (Microsoft-hosted agents have it).',
    };
  const host = authorityHost(env, connectionId);
  try {
    const credential = new AzurePipelinesCredential(tenantId, clientId, connectionId, systemAccessToken, {
      ...(host ? { authorityHost: host, disableInstanceDiscovery: !isKnownAuthority(new URL(host).hostname) } : {}),
      // Connections whose app lives in another tenant: ask there with the same federated identity.
      additionallyAllowedTenants: ['*'],
    });
    return {
      ok: true,
      credential,
      method: `workload identity federation through service connection ${connectionId} (tenant ${tenantId}, client ${clientId})`,
    };
  } catch (e) {
    return { ok: false, message: `Cannot use service connection ${connectionId}: ${(e as Error).message}` };
  }
}
