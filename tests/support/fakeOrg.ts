import type { IncomingMessage, ServerResponse } from 'http';
import { flavorOf } from '../../src/devhost/devopsShapes';
import { DOCUMENTS_ROUTE, documentsAnswer } from '../../src/devhost/extensionDataRoutes';
import { createExtensionDataStore, type CollectionAddress } from '../../src/devhost/fakeExtensionData';
import { createFakeGraph, type FakeGraphOptions } from '../../src/devhost/fakeGraph';
import { historyPage, newestFirst, type HistoryRecord } from '../../src/devhost/fakeHistory';
import { normalizeFixture } from '../../src/devhost/fixture';
import { NO_ORGANIZATION, noProject, refusalAnswer, type FakeAnswer, type Refusal } from './devopsRefusals';
import { listen } from './listen';
import { application, armEndpoint, iso } from './payloads';

/**
 * A fake multi-project Azure DevOps organization: the projects API with continuation-token paging
 * (and one project by id or name), per-project service endpoint lists (`{count, value}`), faults per
 * project, extension data documents (the local host's store and routes, under `/{org}/_apis/
 * ExtensionManagement/…`), an auth check (Basic PAT or Bearer) and request counting. Mount it with
 * tests/support/listen.ts.
 */

export interface FakeProject {
  id?: string;
  name: string;
  endpoints: unknown[];
  /** Endpoint id → execution records as the REST API returns them (served newest first, by record id). */
  history?: Record<string, unknown[]>;
}

export interface FakeOrgOptions {
  /** The organization path segment: URLs are `/{org}/…`. */
  org?: string;
  projects: FakeProject[];
  /** Most projects per page, whatever `$top` asks. */
  maxPageSize?: number;
  /** Accepted credentials; a request with neither is refused (`refusal`). Default: any Basic or Bearer header. */
  pat?: string;
  bearer?: string;
  /** How a refused credential is answered (devopsRefusals.ts); default a 401 TF400813. */
  refusal?: Refusal;
  /** Project names whose endpoint list answers 403. */
  forbidden?: string[];
  /** Project names whose endpoint list is not JSON. */
  malformed?: string[];
  /** Project names whose endpoint list is JSON but not a list (`{"count": 1, "value": {…}}`). */
  notAList?: string[];
  /** The project list itself is not JSON. */
  malformedProjectList?: boolean;
  /** Project names whose endpoint list first answers 429 with Retry-After: 1 (or `throttleRetryAfter`). */
  throttleOnce?: string[];
  throttleRetryAfter?: string;
  /**
   * A broken project pager: `repeat-token` always sends the token "next" (which serves the next page),
   * `same-page` ignores the token and sends the first page again with a token, `overlap` sends honest
   * pages that each repeat the previous page's last project.
   */
  paging?: 'repeat-token' | 'same-page' | 'overlap';
  /** Connection ids whose execution history answers 403 (the viewer may not read it). */
  historyForbidden?: string[];
  /** Project names whose endpoint list never answers (for timeouts). */
  hang?: string[];
  latencyMs?: number;
  /** Extension data: every document request answers this status instead (e.g. 403). */
  extensionDataStatus?: number;
  /** The typeKey of that answer's body (as Azure DevOps sends it), e.g. InstalledExtensionNotFoundException. */
  extensionDataTypeKey?: string;
  /**
   * Called when a document request arrives, before the store answers it: a test plays "another
   * writer" here (e.g. bumps the etag between the CLI's read and its write).
   */
  onExtensionData?: (request: { method: string; id: string | undefined }, store: ExtensionData) => void;
}

export type ExtensionData = ReturnType<typeof createExtensionDataStore>;

/** Where the hub's extension data manager keeps the snapshots (Default scope, collection level). */
export function snapshotAddress(
  publisher = 'sc-expiry',
  extension = 'service-connection-expiry',
  collection = 'credential-snapshots',
): CollectionAddress {
  return { publisher, extension, scopeType: 'Default', scopeValue: 'Current', collection };
}

export interface FakeOrgStats {
  requests: number;
  projectPages: number;
  endpointLists: number;
  historyPages: number;
  unauthorized: number;
  /** Authorization headers seen (tests check the scheme; never printed). */
  authorizations: string[];
  paths: string[];
  /** Extension data requests, as `METHOD /path` (no query). */
  extensionData: string[];
  inFlight: number;
  maxInFlight: number;
}

