import { readCheckResult } from '../../core/health';
import type { HealthCheck } from '../../core/types';
import { send, type WriteTransport } from './writeRequest';

/**
 * Azure DevOps writes for `sc-expiry fix`, over plain fetch.
 * - Update: `PUT {org}/_apis/serviceendpoint/endpoints/{id}[?operation=ConvertAuthenticationScheme]
 *   &api-version=7.1-preview.4` (REST reference "Endpoints - Update Service Endpoint"; the API version
 *   and operation of geekzter/azure-identity-scripts convert_azurerm_service_connection_to_oidc.ps1).
 *   Scope vso.serviceendpoint_manage, and the Administrator role on the connection.
 * - Read one: `GET {org}/{project}/_apis/serviceendpoint/endpoints/{id}` (REST reference "Endpoints - Get").
 * - Check: `POST {org}/{project}/_apis/serviceendpoint/endpointproxy?endpointId=` with data source
 *   TestConnection (REST reference "Endpointproxy - Execute Service Endpoint Request"): what "Verify"
 *   and "Check now" run; with `serviceEndpointDetails` it checks details not saved yet.
 */

const UPDATE_API = 'api-version=7.1-preview.4';
const PROXY_API = 'api-version=7.1-preview.1';

export const MANAGE_GRANT =
  'grant the token the scope "Service Connections: Read, query & manage" (vso.serviceendpoint_manage) and yourself the Administrator role on the connection (its Security tab)';

function describeDevOps(status: number, code: string | null, said: string | null): string {
  const server = said ? `: ${said}` : '';
  if (status === 401 || status === 403)
    return `Azure DevOps refused (${status}${code ? ` ${code}` : ''}); ${MANAGE_GRANT}`;
  if (status === 203 || (status >= 300 && status < 400))
    return 'Azure DevOps asked for an interactive sign-in: the token is not valid';
  return `Azure DevOps answered ${status}${code ? ` ${code}` : ''}${server}`;
}

export function createEndpointWrites(orgUrl: string, t: WriteTransport) {
  const base = orgUrl.replace(/\/+$/, '');
  const at = (project: string) => `${base}/${encodeURIComponent(project)}/_apis/serviceendpoint`;

  async function read(project: string, id: string): Promise<Record<string, unknown>> {
    const url = `${at(project)}/endpoints/${encodeURIComponent(id)}?api-version=7.1`;
    const { json } = await send(t, 'GET', url, undefined, 'read the connection', describeDevOps);
    if (!json || typeof json !== 'object' || Array.isArray(json))
      throw new Error('read the connection: Azure DevOps sent no connection');
    return json as Record<string, unknown>;
  }

  /** 200 (done) or 202 (accepted: poll until Ready or Failed); the body is the connection as saved. */
  async function update(
    id: string,
    body: unknown,
    operation: 'ConvertAuthenticationScheme' | null,
  ): Promise<{ status: number; endpoint: Record<string, unknown> | null }> {
    const op = operation ? `operation=${operation}&` : '';
    const url = `${base}/_apis/serviceendpoint/endpoints/${encodeURIComponent(id)}?${op}${UPDATE_API}`;
    const what = operation ? 'convert the connection' : 'save the connection';
    const { status, json } = await send(t, 'PUT', url, body, what, describeDevOps);
    const endpoint =
      json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
    return { status, endpoint };
  }

  /** Azure DevOps's own check; `details` checks an unsaved secret (Verify before Save). */
  async function check(project: string, id: string, details?: unknown): Promise<HealthCheck> {
    const url = `${at(project)}/endpointproxy?endpointId=${encodeURIComponent(id)}&${PROXY_API}`;
    const body = {
      dataSourceDetails: { dataSourceName: 'TestConnection', dataSourceUrl: '', headers: [], requestContent: '' },
      resultTransformationDetails: { resultSelector: '', resultTemplate: '', callbackContextTemplate: '' },
      serviceEndpointDetails: details ?? null,
    };
    const { json } = await send(t, 'POST', url, body, 'run the connection check', describeDevOps);
    return readCheckResult(json);
  }

  return { read, update, check };
}

export type EndpointWrites = ReturnType<typeof createEndpointWrites>;
