import { findProject, projectsOf, type ProjectInfo } from './devopsShapes';
import { resolveNowTokens, type Fixture } from './fixture';
import { decodeSegment } from './httpUtil';

/**
 * The Azure DevOps pages the local host plays, at Azure DevOps-like paths:
 *   /{org}/{project}/_settings/connection-expiry   Project Settings hub (also /_settings/{publisher}.{extension}.hub)
 *   /{org}/{project}/_build?definitionId=N         a pipeline's page, which asks the pill provider for pills
 *   /{org}/{project}/_build/results?buildId=N      a run's summary, with the extension's section and build page data
 *   /{org}/{project}/_dashboards[?size=2x1&statuses=expired,critical&title=…]   a dashboard with the widget
 * `/` is the project hub of the fixture's project, with links to every page.
 */

/** BuildResult in azure-devops-extension-api/Build: what the build page data service hands out (numbers). */
const BUILD_RESULTS: Record<string, number> = {
  none: 0,
  succeeded: 2,
  partiallysucceeded: 4,
  failed: 8,
  canceled: 32,
};

export interface RunPageBuild {
  id: number;
  buildNumber: string;
  result: number;
  resultName: string;
  /** BuildStatus.Completed */
  status: number;
  finishTime: string | null;
  definition: { id: number; name: string };
}

/** WidgetSettings (azure-devops-extension-api/Dashboard) as a dashboard hands them to load(). */
export interface DashboardWidgetSettings {
  name: string;
  size: { rowSpan: number; columnSpan: number };
  customSettings: { data: string | null; version: { major: number; minor: number; patch: number } };
}

export type HostPageKind =
  | { kind: 'hub' }
  | { kind: 'pipeline'; definitionId: number; definitionName: string; pillGroupId: string; serviceName: string }
  | { kind: 'run'; buildId: number; build: RunPageBuild | null }
  | { kind: 'dashboard'; settings: DashboardWidgetSettings }
  | { kind: 'not-found'; message: string };

export interface RoutedPage {
  project: ProjectInfo;
  page: HostPageKind;
}

export const PILL_GROUP = 'ms.vss-build-web.build-definition-detail-view-header-pills';
export const PILL_SERVICE = 'connection-expiry-pills';

interface Definition {
  id: number;
  name: string;
}

/** Build pipelines the fixture knows, from its builds and its execution history. */
export function definitionsOf(fixture: Fixture): Definition[] {
  const out = new Map<number, string>();
  for (const b of fixture.builds) out.set(b.definitionId, b.definitionName);
  for (const list of Object.values(fixture.executionHistory)) {
    for (const r of list) {
      const d = (r as { data?: { planType?: unknown; definition?: { id?: unknown; name?: unknown } } })?.data;
      if (String(d?.planType ?? '').toLowerCase() !== 'build') continue;
      if (typeof d?.definition?.id === 'number' && !out.has(d.definition.id))
        out.set(
          d.definition.id,
          typeof d.definition.name === 'string' ? d.definition.name : `Pipeline ${d.definition.id}`,
        );
    }
  }
  return [...out.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.id - b.id);
}

/** When the run finished: the fixture's own date, else the run's latest execution record. */
function finishTimeOf(fixture: Fixture, buildId: number, nowMs: number): string | null {
  let latest: string | null = null;
  for (const list of Object.values(resolveNowTokens(fixture.executionHistory, nowMs))) {
    for (const r of list) {
      const d = (r as { data?: { owner?: { id?: unknown }; finishTime?: unknown } })?.data;
      if (d?.owner?.id === buildId && typeof d.finishTime === 'string' && (latest === null || d.finishTime > latest))
        latest = d.finishTime;
    }
  }
  return latest;
}

