import { getClient } from 'azure-devops-extension-api';
import { ServiceEndpointRestClient } from 'azure-devops-extension-api/ServiceEndpoint';
import type { HealthCheck } from '../../core/types';

/** One request for every endpoint of the project, with details; raw, for the core's parser. */
export async function listProjectEndpoints(project: string): Promise<unknown[]> {
  const client = getClient(ServiceEndpointRestClient);
  const endpoints = await client.getServiceEndpoints(project, undefined, undefined, undefined, undefined, true, true);
  return Array.isArray(endpoints) ? endpoints : [];
}

/** Azure DevOps's own connection test (what Verify runs): proves it works now, says nothing of the future. */
export async function checkEndpoint(project: string, endpointId: string): Promise<HealthCheck> {
  const client = getClient(ServiceEndpointRestClient);
  const result = await client.executeServiceEndpointRequest(
    {
      dataSourceDetails: { dataSourceName: 'TestConnection' } as never,
      resultTransformationDetails: {} as never,
      serviceEndpointDetails: null as never,
    },
    project,
    endpointId,
  );
  const ok = (result.statusCode ?? '').toString().toLowerCase() === 'ok';
  return { ok, message: ok ? '' : result.errorMessage || `check answered ${String(result.statusCode)}` };
}
