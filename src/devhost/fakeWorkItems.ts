import type { IncomingMessage } from 'http';
import { readBody, type JsonAnswer } from './httpUtil';
import { findProject, vssError, type ProjectInfo } from './devopsShapes';
import { PROCESSES, statesOf, type Process } from './fakeWorkItemTypes';
import type { Fixture } from './fixture';
import { applyPatch, type StoredItem } from './fakeWorkItemPatch';

/**
 * Work item tracking in the fake Azure DevOps, from the REST reference (api-version 7.1):
 *   POST {project}/_apis/wit/wiql                           Wiql - Query By Wiql → {queryType, workItems: [{id, url}]}
 *   GET  {project}/_apis/wit/workitems?ids=&fields=          Work Items - List → {count, value: [{id, rev, fields}]}
 *   POST {project}/_apis/wit/workitems/${type}               Work Items - Create, body application/json-patch+json
 *   PATCH {project}/_apis/wit/workitems/{id}                 Work Items - Update, body application/json-patch+json
 *   POST|GET {project}/_apis/wit/workItems/{id}/comments      Comments - Add / List (a preview API: api-version must say -preview)
 *   GET  {project}/_apis/wit/workitemtypes/{type}/states     Work Item Type States - List
 * Refusals as Azure DevOps words them: TF237111 for a write under an area path the caller may not edit,
 * "… is an unknown identity" (WorkItemFieldInvalidException) for an assignee it does not know.
 */

export const WIQL = /^([^/]+)\/_apis\/wit\/wiql$/i;
export const ITEMS = /^([^/]+)\/_apis\/wit\/workitems(?:\/(\$[^/]+|\d+))?$/i;
export const COMMENTS = /^([^/]+)\/_apis\/wit\/workitems\/(\d+)\/comments$/i;
export const STATES = /^([^/]+)\/_apis\/wit\/workitemtypes\/([^/]+)\/states$/i;
const WIT = 'Microsoft.TeamFoundation.WorkItemTracking.Server';

export interface FakeWorkItemsStats {
  wiql: number;
  reads: number;
  creates: number;
  updates: number;
  comments: number;
  states: number;
}

