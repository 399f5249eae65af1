import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import type { Fixture } from './fixture';
import { createFakeGraph } from './fakeGraph';
import { createFakeEntra } from './fakeEntra';
import { createFakeDevOps, FAKE_ADO_TOKEN, type FakeDevOpsStats } from './fakeDevOps';
import { answerPreflight, decodeSegment, guardRequest, sendText } from './httpUtil';
import { hostScriptsDir, renderHostPage, type HostPageConfig } from './hostPage';
import { THEMES } from './themes';
import { cliLines } from './cliLines';
import type { LiveReload } from './liveReload';
import { packageRoot, placeholderPage, serveFrom } from './staticFiles';
import { projectsOf } from './devopsShapes';
import { seedSnapshots, SNAPSHOT_ADDRESS } from './seedSnapshot';
import { pageLinks, routePage, type HostPageKind } from './pages';

/**
 * The local host that plays Azure DevOps. Four HTTP servers, all on 127.0.0.1 only, so that every
 * role has its own origin, as in the real product:
 *   host page        http://127.0.0.1:<port>/            (port option; 0 = any free port)
 *   extension assets http://127.0.0.1:<random>/hub.html  (the built dist/ folder; cross-origin iframe)
 *   fake DevOps REST http://127.0.0.1:<random>/<org>/…   (CORS, bearer token required)
 *   fake Graph       http://127.0.0.1:<random>/v1.0/…    (CORS)
 */

export interface LocalHostOptions {
  fixture: Fixture;
  /** Port of the host page; 0 picks a free one. Default 8080. */
  port?: number;
  /** Port of the fake Azure DevOps REST API; default 0 (a free one). `npm start` asks for 8081. */
  devopsPort?: number;
  /** Port of the fake Microsoft Graph (and Entra token endpoint); default 0. `npm start` asks for 8082. */
  graphPort?: number;
  /** The built extension (webpack output). Default <repo>/dist. */
  distDir?: string;
  /** The page the hub iframe loads from distDir. Default hub.html. */
  hubPage?: string;
  /** The page the organization hub's iframe loads from distDir. Default orgHub.html. */
  orgHubPage?: string;
  graphLatencyMs?: number;
  devopsLatencyMs?: number;
  now?: () => number;
  /** `npm run dev`: the host page listens to this and reloads after each rebuild. */
  liveReload?: LiveReload;
}

export interface LocalHost {
  /** The host page to open in a browser (Project settings → the project hub). */
  url: string;
  /** Organization settings → the organization hub. */
  orgHubUrl: string;
  /** Fake Graph base URL, without /v1.0 (the hub gets it as initialConfig.localGraphRoot). */
  graphUrl: string;
  /** Fake Azure DevOps REST root for the organization, with a trailing slash. */
  devopsUrl: string;
  /** Origin serving the extension's files. */
  extensionUrl: string;
  /** The lines that run the scanner and `sc-expiry fix` against this host's fakes (cliLines.ts). */
  cliLines: string[];
  graphStats: ReturnType<typeof createFakeGraph>['stats'];
  devopsStats: FakeDevOpsStats;
  /**
   * Tests only: runs after the server has answered an extension-data document read (GET) and before the
   * answer leaves, so a test can play another writer at an exact point of a race, without timing.
   */
  afterDocumentRead(hook: ((collection: string) => Promise<void> | void) | null): void;
  close(): Promise<void>;
}

export const PUBLISHER = 'local';
export const EXTENSION_ID = 'service-connection-expiry';
/** The hub keeps the organization's Entra client ID as extension-data value `entraClientId` (scope Default). */
export const CLIENT_ID_SETTING = 'entraClientId';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Listens on 127.0.0.1 only. Every request first passes guardRequest (bound Host, the local host's own
 * origins, a URL that decodes); a handler that throws answers 500 and the server keeps serving.
 */
