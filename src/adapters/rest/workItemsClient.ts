import { safeLine } from '../../core/logSafe';
import { parseServerError } from '../serverError';
import { fetchRetrying, fetchWithTimeout, HttpError, readJson, retryAfterMs, safeHost, type FetchLike } from '../http';
import { RETRY_POLICIES } from '../retry';
import type { ExistingItem } from '../../core/workItemDecision';
import { parseStates, type WorkItemState } from '../../core/workItemStates';

/**
 * Azure DevOps work item tracking over plain fetch (REST reference, api-version 7.1):
 * WIQL (`POST {project}/_apis/wit/wiql`), Work Items - List/Create/Update (JSON Patch,
 * `application/json-patch+json`), Comments - Add (`_apis/wit/workItems/{id}/comments`, a preview API:
 * 7.1-preview.4) and Work Item Type States - List. Scopes: vso.work (reads), vso.work_write (writes).
 */

export interface WorkItemsClientOptions {
  orgUrl: string;
  authorization: () => Promise<string>;
  fetch?: FetchLike;
  timeoutMs?: number;
}

export interface PatchOp {
  op: 'add' | 'replace' | 'test';
  path: string;
  value: unknown;
}

/**
 * An Azure DevOps refusal: its status, typeKey and the field it names (`customProperties.ReferenceName`,
 * as WorkItemFieldInvalidException carries it), decided on; the message (TF237111 …) only shown, one safe line.
 */
export class WorkItemError extends HttpError {
  constructor(
    message: string,
    status: number | null,
    readonly typeKey: string | null,
    readonly field: string | null,
  ) {
    super(message, status);
    this.name = 'WorkItemError';
  }
}

/** Azure DevOps does not know the identity written to Assigned To. */
export function isUnknownAssignee(e: unknown): boolean {
  return (
    e instanceof WorkItemError &&
    e.status === 400 &&
    e.typeKey === 'WorkItemFieldInvalidException' &&
    e.field === 'System.AssignedTo'
  );
}

const API = 'api-version=7.1';
const COMMENTS_API = 'api-version=7.1-preview.4';
const FIELDS = ['System.Id', 'System.State', 'System.WorkItemType', 'System.Tags', 'System.Description'];

