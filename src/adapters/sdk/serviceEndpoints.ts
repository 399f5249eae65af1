import { sharedClient, warmUp } from './restClients';
import { ServiceEndpointRestClient } from 'azure-devops-extension-api/ServiceEndpoint';
import { readEndpointList } from '../../core/endpoint';
import { readCheckResult } from '../../core/health';
import type { HealthCheck } from '../../core/types';
import { mark } from '../userTiming';

/**
 * One request for every endpoint of the project, with details; raw, for the core's parser.
 * Through ServiceEndpointRestClient (its route, auth and headers), but read as plain JSON: the
 * client's date-reviving deserializer costs ~300 ms on 2,000 endpoints, and the core reads
 * `/Date(ms)/` itself.
 */
/** The same client with one more call: the endpoint list as the raw HTTP response. */
class ServiceEndpointListClient extends ServiceEndpointRestClient {
  listRaw(project: string, endpointIds?: string[]): Promise<Response> {
    return this.beginRequest<Response>({
      apiVersion: '7.2-preview.4',
      routeTemplate: '{project}/_apis/serviceendpoint/endpoints/{endpointId}',
      routeValues: { project },
      // endpointIds as getServiceEndpoints sends them (comma-joined, ServiceEndpointClient.js); absent: all.
      queryParams: { endpointIds: endpointIds?.join(','), includeFailed: true, includeDetails: true },
      returnRawResponse: true,
    });
  }
}

/** The list client's location and a token, asked for before the first list is needed. */
export function warmUpEndpointLists(): void {
  warmUp(ServiceEndpointListClient);
}

/** The project's endpoints, or only those ids (a warning surface confirming the connections it shows). */
export async function listProjectEndpoints(project: string, ids: string[] | null = null): Promise<unknown[]> {
  const response = await sharedClient(ServiceEndpointListClient).listRaw(project, ids ?? undefined);
  mark('sce:list-received');
  const body: unknown = await response.json();
  mark('sce:list-deserialized');
  return readEndpointList(body);
}

/** Azure DevOps's own connection test (what Verify runs): proves it works now, says nothing of the future. */
export async function checkEndpoint(project: string, endpointId: string): Promise<HealthCheck> {
  const client = sharedClient(ServiceEndpointRestClient);
  const result = await client.executeServiceEndpointRequest(
    {
      dataSourceDetails: { dataSourceName: 'TestConnection' } as never,
      resultTransformationDetails: {} as never,
      serviceEndpointDetails: null as never,
    },
    project,
    endpointId,
  );
  // The client asks for enumsAsNumbers=true: a passing check answers statusCode 200, not "ok".
  return readCheckResult(result);
}