export function projectId(n: number): string {
  return `9a0b0c0d-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

export function createFakeOrg(options: FakeOrgOptions) {
  const org = options.org ?? 'org';
  const stats: FakeOrgStats = {
    requests: 0,
    projectPages: 0,
    endpointLists: 0,
    historyPages: 0,
    unauthorized: 0,
    authorizations: [],
    paths: [],
    extensionData: [],
    inFlight: 0,
    maxInFlight: 0,
  };
  const projects = options.projects.map((p, i) => ({ ...p, id: p.id ?? projectId(i) }));
  const store = createExtensionDataStore();
  const throttled = new Set<string>();
  const is = (list: string[] | undefined, name: string) =>
    (list ?? []).some((n) => n.toLowerCase() === name.toLowerCase());

  function authorized(header: string): boolean {
    if (options.pat === undefined && options.bearer === undefined) return /^(Basic|Bearer) \S+/.test(header);
    if (options.pat !== undefined && header === `Basic ${Buffer.from(`:${options.pat}`).toString('base64')}`)
      return true;
    return options.bearer !== undefined && header === `Bearer ${options.bearer}`;
  }

  function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const send = () => {
      stats.inFlight -= 1;
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (options.latencyMs) setTimeout(send, options.latencyMs);
    else send();
  }

  const send = (res: ServerResponse, a: FakeAnswer) => answer(res, a.status, a.body, a.headers);

  function handle(req: IncomingMessage, res: ServerResponse): void {
    stats.requests += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const url = new URL(req.url ?? '/', 'http://fake');
    stats.paths.push(`${url.pathname}${url.search}`);
    const auth = req.headers.authorization ?? '';
    stats.authorizations.push(auth);
    if (!authorized(auth)) {
      stats.unauthorized += 1;
      return send(res, refusalAnswer(options.refusal ?? 'unauthorized'));
    }
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== org) return send(res, NO_ORGANIZATION);

    const documents = DOCUMENTS_ROUTE.exec(url.pathname.slice(`/${org}/`.length));
    if (documents) {
      const method = req.method ?? 'GET';
      stats.extensionData.push(`${method} ${url.pathname}`);
      if (options.extensionDataStatus)
        return answer(res, options.extensionDataStatus, {
          message: options.extensionDataTypeKey
            ? `${options.extensionDataTypeKey}: the server refused (HTTP ${options.extensionDataStatus}).`
            : `TF400813: The user is not authorized to access this resource (HTTP ${options.extensionDataStatus}).`,
          ...(options.extensionDataTypeKey ? { typeKey: options.extensionDataTypeKey, errorCode: 0 } : {}),
        });
      options.onExtensionData?.({ method, id: documents[6] && decodeURIComponent(documents[6]) }, store);
      void documentsAnswer(store, req, documents, flavorOf(req.headers.accept)).then((a) =>
        answer(res, a.status, a.text ?? (a.body === undefined ? '' : a.body), a.headers),
      );
      return;
    }

    if (parts.length === 4 && parts[1] === '_apis' && parts[2] === 'projects') {
      const project = projects.find((p) => p.name.toLowerCase() === parts[3].toLowerCase() || p.id === parts[3]);
      if (!project) return send(res, noProject(parts[3]));
      return answer(res, 200, { id: project.id, name: project.name, state: 'wellFormed', visibility: 'private' });
    }

    if (parts.length === 3 && parts[1] === '_apis' && parts[2] === 'projects') {
      stats.projectPages += 1;
      if (options.malformedProjectList) return answer(res, 200, '<html>Sign in</html>{');
      const top = Math.min(Number(url.searchParams.get('$top') ?? 100) || 100, options.maxPageSize ?? 100);
      const token = url.searchParams.get('continuationToken');
      let start = token ? Number(token) : 0;
      if (options.paging === 'repeat-token') start = token ? top : 0;
      if (options.paging === 'same-page') start = 0;
      const from = options.paging === 'overlap' && start > 0 ? start - 1 : start;
      const page = projects.slice(from, start + top);
      const headers: Record<string, string> = {};
      if (start + top < projects.length || options.paging === 'same-page' || options.paging === 'repeat-token')
        headers['x-ms-continuationtoken'] = options.paging === 'repeat-token' ? 'next' : String(start + top);
      const value = page.map((p) => ({ id: p.id, name: p.name, state: 'wellFormed', visibility: 'private' }));
      return answer(res, 200, { count: value.length, value }, headers);
    }

    const isEndpoints =
      parts.length === 5 && parts[2] === '_apis' && parts[3] === 'serviceendpoint' && parts[4] === 'endpoints';
    if (isEndpoints) {
      stats.endpointLists += 1;
      const project = projects.find((p) => p.name.toLowerCase() === parts[1].toLowerCase() || p.id === parts[1]);
      if (!project) return send(res, noProject(parts[1]));
      if (is(options.hang, project.name)) return; // never answers
      if (is(options.throttleOnce, project.name) && !throttled.has(project.name)) {
        throttled.add(project.name);
        return answer(
          res,
          429,
          { message: 'Request was blocked due to exceeding usage of resource.' },
          { 'Retry-After': options.throttleRetryAfter ?? '1' },
        );
      }
      if (is(options.forbidden, project.name))
        return answer(res, 403, { message: 'Access denied: you need Reader on service connections.' });
      if (is(options.malformed, project.name)) return answer(res, 200, '{"count": 3, "value": [');
      if (is(options.notAList, project.name)) return answer(res, 200, '{"count": 1, "value": {"id": "x"}}');
      return answer(res, 200, { count: project.endpoints.length, value: project.endpoints });
    }
    // REST reference, Endpoints - Get Service Endpoint Execution Records: {count, value}, x-ms-continuationtoken.
    const isHistory =
      parts.length === 6 && parts[2] === '_apis' && parts[3] === 'serviceendpoint' && parts[5] === 'executionhistory';
    if (isHistory) {
      stats.historyPages += 1;
      const project = projects.find((p) => p.name.toLowerCase() === parts[1].toLowerCase() || p.id === parts[1]);
      if (!project) return send(res, noProject(parts[1]));
      // An access-check refusal as Azure DevOps's REST errors carry it (message, typeKey AccessCheckException), as the
      // local host's fake answers it too (src/devhost/fakeDevOps.ts).
      if (is(options.historyForbidden, parts[4]))
        return answer(res, 403, {
          message: 'Access denied: you need User on this service connection.',
          typeKey: 'AccessCheckException',
        });
      const all =
        Object.entries(project.history ?? {}).find(([id]) => id.toLowerCase() === parts[4].toLowerCase())?.[1] ?? [];
      // Paged as the service pages it (src/devhost/fakeHistory.ts): newest first, token = the last record's id.
      const paged = historyPage(newestFirst(all as HistoryRecord[]), url.searchParams);
      if (!paged) return answer(res, 400, { message: 'The continuation token is not the id of an execution record.' });
      const headers: Record<string, string> = {};
      if (paged.continuationToken) headers['x-ms-continuationtoken'] = paged.continuationToken;
      return answer(res, 200, { count: paged.page.length, value: paged.page }, headers);
    }
    answer(res, 404, { message: `no route for ${url.pathname}` });
  }

  return { handle, stats, store, url: (base: string) => `${base}/${org}` };
}

// ---- Harness for the CLI tests: both fakes on free ports, and a captured io. ----

export interface Fakes {
  orgUrl: string;
  graphUrl: string;
  org: FakeOrgStats;
  graph: ReturnType<typeof createFakeGraph>['stats'];
  /** The organization's extension data documents. */
  extensionData: ExtensionData;
  close: () => Promise<void>;
}

export async function startFakes(
  org: FakeOrgOptions,
  applications: unknown[],
  graphOptions: FakeGraphOptions = {},
): Promise<Fakes> {
  const fakeOrg = createFakeOrg(org);
  const graph = createFakeGraph(normalizeFixture({ endpoints: [], applications }), graphOptions);
  const orgServer = await listen(fakeOrg.handle);
  const graphServer = await listen(graph.handle);
  return {
    orgUrl: fakeOrg.url(orgServer.url),
    graphUrl: graphServer.url,
    org: fakeOrg.stats,
    graph: graph.stats,
    extensionData: fakeOrg.store,
    close: async () => {
      await orgServer.close();
      await graphServer.close();
    },
  };
}

/** Runs `body` against a fresh sample org (Alpha, Beta, Gamma) and its Graph, then closes both. */
export async function withSampleOrg<T>(
  options: Partial<FakeOrgOptions>,
  body: (f: Fakes) => Promise<T>,
  faults: Record<string, number> = {},
): Promise<T> {
  const { projects, applications } = sampleOrg();
  const fakes = await startFakes({ projects, ...options }, applications, { faults });
  try {
    return await body(fakes);
  } finally {
    await fakes.close();
  }
}

export function captureIo(nowMs?: number, isTTY = false) {
  const captured = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => (captured.stdout += s) },
    stderr: { write: (s: string) => (captured.stderr += s) },
    isTTY,
    now: nowMs === undefined ? undefined : () => nowMs,
  };
  return { io, captured };
}

// ---- A small organization that covers every status the CLI must show. ----

export const APPS = {
  expired: '0a000001-0000-4000-8000-000000000001',
  shared: '0a000002-0000-4000-8000-000000000002',
  critical: '0a000003-0000-4000-8000-000000000003',
  healthy: '0a000004-0000-4000-8000-000000000004',
};
export const IDS = {
  expired: 'e0000001-0000-4000-8000-000000000001',
  shared: 'e0000002-0000-4000-8000-000000000002',
  critical: 'e0000003-0000-4000-8000-000000000003',
  healthy: 'e0000004-0000-4000-8000-000000000004',
  wif: 'e0000005-0000-4000-8000-000000000005',
  github: 'e0000006-0000-4000-8000-000000000006',
};
export const ALPHA = { id: projectId(0), name: 'Alpha' };
export const BETA = { id: projectId(1), name: 'Beta' };
export const GAMMA = { id: projectId(2), name: 'Gamma' };

function secretEndingIn(days: number, appId: string, baseMs?: number) {
  const at = (d: number) => (baseMs === undefined ? iso(d) : new Date(baseMs + d * 86_400_000).toISOString());
  return application([{ start: at(days - 90), end: at(days) }], [], appId);
}

/**
 * Alpha: expired, shared (also in Beta, warning), GitHub. Beta: shared, critical, WIF.
 * Gamma: healthy. Dates are relative to payloads' NOW, or to `baseMs` when given (for child processes).
 */
export function sampleOrg(baseMs?: number): { projects: FakeProject[]; applications: unknown[] } {
  const at = (d: number) => (baseMs === undefined ? iso(d) : new Date(baseMs + d * 86_400_000).toISOString());
  const arm = (o: Parameters<typeof armEndpoint>[0]) => armEndpoint({ modificationDate: at(-60), ...o });
  const shared = arm({ id: IDS.shared, name: 'arm-shared', appId: APPS.shared, projects: [ALPHA, BETA] });
  const github = {
    id: IDS.github,
    name: 'github-org',
    type: 'github',
    authorization: { scheme: 'PersonalAccessToken', parameters: { accessToken: null } },
    data: {},
    isReady: true,
    serviceEndpointProjectReferences: [{ projectReference: ALPHA, name: 'github-org' }],
  };
  // Shaped like the REST reference's ServiceEndpointExecutionRecord (plain REST: ISO dates, camelCase results).
  const run = (definition: [number, string], build: [number, string], days: number, result: string) => ({
    endpointId: IDS.expired,
    data: {
      id: build[0],
      planType: 'Build',
      definition: { id: definition[0], name: definition[1] },
      owner: { id: build[0], name: build[1] },
      startTime: at(days),
      finishTime: at(days),
      result,
    },
  });
  return {
    projects: [
      {
        ...ALPHA,
        endpoints: [
          arm({ id: IDS.expired, name: 'arm-expired', appId: APPS.expired, projects: [ALPHA] }),
          shared,
          github,
        ],
        history: {
          [IDS.expired]: [
            run([12, 'web-deploy'], [907, '20261128.2'], -1, 'failed'),
            run([12, 'web-deploy'], [880, '20261120.1'], -8, 'succeeded'),
            run([15, 'infra | nightly'], [850, '20261101.1'], -27, 'succeeded'),
          ],
        },
      },
      {
        ...BETA,
        endpoints: [
          shared,
          arm({ id: IDS.critical, name: 'arm-critical', appId: APPS.critical, projects: [BETA] }),
          arm({ id: IDS.wif, name: 'arm-wif', scheme: 'WorkloadIdentityFederation', projects: [BETA] }),
        ],
      },
      { ...GAMMA, endpoints: [arm({ id: IDS.healthy, name: 'arm-healthy', appId: APPS.healthy, projects: [GAMMA] })] },
    ],
    applications: [
      secretEndingIn(-3, APPS.expired, baseMs),
      secretEndingIn(20, APPS.shared, baseMs),
      secretEndingIn(5, APPS.critical, baseMs),
      secretEndingIn(80, APPS.healthy, baseMs),
    ],
  };
}