function listen(
  handler: Handler,
  port: number,
  origins: ReadonlySet<string>,
): Promise<{ server: Server; origin: string }> {
  return new Promise((resolveListen, reject) => {
    let host = '';
    const server = createServer((req, res) => {
      if (guardRequest(req, res, { host, origins })) return;
      try {
        handler(req, res);
      } catch (e) {
        console.error(`local host: ${req.method} ${(req.url ?? '').slice(0, 200)}: ${(e as Error).message}`);
        if (!res.headersSent) sendText(res, 500, 'text/plain; charset=utf-8', 'Local host error.');
        else res.end();
      }
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      host = `127.0.0.1:${actual}`;
      resolveListen({ server, origin: `http://${host}` });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

/** The tenant most connections live in: the signed-in user's home tenant in the fake sign-in. */
export function homeTenantOf(fixture: Fixture): string {
  const counts = new Map<string, number>();
  for (const e of fixture.endpoints) {
    const params = (e as { authorization?: { parameters?: Record<string, unknown> } })?.authorization?.parameters ?? {};
    for (const [k, v] of Object.entries(params)) {
      if (/^(tenantid|azuretenantid)$/i.test(k) && typeof v === 'string')
        counts.set(v.toLowerCase(), (counts.get(v.toLowerCase()) ?? 0) + 1);
    }
  }
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : '72f988bf-86f1-41af-91ab-2d7cd011db47';
}

function extensionVersion(): string {
  try {
    return (
      (JSON.parse(readFileSync(join(packageRoot(__dirname), 'package.json'), 'utf8')) as { version?: string })
        .version ?? '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const { fixture } = options;
  const distDir = resolve(options.distDir ?? join(packageRoot(__dirname), 'dist'));
  const hubPage = options.hubPage ?? 'hub.html';
  // One Entra for both fakes: Graph's addPassword makes secrets the DevOps check and the token endpoint know.
  const entra = createFakeEntra(fixture, { now: options.now });
  const graph = createFakeGraph(fixture, { latencyMs: options.graphLatencyMs, now: options.now, entra });
  const devops = createFakeDevOps(fixture, { latencyMs: options.devopsLatencyMs, now: options.now, entra });
  if (fixture.host.clientId) {
    // "An Entra client ID is configured": seed the setting as an administrator would have saved it.
    const settings = {
      publisher: PUBLISHER,
      extension: EXTENSION_ID,
      scopeType: 'Default',
      scopeValue: 'Current',
      collection: '$settings',
    };
    devops.store.set(settings, { id: CLIENT_ID_SETTING, value: fixture.host.clientId });
  }
  if (fixture.snapshot === 'seed') {
    // As if a scheduled scan had published each project's readings and usage.
    const nowMs = (options.now ?? Date.now)();
    for (const doc of seedSnapshots(fixture, projectsOf(fixture), nowMs))
      devops.store.set({ publisher: PUBLISHER, extension: EXTENSION_ID, ...SNAPSHOT_ADDRESS }, doc);
  }

  const started: Server[] = [];
  // The host page and the extension frame: the only pages that may call the fakes (no other site).
  const origins = new Set<string>();
  try {
    const graphSide = await listen(
      (req, res) => {
        if (!answerPreflight(req, res)) graph.handle(req, res);
      },
      options.graphPort ?? 0,
      origins,
    );
    started.push(graphSide.server);
    const devopsSide = await listen(devops.handle, options.devopsPort ?? 0, origins);
    started.push(devopsSide.server);
    const extensionSide = await listen(
      (req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (serveFrom(distDir, req.method, path, res)) return;
        const orgHubPage = options.orgHubPage ?? 'orgHub.html';
        if (path === '/' || path === '/' + hubPage || path === '/' + orgHubPage)
          return sendText(
            res,
            200,
            'text/html; charset=utf-8',
            placeholderPage(distDir, path === '/' + orgHubPage ? orgHubPage : hubPage),
          );
        sendText(res, 404, 'text/plain; charset=utf-8', `Not found in ${distDir}: ${path}`);
      },
      0,
      origins,
    );
    started.push(extensionSide.server);
    origins.add(extensionSide.origin);

    const cli = cliLines({
      devopsRoot: `${devopsSide.origin}/${encodeURIComponent(fixture.organization)}/`,
      graphUrl: graphSide.origin,
      tenantId: homeTenantOf(fixture),
    });
    const version = extensionVersion();
    const orgPath = `/${encodeURIComponent(fixture.organization)}/_settings/connection-expiry`;
    const pages = (current: 'project' | 'organization' | 'other') => [
      { href: '/', text: `Project settings (${fixture.project.name})`, current: current === 'project' },
      { href: orgPath, text: 'Organization settings', current: current === 'organization' },
    ];
    const base: HostPageConfig = {
      organization: fixture.organization,
      project: fixture.project,
      area: 'Project settings',
      pages: pages('project'),
      teamId: '2c8f0a6b-3d4e-4f50-9a61-7b82c93da4e5',
      hostId: '0e3f1a2b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
      contributionId: `${PUBLISHER}.${EXTENSION_ID}.hub`,
      extension: { id: `${PUBLISHER}.${EXTENSION_ID}`, publisherId: PUBLISHER, extensionId: EXTENSION_ID, version },
      user: {
        id: '5f9c3d2a-8b7e-4a61-9c0d-1e2f3a4b5c6d',
        name: 'adele.vance@contoso.example',
        displayName: 'Adele Vance',
        descriptor: 'aad.NWY5YzNkMmEtOGI3ZS03YTYxLTljMGQtMWUyZjNhNGI1YzZk',
        imageUrl:
          'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"%3E%3Ccircle cx="16" cy="16" r="16" fill="%230078d4"/%3E%3C/svg%3E',
      },
      extensionOrigin: extensionSide.origin,
      hubUrl: `${extensionSide.origin}/${hubPage}`,
      devopsOrigin: devopsSide.origin,
      devopsRoot: `${devopsSide.origin}/${encodeURIComponent(fixture.organization)}/`,
      adoToken: FAKE_ADO_TOKEN,
      appToken: 'local-devhost-app-token',
      naa: {
        enabled: fixture.host.nestedAppAuth,
        clientId: fixture.host.clientId,
        homeTenantId: homeTenantOf(fixture),
      },
      initialConfig: { localGraphRoot: graphSide.origin, localEntraClientId: fixture.host.clientId },
      themeData: THEMES.light,
      themes: THEMES,
      liveReload: !!options.liveReload,
      page: { kind: 'hub' },
      links: [],
      configUrl: '',
      configContributionId: '',
      cliLines: cli,
    };
    // Organization settings → Connection expiry: the organization hub, with no project in its context.
    const orgConfig: HostPageConfig = {
      ...base,
      project: null,
      area: 'Organization settings',
      pages: pages('organization'),
      contributionId: `${PUBLISHER}.${EXTENSION_ID}.org-hub`,
      hubUrl: `${extensionSide.origin}/${options.orgHubPage ?? 'orgHub.html'}`,
    };
    const pageFor = (path: string): HostPageConfig | null => {
      if (path === '/' || path === '/index.html') return base;
      if ((decodeSegment(path) ?? '').toLowerCase().replace(/\/+$/, '') === decodeURIComponent(orgPath).toLowerCase())
        return orgConfig;
      return null;
    };

    const scripts = hostScriptsDir();
    if (!existsSync(join(scripts, 'hostMain.js')))
      throw new Error(`local host: browser scripts not found in ${scripts}`);
    const links = pageLinks(fixture);
    /** Each page plays its Azure DevOps page around one contribution's frame. */
    const frameOf = (page: HostPageKind): { id: string; file: string } =>
      page.kind === 'pipeline'
        ? { id: 'pipeline-pills', file: 'pill.html' }
        : page.kind === 'run'
          ? { id: 'run-section', file: 'run-section.html' }
          : page.kind === 'dashboard'
            ? { id: 'widget', file: 'widget.html' }
            : { id: 'hub', file: hubPage };
    const hostSide = await listen(
      (req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (options.liveReload?.handle(req, res)) return;
        const routed =
          req.method === 'GET'
            ? routePage(fixture, new URL(req.url ?? '/', 'http://host'), (options.now ?? Date.now)())
            : null;
        if (routed && routed.page.kind !== 'hub') {
          const frame = frameOf(routed.page);
          const status = routed.page.kind === 'not-found' ? 404 : 200;
          return sendText(
            res,
            status,
            'text/html; charset=utf-8',
            renderHostPage({
              ...base,
              project: routed.project,
              pages: pages('other'),
              contributionId: `${PUBLISHER}.${EXTENSION_ID}.${frame.id}`,
              hubUrl: `${extensionSide.origin}/${frame.file}`,
              page: routed.page,
              links,
              configUrl: `${extensionSide.origin}/widget-configuration.html`,
              configContributionId: `${PUBLISHER}.${EXTENSION_ID}.widget-configuration`,
            }),
          );
        }
        // Hub pages: the start page and the organization hub, or a project's hub at its Azure DevOps-like path.
        const page =
          req.method === 'GET' ? (pageFor(path) ?? (routed ? { ...base, project: routed.project } : null)) : null;
        if (page) return sendText(res, 200, 'text/html; charset=utf-8', renderHostPage({ ...page, links }));
        if (path.startsWith('/host/') && serveFrom(scripts, req.method, path.slice('/host'.length), res)) return;
        if (path === '/favicon.ico') return sendText(res, 204, 'image/x-icon', '');
        sendText(res, 404, 'text/plain; charset=utf-8', 'Not found');
      },
      options.port ?? 8080,
      origins,
    );
    started.push(hostSide.server);
    origins.add(hostSide.origin);

    return {
      url: `${hostSide.origin}/`,
      graphUrl: graphSide.origin,
      orgHubUrl: `${hostSide.origin}${orgPath}`,
      devopsUrl: base.devopsRoot,
      extensionUrl: extensionSide.origin,
      cliLines: cli,
      graphStats: graph.stats,
      devopsStats: devops.stats,
      afterDocumentRead: (hook) => {
        devops.hooks.afterDocumentRead = hook ?? undefined;
      },
      close: () => Promise.all(started.map(closeServer)).then(() => undefined),
    };
  } catch (e) {
    await Promise.all(started.map(closeServer));
    throw e;
  }
}
