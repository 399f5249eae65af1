import type { ProjectRef } from '../../core/types';
import {
  DEFAULT_TIMEOUT_MS,
  fetchRetrying,
  HttpError,
  readJson,
  safeHost,
  type FetchedResponse,
  type FetchLike,
} from '../http';
import { oneLine } from '../output';
import { PageGuard } from '../paging';
import { parseServerError } from '../serverError';
import { RETRY_POLICIES, type RetryPolicy } from '../retry';

/**
 * Azure DevOps REST over plain fetch (Node CLI, tests). The hub uses the extension SDK's
 * ServiceEndpointRestClient instead; both hand raw endpoints to the core's parser.
 */

export interface DevOpsClientOptions {
  orgUrl: string;
  /** The whole Authorization header value: `Basic …` for a PAT, `Bearer …` for a pipeline token. */
  authorization: () => Promise<string>;
  fetch?: FetchLike;
  timeoutMs?: number;
  /** 429/503 are tried again under this policy (default RETRY_POLICIES.devops). */
  retry?: RetryPolicy;
  log?: (line: string) => void;
  /** The credential in words, for refusals: "the personal access token in AZURE_DEVOPS_EXT_PAT". */
  credential?: string;
}

/** Every project found, and why the listing stopped early (a server that pages forever), if it did. */
export interface ProjectListing {
  projects: ProjectRef[];
  problem: string | null;
}

const API = 'api-version=7.1';

/** What a failed answer means, naming the credential the client sent (DevOpsClientOptions.credential). */
function describeStatus(status: number, what: string, host: string, said: string | null, credential: string): string {
  const because = said ? `: ${oneLine(said, 200)}` : '';
  if (status === 401) return `${host} refused ${credential} (401) to ${what}${because}`;
  if (status === 403) return `no permission (403) to ${what}${because}`;
  if (status === 404) return `cannot ${what}: not found (404)${because}`;
  // Azure DevOps answers a token it does not accept with its sign-in page (203) or a redirect to it, even to REST
  // calls that send X-TFS-FedAuthRedirect: Suppress (MicrosoftDocs/vsts-rest-api-specs#97, azure-devops-docs#13661).
  if (status === 203) return `${host} answered its sign-in page (203) to ${what}: it did not accept ${credential}`;
  if (status >= 300 && status < 400)
    return `${host} redirected to its sign-in page (${status}) to ${what}: it did not accept ${credential}`;
  return `${host} answered ${status} to ${what}${because}`;
}

export function createDevOpsClient(options: DevOpsClientOptions) {
  const base = options.orgUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS.devops;

  async function get(url: string, what: string): Promise<{ json: unknown; response: FetchedResponse }> {
    const response = await fetchRetrying(
      fetchImpl,
      url,
      {
        headers: {
          Authorization: await options.authorization(),
          Accept: 'application/json',
          'X-TFS-FedAuthRedirect': 'Suppress',
          'X-VSS-ReauthenticationAction': 'Suppress',
        },
        redirect: 'manual',
      },
      { timeoutMs, policy: options.retry ?? RETRY_POLICIES.devops, log: options.log },
    );
    // A sign-in page (203 or a redirect) instead of JSON means the token was not accepted.
    if (!response.ok || response.status === 203) {
      // Azure DevOps's error answers carry {message, typeKey}; the sign-in page is HTML.
      const serverError = response.status === 203 ? null : parseServerError(await response.text());
      const said = typeof serverError?.message === 'string' ? serverError.message : null;
      throw new HttpError(
        describeStatus(response.status, what, safeHost(url), said, options.credential ?? 'the credentials'),
        response.status,
        null,
        serverError,
      );
    }
    return { json: await readJson(response, url), response };
  }

  /**
   * Every project of the organization, following continuation tokens, de-duplicated by id. A server
   * that repeats a token or sends a page with nothing new ends the listing with a named problem.
   */
  async function listProjects(pageSize = 100): Promise<ProjectListing> {
    const projects: ProjectRef[] = [];
    const guard = new PageGuard('projects', safeHost(base));
    let continuation: string | null = null;
    for (;;) {
      const query = `$top=${pageSize}${continuation ? `&continuationToken=${encodeURIComponent(continuation)}` : ''}&${API}`;
      const { json, response } = await get(`${base}/_apis/projects?${query}`, 'list projects');
      const value = (json as { value?: unknown }).value;
      if (!Array.isArray(value))
        throw new HttpError(`${safeHost(base)} sent a project list without "value"`, response.status);
      const page: ProjectRef[] = [];
      for (const p of value) {
        const { id, name } = p as { id?: unknown; name?: unknown };
        if (typeof id === 'string' && typeof name === 'string') page.push({ id, name });
      }
      const fresh = guard.keepNew(page, (p) => p.id);
      projects.push(...fresh);
      continuation = response.headers.get('x-ms-continuationtoken') || null;
      const stop = guard.stopReason(value.length, fresh.length, continuation);
      if (stop) return { projects, problem: stop };
      if (!continuation) return { projects, problem: null };
    }
  }

  /** One request: every service endpoint of a project, with details. Raw, for the core to parse. */
  async function listEndpoints(project: string): Promise<unknown[]> {
    const url = `${base}/${encodeURIComponent(project)}/_apis/serviceendpoint/endpoints?includeDetails=true&${API}`;
    const { json } = await get(url, `list the service connections of project "${project}"`);
    if (Array.isArray(json)) return json;
    const value = (json as { value?: unknown } | null)?.value;
    if (!Array.isArray(value)) throw new HttpError(`${safeHost(url)} sent an endpoint list without "value"`, 200);
    return value;
  }

  /**
   * One page of a connection's execution history (REST reference: Endpoints - Get Service Endpoint
   * Execution Records): `{count, value}` with ISO dates and camelCase results; more pages are announced
   * by the `x-ms-continuationtoken` header.
   */
  async function listExecutionRecords(
    project: string,
    endpointId: string,
    top: number,
    continuationToken: string | null,
  ): Promise<{ records: unknown[]; continuationToken: string | null }> {
    const query = `top=${top}${continuationToken ? `&continuationToken=${encodeURIComponent(continuationToken)}` : ''}`;
    const url = `${base}/${encodeURIComponent(project)}/_apis/serviceendpoint/${encodeURIComponent(endpointId)}/executionhistory?${query}&api-version=7.1-preview.1`;
    const { json, response } = await get(url, `read the usage history of a service connection in "${project}"`);
    const value = Array.isArray(json) ? json : (json as { value?: unknown } | null)?.value;
    if (!Array.isArray(value)) throw new HttpError(`${safeHost(url)} sent a history without "value"`, 200);
    return { records: value, continuationToken: response.headers.get('x-ms-continuationtoken') };
  }

  return { listProjects, listEndpoints, listExecutionRecords };
}

export type DevOpsClient = ReturnType<typeof createDevOpsClient>;