function runBuild(fixture: Fixture, buildId: number, nowMs: number): RunPageBuild | null {
  const b = fixture.builds.find((x) => x.id === buildId);
  if (!b) return null;
  const own = b.finishTime ? resolveNowTokens(b.finishTime, nowMs) : null;
  return {
    id: b.id,
    buildNumber: b.buildNumber,
    result: BUILD_RESULTS[b.result.toLowerCase()] ?? 0,
    resultName: b.result,
    status: 2,
    finishTime: own ?? finishTimeOf(fixture, b.id, nowMs) ?? new Date(nowMs).toISOString(),
    definition: { id: b.definitionId, name: b.definitionName },
  };
}

function intParam(q: URLSearchParams, name: string): number | null {
  const v = q.get(name);
  return v !== null && /^\d{1,9}$/.test(v) ? Number(v) : null;
}

function dashboardSettings(q: URLSearchParams): DashboardWidgetSettings {
  const size = q.get('size') === '2x1' ? { rowSpan: 1, columnSpan: 2 } : { rowSpan: 2, columnSpan: 2 };
  const statuses = q.get('statuses');
  return {
    name: q.get('title') ?? 'Service connection expiry',
    size,
    customSettings: {
      // A widget just added to a dashboard has no custom settings yet.
      data: statuses === null ? null : JSON.stringify({ statuses: statuses.split(',').filter(Boolean) }),
      version: { major: 1, minor: 0, patch: 0 },
    },
  };
}

/** The page for a path on the host origin; null when the path is not a page (or does not decode). */
export function routePage(fixture: Fixture, url: URL, nowMs: number): RoutedPage | null {
  const home = fixture.project;
  if (url.pathname === '/' || url.pathname === '/index.html') return { project: home, page: { kind: 'hub' } };
  const decoded = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (decoded.some((p) => p === null)) return null;
  const parts = decoded as string[];
  if (parts.length < 3 || parts[0].toLowerCase() !== fixture.organization.toLowerCase()) return null;
  const project = findProject(projectsOf(fixture), parts[1]);
  const rest = parts.slice(2).join('/').toLowerCase();
  const known = /^(_settings\/[^/]+|_build|_build\/results|_dashboards)$/.test(rest);
  if (!known) return null;
  if (!project)
    return {
      project: home,
      page: { kind: 'not-found', message: `There is no project "${parts[1]}" in this organization.` },
    };
  if (rest.startsWith('_settings/')) {
    const hub = rest === '_settings/connection-expiry' || rest.endsWith('.hub');
    return hub ? { project, page: { kind: 'hub' } } : null;
  }
  if (rest === '_dashboards')
    return { project, page: { kind: 'dashboard', settings: dashboardSettings(url.searchParams) } };
  if (rest === '_build') {
    const id = intParam(url.searchParams, 'definitionId');
    if (id === null)
      return { project, page: { kind: 'not-found', message: 'This pipeline page needs ?definitionId=N.' } };
    const name = definitionsOf(fixture).find((d) => d.id === id)?.name ?? `Pipeline ${id}`;
    return {
      project,
      page: {
        kind: 'pipeline',
        definitionId: id,
        definitionName: name,
        pillGroupId: PILL_GROUP,
        serviceName: PILL_SERVICE,
      },
    };
  }
  const buildId = intParam(url.searchParams, 'buildId');
  if (buildId === null) return { project, page: { kind: 'not-found', message: 'This run page needs ?buildId=N.' } };
  return { project, page: { kind: 'run', buildId, build: runBuild(fixture, buildId, nowMs) } };
}

/** Links of the start page: every page the host plays for the fixture's project. */
export function pageLinks(fixture: Fixture): { label: string; href: string }[] {
  const base = `/${encodeURIComponent(fixture.organization)}/${encodeURIComponent(fixture.project.name)}`;
  return [
    { label: 'Project settings hub', href: `${base}/_settings/connection-expiry` },
    ...definitionsOf(fixture).map((d) => ({
      label: `Pipeline ${d.name}`,
      href: `${base}/_build?definitionId=${d.id}`,
    })),
    ...fixture.builds.map((b) => ({
      label: `Run ${b.definitionName} #${b.buildNumber} (${b.result})`,
      href: `${base}/_build/results?buildId=${b.id}`,
    })),
    { label: 'Dashboard', href: `${base}/_dashboards` },
  ];
}
