import type { IncomingMessage, ServerResponse } from 'http';
import { randomUUID } from 'crypto';
import { resolveNowTokens, type Fixture } from './fixture';
import {
  answerPreflight,
  BodyTooLargeError,
  decodeSegment,
  later,
  readBody,
  sendJson,
  type JsonAnswer,
} from './httpUtil';
import {
  endpointInProject,
  findProject,
  flavorOf,
  itemAnswer,
  listAnswer,
  projectPayload,
  projectsOf,
  vssError,
  CORE,
  SERVICE_ENDPOINTS,
  type Flavor,
} from './devopsShapes';
import { statusNumber, statusOnWire } from './httpStatusCode';
import { createExtensionDataStore } from './fakeExtensionData';
import { DOCUMENTS_ROUTE, documentsAnswer } from './extensionDataRoutes';
import { createFakeDevOpsWrites } from './fakeDevOpsWrites';
import type { FakeEntra } from './fakeEntra';
import { definitionsAnswer, DEFINITIONS, ITEMS, itemsAnswer } from './fakePipelines';
import { historyPage, historyRecords } from './fakeHistory';
import { createFakeWorkItems } from './fakeWorkItems';

/**
 * A fake Azure DevOps REST server for one organization, fed by a fixture. Routes (under `/{org}/`):
 *   GET  {project}/_apis/serviceendpoint/endpoints[/{id}]       (filters: type, endpointIds, authSchemes)
 *   POST {project}/_apis/serviceendpoint/endpointproxy?endpointId=…
 *   GET  {project}/_apis/serviceendpoint/{endpointId}/executionhistory?top=&continuationToken=
 *        (newest first; x-ms-continuationtoken = the last record's id when the page is full)
 *   GET  _apis/projects[/{id}]?$top=&$skip=&continuationToken=  (x-ms-continuationtoken when more)
 *   GET|POST|PUT|PATCH|DELETE _apis/ExtensionManagement/InstalledExtensions/{pub}/{ext}/Data/Scopes/
 *        {scopeType}/{scopeValue}/Collections/{collection}/Documents[/{id}]
 *   PUT  _apis/serviceendpoint/endpoints/{id}[?operation=ConvertAuthenticationScheme]  (fakeDevOpsWrites.ts)
 *   GET  {project}/_apis/build/definitions, {project}/_apis/git/repositories/{id}/items (fakePipelines.ts)
 *   work item tracking (WIQL, work items, comments, type states): fakeWorkItems.ts
 * Every call needs `Authorization: Bearer <FAKE_ADO_TOKEN>` (or Basic with it as the PAT), else 401.
 */

/** What the local host hands the extension from `SDK.getAccessToken()`. Not a secret. */
export const FAKE_ADO_TOKEN = 'local-devhost-ado-token';
/** A token that reads but lacks vso.serviceendpoint_manage: every write answers 403. */
export const FAKE_ADO_READONLY_TOKEN = 'local-devhost-ado-readonly-token';

export interface FakeDevOpsOptions {
  latencyMs?: number;
  now?: () => number;
  /** Shared with the fake Graph: which secrets Entra accepts (checks after a rotation). */
  entra?: FakeEntra;
}

export interface FakeDevOpsStats {
  /** HTTP requests other than CORS preflights. */
  requests: number;
  endpointLists: number;
  proxyCalls: number;
  projectLists: number;
  /** GETs of extension data documents (tests wait for a reader's read-before-write). */
  documentReads: number;
  historyPages: number;
  /** Requests by HTTP method (tests prove a plan writes nothing). */
  methods: Record<string, number>;
  /** PUTs of service connections. */
  endpointWrites: number;
  definitionLists: number;
  gitItems: number;
}

const ENDPOINTS = /^([^/]+)\/_apis\/serviceendpoint\/endpoints(?:\/([^/]+))?$/i;
const PROXY = /^([^/]+)\/_apis\/serviceendpoint\/endpointproxy$/i;
const HISTORY = /^([^/]+)\/_apis\/serviceendpoint\/([^/]+)\/executionhistory$/i;
/** ServiceEndpointExecutionResult in azure-devops-extension-api/ServiceEndpoint: the numbers enumsAsNumbers sends. */
const EXECUTION_RESULTS = ['succeeded', 'succeededwithissues', 'failed', 'canceled', 'skipped', 'abandoned'];
const PROJECTS = /^_apis\/projects(?:\/([^/]+))?$/i;