export function createFakeWorkItems(fixture: Fixture, projects: ProjectInfo[], now: () => number) {
  const items = new Map<number, StoredItem>();
  let nextId = 100;
  const stats: FakeWorkItemsStats = { wiql: 0, reads: 0, creates: 0, updates: 0, comments: 0, states: 0 };
  const config = fixture.workTracking;
  const processOf = (p: ProjectInfo): Process => {
    const named = (config.processes[p.id.toLowerCase()] ?? config.processes[p.name.toLowerCase()] ?? '').toLowerCase();
    return PROCESSES.find((x) => x.toLowerCase() === named) ?? 'Agile';
  };
  const refusal = (p: ProjectInfo) => config.refuse[p.id.toLowerCase()] ?? config.refuse[p.name.toLowerCase()];
  const known = new Set(config.identities.map((i) => i.toLowerCase()));
  const base = (host: string, project: ProjectInfo) => `http://${host}/${fixture.organization}/${project.id}`;

  function denied(project: ProjectInfo): JsonAnswer | null {
    const status = refusal(project);
    if (!status) return null;
    return vssError(
      status,
      status === 403 ? 'UnauthorizedAccessException' : 'InternalServerError',
      status === 403
        ? 'TF237111: The current user does not have permissions to save work items under the specified area path.'
        : `The local host answers ${status} for work items in project ${project.name}.`,
      WIT,
    );
  }

  // Only the WIQL sc-expiry sends is understood: tags CONTAINS '…' (a whole tag) in the current project.
  function wiql(project: ProjectInfo, body: string, host: string): JsonAnswer {
    stats.wiql += 1;
    const query = String((JSON.parse(body || '{}') as { query?: unknown }).query ?? '');
    const tag = /\[System\.Tags\]\s+CONTAINS\s+'((?:[^']|'')*)'/i.exec(query)?.[1]?.replace(/''/g, "'");
    if (!tag || !/\[System\.TeamProject\]\s*=\s*@project/i.test(query))
      return vssError(
        400,
        'WorkItemTrackingQueryResultTypeException',
        'The local host understands only the tag query sc-expiry sends.',
        WIT,
      );
    const ids = [...items.values()]
      .filter((i) => i.projectId === project.id && tagsOf(i).includes(tag.toLowerCase()))
      .map((i) => i.id)
      .sort((a, b) => a - b);
    return {
      status: 200,
      body: {
        queryType: 'flat',
        queryResultType: 'workItem',
        asOf: new Date(now()).toISOString(),
        columns: [{ referenceName: 'System.Id', name: 'ID' }],
        workItems: ids.map((id) => ({ id, url: `${base(host, project)}/_apis/wit/workItems/${id}` })),
      },
    };
  }

  function list(project: ProjectInfo, q: URLSearchParams): JsonAnswer {
    stats.reads += 1;
    const ids = (q.get('ids') ?? '').split(',').filter(Boolean).map(Number);
    if (ids.length === 0 || ids.length > 200)
      return vssError(400, 'ArgumentException', 'Specify between 1 and 200 work item ids.', WIT);
    const fields = (q.get('fields') ?? '').split(',').filter(Boolean);
    const found = ids.map((id) => items.get(id)).filter((i): i is StoredItem => !!i && i.projectId === project.id);
    if (found.length < ids.length && q.get('errorPolicy')?.toLowerCase() !== 'omit')
      return vssError(
        404,
        'WorkItemUnauthorizedAccessException',
        'TF401232: Work item does not exist, or you do not have permissions to read it.',
        WIT,
      );
    const value = found.map((i) => ({
      id: i.id,
      rev: i.rev,
      fields: fields.length
        ? Object.fromEntries(fields.filter((f) => f in i.fields).map((f) => [f, i.fields[f]]))
        : i.fields,
    }));
    return { status: 200, body: { count: value.length, value } };
  }

  async function write(req: IncomingMessage, project: ProjectInfo, target: string | undefined): Promise<JsonAnswer> {
    const text = await readBody(req);
    if (!/application\/json-patch\+json/i.test(req.headers['content-type'] ?? ''))
      return vssError(
        415,
        'VssRequestContentException',
        'The request content type must be application/json-patch+json.',
        WIT,
      );
    const refused = denied(project);
    if (refused) return refused;
    const creating = !!target?.startsWith('$');
    const existing = creating ? undefined : items.get(Number(target));
    if (!creating && (!existing || existing.projectId !== project.id))
      return vssError(
        404,
        'WorkItemUnauthorizedAccessException',
        `TF401232: Work item ${target} does not exist, or you do not have permissions to read it.`,
        WIT,
      );
    const type = creating
      ? statesOf(processOf(project), decodeURIComponent((target as string).slice(1)))
      : statesOf(processOf(project), existing!.fields['System.WorkItemType'] as string);
    if (!type)
      return vssError(
        404,
        'WorkItemTypeNotFoundException',
        `VS402323: Work item type ${decodeURIComponent((target ?? '').slice(1))} does not exist in project ${project.name}.`,
        WIT,
      );
    const result = applyPatch(text, existing, {
      id: nextId,
      project,
      type,
      known,
      nowIso: new Date(now()).toISOString(),
    });
    if ('error' in result) return result.error;
    if (creating) {
      nextId += 1;
      stats.creates += 1;
    } else stats.updates += 1;
    items.set(result.item.id, result.item);
    return {
      status: 200,
      body: {
        id: result.item.id,
        rev: result.item.rev,
        fields: result.item.fields,
        url: `${base(req.headers.host ?? '', project)}/_apis/wit/workItems/${result.item.id}`,
      },
    };
  }

  async function comments(
    req: IncomingMessage,
    project: ProjectInfo,
    id: number,
    q: URLSearchParams,
  ): Promise<JsonAnswer> {
    const item = items.get(id);
    if (!/-preview/i.test(q.get('api-version') ?? ''))
      return vssError(
        400,
        'VssInvalidPreviewVersionException',
        `The requested version "${q.get('api-version') ?? ''}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests.`,
      );
    if (!item || item.projectId !== project.id)
      return vssError(
        404,
        'WorkItemUnauthorizedAccessException',
        `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`,
        WIT,
      );
    if (req.method === 'GET') {
      await readBody(req);
      return {
        status: 200,
        body: { totalCount: item.comments.length, count: item.comments.length, comments: item.comments },
      };
    }
    const body = JSON.parse((await readBody(req)) || '{}') as { text?: unknown };
    const refused = denied(project);
    if (refused) return refused;
    if (typeof body.text !== 'string' || !body.text)
      return vssError(400, 'ArgumentException', 'The comment text is empty.', WIT);
    stats.comments += 1;
    const comment = {
      workItemId: id,
      id: item.comments.length + 1,
      version: 1,
      text: body.text,
      createdDate: new Date(now()).toISOString(),
      createdBy: { displayName: 'Local Host User' },
    };
    item.comments.push(comment);
    return { status: 200, body: comment };
  }

  function states(project: ProjectInfo, type: string): JsonAnswer {
    stats.states += 1;
    const found = statesOf(processOf(project), decodeURIComponent(type));
    if (!found)
      return vssError(
        404,
        'WorkItemTypeNotFoundException',
        `VS402323: Work item type ${decodeURIComponent(type)} does not exist in project ${project.name}.`,
        WIT,
      );
    return { status: 200, body: { count: found.states.length, value: found.states } };
  }

  /** Answers a work item route under `/{org}/`, or null when `rest` is none of them. */
  async function route(req: IncomingMessage, rest: string, url: URL): Promise<JsonAnswer | null> {
    const method = req.method ?? 'GET';
    const m = WIQL.exec(rest) ?? COMMENTS.exec(rest) ?? STATES.exec(rest) ?? ITEMS.exec(rest);
    if (!m) return null;
    const project = findProject(projects, decodeURIComponent(m[1]));
    if (!project)
      return vssError(
        404,
        'ProjectDoesNotExistWithNameException',
        `TF200016: The following project does not exist: ${m[1]}.`,
      );
    const host = req.headers.host ?? '127.0.0.1';
    if (WIQL.test(rest) && method === 'POST') return wiql(project, await readBody(req), host);
    if (COMMENTS.test(rest)) return comments(req, project, Number(m[2]), url.searchParams);
    if (STATES.test(rest) && method === 'GET') return states(project, m[2]);
    if (ITEMS.test(rest) && method === 'GET' && !m[2]) return list(project, url.searchParams);
    if (
      ITEMS.test(rest) &&
      ((method === 'POST' && m[2]?.startsWith('$')) || (method === 'PATCH' && /^\d+$/.test(m[2] ?? '')))
    )
      return write(req, project, m[2]);
    return null;
  }

  return { route, stats, items };
}

function tagsOf(item: StoredItem): string[] {
  return String(item.fields['System.Tags'] ?? '')
    .split(';')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}