export function createWorkItemsClient(options: WorkItemsClientOptions) {
  const base = options.orgUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const at = (project: string, path: string) => `${base}/${encodeURIComponent(project)}/_apis/wit/${path}`;

  async function send(method: string, url: string, what: string, body?: unknown, contentType?: string) {
    const init: RequestInit = {
      method,
      headers: {
        Authorization: await options.authorization(),
        Accept: 'application/json',
        'X-TFS-FedAuthRedirect': 'Suppress',
        'X-VSS-ReauthenticationAction': 'Suppress',
        ...(body === undefined ? {} : { 'Content-Type': contentType ?? 'application/json' }),
      },
      redirect: 'manual',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    };
    // Reads retry 429/503 under the Azure DevOps policy; a write only on 429 (not processed), never on 503.
    const response =
      method === 'GET'
        ? await fetchRetrying(fetchImpl, url, init, { timeoutMs, policy: RETRY_POLICIES.devops })
        : await writeOnce(url, init);
    if (response.ok && response.status !== 203) return readJson(response, url);
    const error = parseServerError(await response.text().catch(() => ''));
    const message = typeof error?.message === 'string' ? safeLine(error.message).slice(0, 300) : '';
    const props = error?.customProperties as { ReferenceName?: unknown } | undefined;
    const host = safeHost(url);
    const status = response.status;
    const head =
      status === 203 || status === 302
        ? `${host} asked for an interactive sign-in to ${what}: the token is not valid`
        : `${host} answered ${status} to ${what}`;
    throw new WorkItemError(
      message ? `${head}: ${message}` : head,
      status,
      typeof error?.typeKey === 'string' ? error.typeKey : null,
      typeof props?.ReferenceName === 'string' ? props.ReferenceName : null,
    );
  }

  async function writeOnce(url: string, init: RequestInit) {
    for (let tries = 0; ; tries += 1) {
      const response = await fetchWithTimeout(fetchImpl, url, init, timeoutMs);
      if (response.status !== 429 || tries >= 2) return response;
      const wait = Math.min(retryAfterMs(response.headers.get('Retry-After'), Date.now()) ?? 1000, 10_000);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Ids of the project's items carrying the tag (WIQL; `Tags CONTAINS` matches a whole tag). */
  async function findTagged(project: string, tag: string): Promise<number[]> {
    const query = `SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Tags] CONTAINS '${tag.replace(/'/g, "''")}'`;
    const json = (await send('POST', `${at(project, 'wiql')}?${API}`, `query the work items of "${project}"`, {
      query,
    })) as { workItems?: unknown };
    const list = Array.isArray(json?.workItems) ? json.workItems : [];
    return list.map((w) => Number((w as { id?: unknown }).id)).filter((id) => Number.isInteger(id) && id > 0);
  }

  /** The fields a decision needs, 200 ids a request; tags kept to match connections. */
  async function readItems(project: string, ids: number[]): Promise<(ExistingItem & { tags: string[] })[]> {
    const out: (ExistingItem & { tags: string[] })[] = [];
    for (let i = 0; i < ids.length; i += 200) {
      const url = `${at(project, 'workitems')}?ids=${ids.slice(i, i + 200).join(',')}&fields=${FIELDS.join(',')}&errorPolicy=omit&${API}`;
      const json = (await send('GET', url, `read the work items of "${project}"`)) as { value?: unknown };
      for (const raw of Array.isArray(json?.value) ? json.value : []) {
        const item = raw as { id?: unknown; fields?: Record<string, unknown> } | null;
        const f = item?.fields ?? {};
        if (!item || !Number.isInteger(item.id)) continue;
        out.push({
          id: item.id as number,
          state: typeof f['System.State'] === 'string' ? f['System.State'] : '',
          type: typeof f['System.WorkItemType'] === 'string' ? f['System.WorkItemType'] : '',
          description: typeof f['System.Description'] === 'string' ? f['System.Description'] : null,
          tags: String(f['System.Tags'] ?? '')
            .split(';')
            .map((t) => t.trim().toLowerCase())
            .filter(Boolean),
        });
      }
    }
    return out;
  }

  async function create(project: string, type: string, ops: PatchOp[]): Promise<number> {
    const url = `${at(project, `workitems/$${encodeURIComponent(type)}`)}?${API}`;
    const json = (await send('POST', url, `create a ${type} in "${project}"`, ops, 'application/json-patch+json')) as {
      id?: unknown;
    };
    if (!Number.isInteger(json?.id)) throw new HttpError(`${safeHost(url)} created a work item without an id`, 200);
    return json.id as number;
  }

  async function update(project: string, id: number, ops: PatchOp[]): Promise<void> {
    const url = `${at(project, `workitems/${id}`)}?${API}`;
    await send('PATCH', url, `update work item #${id} in "${project}"`, ops, 'application/json-patch+json');
  }

  async function addComment(project: string, id: number, html: string): Promise<void> {
    const url = `${at(project, `workItems/${id}/comments`)}?${COMMENTS_API}`;
    await send('POST', url, `comment on work item #${id} in "${project}"`, { text: html });
  }

  /** The type's states with their categories; null when the project has no such type (404). */
  async function typeStates(project: string, type: string): Promise<WorkItemState[] | null> {
    const url = `${at(project, `workitemtypes/${encodeURIComponent(type)}/states`)}?${API}`;
    try {
      const states = parseStates(await send('GET', url, `read the states of ${type} in "${project}"`));
      if (!states) throw new HttpError(`${safeHost(url)} sent states that are not a list`, 200);
      return states;
    } catch (e) {
      if (e instanceof HttpError && e.status === 404) return null;
      throw e;
    }
  }

  return { findTagged, readItems, create, update, addComment, typeStates };
}

export type WorkItemsClient = ReturnType<typeof createWorkItemsClient>;