/** The token's rights: 'manage', 'read', or null when refused. */
function rightsOf(header: string | undefined): 'manage' | 'read' | null {
  if (!header) return null;
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  const decoded = basic ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
  const token = basic ? decoded.slice(decoded.indexOf(':') + 1) : header.replace(/^Bearer\s+/i, '');
  if (!basic && !/^Bearer\s/i.test(header)) return null;
  return token === FAKE_ADO_TOKEN ? 'manage' : token === FAKE_ADO_READONLY_TOKEN ? 'read' : null;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function createFakeDevOps(fixture: Fixture, options: FakeDevOpsOptions = {}) {
  const hooks: { afterDocumentRead?: (collection: string) => Promise<void> | void } = {};
  const stats: FakeDevOpsStats = {
    requests: 0,
    endpointLists: 0,
    proxyCalls: 0,
    projectLists: 0,
    documentReads: 0,
    historyPages: 0,
    methods: {},
    endpointWrites: 0,
    definitionLists: 0,
    gitItems: 0,
  };
  const now = options.now ?? Date.now;
  const writes = createFakeDevOpsWrites(fixture, options.entra ?? null, now);
  const projects = projectsOf(fixture);
  const store = createExtensionDataStore();
  const workItems = createFakeWorkItems(fixture, projects, now);

  // REST reference "Endpoints - Get Service Endpoints" / "Get" (ServiceEndpoint in azure-devops-extension-api/
  // ServiceEndpoint): `{count, value}` or a bare array with noArrayWrap=true, ISO or /Date(ms)/ dates.
  function endpointsAnswer(projectKey: string, id: string | undefined, q: URLSearchParams, flavor: Flavor): JsonAnswer {
    const project = findProject(projects, projectKey);
    if (!project)
      return vssError(
        404,
        'ProjectDoesNotExistWithNameException',
        `TF200016: The following project does not exist: ${projectKey}.`,
        CORE,
      );
    const fault = fixture.projectFaults[project.id.toLowerCase()] ?? fixture.projectFaults[project.name.toLowerCase()];
    // The shape of Azure DevOps's access-check refusal (typeKey AccessCheckException, as its REST errors carry).
    if (fault === 403)
      return vssError(
        403,
        'AccessCheckException',
        `Access denied. Adele Vance needs View permissions on the service connections of project ${project.name} to perform this action.`,
      );
    if (fault)
      return vssError(fault, 'InternalServerError', `The local host answers ${fault} for project ${project.name}.`);
    // The project's endpoints first, then their {{now}} dates: an organization of 200 projects asks 200 times.
    if (id) writes.beforeRead(id);
    const own = fixture.endpoints.filter((e) => endpointInProject(e, project, fixture));
    let list = resolveNowTokens(own, now()) as Record<string, unknown>[];
    if (id) {
      const one = list.find((e) => str(e.id).toLowerCase() === id.toLowerCase());
      return one
        ? itemAnswer(one, flavor)
        : vssError(404, 'ServiceEndpointNotFoundException', `Service endpoint ${id} not found.`, SERVICE_ENDPOINTS);
    }
    stats.endpointLists += 1;
    const type = q.get('type');
    const ids = (q.get('endpointIds') ?? '').toLowerCase().split(',').filter(Boolean);
    const schemes = (q.get('authSchemes') ?? '').toLowerCase().split(',').filter(Boolean);
    if (type) list = list.filter((e) => str(e.type).toLowerCase() === type.toLowerCase());
    if (ids.length) list = list.filter((e) => ids.includes(str(e.id).toLowerCase()));
    if (schemes.length) {
      list = list.filter((e) =>
        schemes.includes(str((e.authorization as { scheme?: unknown } | null)?.scheme).toLowerCase()),
      );
    }
    return listAnswer(list, flavor);
  }

  // REST reference "Endpointproxy - Execute Service Endpoint Request" (ServiceEndpointRequestResult in
  // azure-devops-extension-api/ServiceEndpoint): HTTP 200 whatever the test found; the outcome is in
  // statusCode (System.Net.HttpStatusCode: a number with enumsAsNumbers=true, else its camelCase name)
  // and errorMessage (Entra's own text when it refuses the credential).
  function proxyAnswer(projectKey: string, q: URLSearchParams, flavor: Flavor, body: string): JsonAnswer {
    stats.proxyCalls += 1;
    const id = q.get('endpointId') ?? '';
    const project = findProject(projects, projectKey);
    const endpoint = fixture.endpoints.find((e) => str((e as { id?: unknown }).id).toLowerCase() === id.toLowerCase());
    if (!project || !endpoint || !endpointInProject(endpoint, project, fixture)) {
      return vssError(
        404,
        'ServiceEndpointNotFoundException',
        `Service endpoint with id ${id} not found in project ${projectKey}.`,
        SERVICE_ENDPOINTS,
      );
    }
    let request: Record<string, unknown> = {};
    try {
      request = JSON.parse(body || '{}') as Record<string, unknown>;
    } catch {
      // an empty or broken body checks the saved connection
    }
    const configured: Partial<Fixture['proxyResults'][string]> =
      writes.check(id, request) ?? fixture.proxyResults[id] ?? fixture.proxyResults[id.toLowerCase()] ?? {};
    const code = statusNumber(configured.statusCode ?? 200);
    const result = resolveNowTokens(
      {
        errorMessage: '',
        result: code >= 200 && code < 300 ? ['Connection verified'] : [],
        ...configured,
        statusCode: statusOnWire(code, flavor.enumsAsNumbers),
      },
      now(),
    );
    return itemAnswer(
      { activityId: randomUUID(), callbackContextParameters: null, callbackRequired: false, ...result },
      flavor,
    );
  }

  /** Execution records of one connection, shaped per the caller's Accept header, paged like the service (fakeHistory.ts). */
  function historyAnswer(projectKey: string, endpointId: string, q: URLSearchParams, flavor: Flavor): JsonAnswer {
    stats.historyPages += 1;
    const project = findProject(projects, projectKey);
    const endpoint = fixture.endpoints.find(
      (e) => str((e as { id?: unknown }).id).toLowerCase() === endpointId.toLowerCase(),
    );
    if (!project || !endpoint || !endpointInProject(endpoint, project, fixture))
      return vssError(404, 'ServiceEndpointNotFoundException', `Service endpoint ${endpointId} not found.`);
    const paged = historyPage(historyRecords(fixture, endpoint, project, now()), q);
    if (!paged)
      return vssError(400, 'ArgumentException', 'The continuation token is not the id of an execution record.');
    const page = paged.page.map((r) => {
      if (!flavor.enumsAsNumbers || !r.data) return r;
      const index = EXECUTION_RESULTS.indexOf(str(r.data.result).toLowerCase());
      return { ...r, data: { ...r.data, result: index >= 0 ? index : r.data.result } };
    });
    const token = paged.continuationToken;
    return listAnswer(page, flavor, token ? { 'x-ms-continuationtoken': token } : undefined);
  }

  // REST reference "Projects - List" / "Get" (TeamProjectReference in azure-devops-extension-api/Core): enums
  // state/visibility as numbers or names, paging by $top and the x-ms-continuationtoken header.
  function projectsAnswer(id: string | undefined, q: URLSearchParams, flavor: Flavor, baseUrl: string): JsonAnswer {
    const nowIso = new Date(now()).toISOString();
    if (id) {
      const p = findProject(projects, id);
      return p
        ? itemAnswer(projectPayload(p, baseUrl, flavor, nowIso), flavor)
        : vssError(404, 'ProjectDoesNotExistException', `TF200016: The following project does not exist: ${id}.`, CORE);
    }
    stats.projectLists += 1;
    const top = Math.max(1, Number(q.get('$top') ?? q.get('top') ?? 100) || 100);
    const start = Number(q.get('continuationToken') ?? q.get('$skip') ?? 0) || 0;
    const page = projects.slice(start, start + top).map((p) => projectPayload(p, baseUrl, flavor, nowIso));
    const more = start + top < projects.length;
    return listAnswer(page, flavor, more ? { 'x-ms-continuationtoken': String(start + top) } : undefined);
  }

  async function route(req: IncomingMessage): Promise<JsonAnswer> {
    // Azure DevOps answers a missing or refused token with 401 and an UnauthorizedRequestException body.
    const rights = rightsOf(req.headers.authorization);
    if (!rights) {
      return {
        ...vssError(
          401,
          'UnauthorizedRequestException',
          'TF400813: The user is not authorized to access this resource.',
        ),
        headers: { 'WWW-Authenticate': 'Bearer' },
      };
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const segments = url.pathname.split('/').filter(Boolean);
    // IIS in front of Azure DevOps answers 400 Bad Request to a URL whose escapes do not decode.
    if (segments.some((s) => decodeSegment(s) === null))
      return vssError(400, 'ArgumentException', 'The request URL holds a malformed percent escape.');
    const decode = (s: string) => decodeSegment(s) ?? s;
    const org = decode(segments[0] ?? '');
    if (org.toLowerCase() !== fixture.organization.toLowerCase()) {
      return vssError(
        404,
        'AccountNotFoundException',
        `Organization "${org}" not found (this local host serves "${fixture.organization}").`,
      );
    }
    const rest = segments.slice(1).join('/');
    const flavor = flavorOf(req.headers.accept);
    const method = req.method ?? 'GET';
    const docs = DOCUMENTS_ROUTE.exec(rest);
    // ExtensionManagement "Data" documents (REST reference; the host's IExtensionDataManager calls them).
    if (docs && method === 'GET') stats.documentReads += 1;
    if (docs) {
      const answer = await documentsAnswer(store, req, docs, flavor);
      // Tests: another writer acts after this read was answered and before its answer is sent.
      if (method === 'GET') await hooks.afterDocumentRead?.(decode(docs[5]));
      return answer;
    }
    const ep = ENDPOINTS.exec(rest);
    if (ep && method === 'GET') return endpointsAnswer(decode(ep[1]), ep[2] && decode(ep[2]), url.searchParams, flavor);
    const px = PROXY.exec(rest);
    if (px && method === 'POST') return proxyAnswer(decode(px[1]), url.searchParams, flavor, await readBody(req));
    const put = /^_apis\/serviceendpoint\/endpoints\/([^/]+)$/i.exec(rest);
    if (put && method === 'PUT') {
      stats.endpointWrites += 1;
      return writes.update(decode(put[1]), url.searchParams.get('operation'), await readBody(req), rights === 'manage');
    }
    const defs = DEFINITIONS.exec(rest);
    if (defs && method === 'GET') {
      stats.definitionLists += 1;
      return definitionsAnswer(fixture, decode(defs[1]), url.searchParams, flavor);
    }
    const item = ITEMS.exec(rest);
    if (item && method === 'GET') {
      stats.gitItems += 1;
      return itemsAnswer(fixture, decode(item[2]), url.searchParams, flavor);
    }
    const hi = HISTORY.exec(rest);
    if (hi && method === 'GET') return historyAnswer(decode(hi[1]), decode(hi[2]), url.searchParams, flavor);
    const pr = PROJECTS.exec(rest);
    if (pr && method === 'GET') {
      const baseUrl = `http://${req.headers.host ?? '127.0.0.1'}/${fixture.organization}`;
      return projectsAnswer(pr[1] && decode(pr[1]), url.searchParams, flavor, baseUrl);
    }
    const wit = await workItems.route(req, rest, url);
    if (wit) return wit;
    return vssError(404, 'RouteNotFound', `The local host does not fake ${method} /${segments.join('/')}.`);
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    if (answerPreflight(req, res)) return;
    stats.requests += 1;
    const method = req.method ?? 'GET';
    stats.methods[method] = (stats.methods[method] ?? 0) + 1;
    route(req).then(
      (answer) => later(options.latencyMs, () => sendJson(res, answer)),
      (e: unknown) =>
        // Azure DevOps's front end answers 413 Request Entity Too Large over its request limit (RFC 9110
        // §15.5.14) and the connection stays usable; the fake's limit is readBody's 5 MB.
        e instanceof BodyTooLargeError
          ? sendJson(res, {
              ...vssError(413, 'RequestContentTooLargeException', `The request body is over ${e.limitBytes} bytes.`),
              headers: { Connection: 'close' },
            })
          : sendJson(res, vssError(500, 'InternalServerError', `Local host error: ${(e as Error).message}`)),
    );
  }

  return { handle, stats, store, hooks, workItems };
}
