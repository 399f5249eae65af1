import { sharedClient } from './restClients';
import { ServiceEndpointRestClient } from 'azure-devops-extension-api/ServiceEndpoint';
import type { FetchHistoryPage } from '../usage/readUsage';

/**
 * One page of a connection's execution history through the extension client, which asks for
 * `enumsAsNumbers` and `msDateFormat`: results arrive as numbers and times as `Date`s (its reviver),
 * and the client copies the `x-ms-continuationtoken` header onto the list as a string, while its
 * parameter is typed as a number.
 */
export function extensionHistoryPage(project: string): FetchHistoryPage {
  return async (endpointId, top, continuationToken) => {
    const client = sharedClient(ServiceEndpointRestClient);
    const token = continuationToken === null ? undefined : Number(continuationToken);
    const list = await client.getServiceEndpointExecutionRecords(
      project,
      endpointId,
      top,
      // A token that is not a number goes through as-is: the query string carries text either way.
      token === undefined || Number.isNaN(token) ? (continuationToken as unknown as number | undefined) : token,
    );
    const records: unknown[] = Array.isArray(list) ? list : ((list as { value?: unknown[] })?.value ?? []);
    return { records, continuationToken: (list as { continuationToken?: string | null })?.continuationToken ?? null };
  };
}
