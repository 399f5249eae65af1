import type { Fixture } from './fixture';
import type { JsonAnswer } from './httpUtil';

/**
 * How Azure DevOps shapes its JSON. Extension clients (azure-devops-extension-api) send
 * `Accept: application/json;api-version=…;excludeUrls=true;enumsAsNumbers=true;msDateFormat=true;noArrayWrap=true`
 * and get bare arrays and `"\/Date(ms)\/"` dates; plain REST callers get `{count, value}` and ISO dates.
 */
export interface Flavor {
  noArrayWrap: boolean;
  msDates: boolean;
  excludeUrls: boolean;
  enumsAsNumbers: boolean;
}

export function flavorOf(accept: string | undefined): Flavor {
  const a = (accept ?? '').toLowerCase().replace(/\s+/g, '');
  return {
    noArrayWrap: a.includes('noarraywrap=true'),
    msDates: a.includes('msdateformat=true'),
    excludeUrls: a.includes('excludeurls=true'),
    enumsAsNumbers: a.includes('enumsasnumbers=true'),
  };
}

/** DateTime members of the types these routes return (azure-devops-extension-api ServiceEndpoint.d.ts, Core.d.ts). */
const DATE_KEYS = new Set([
  'creationDate',
  'modificationDate',
  'lastUpdateTime',
  'createdDate',
  'lastModifiedDate',
  'startTime',
  'finishTime',
  'createdOn',
  'modifiedOn',
]);
const MS_DATE_MARK = /"\/Date\((-?\d+)\)\/"/g;

function withMsDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withMsDates);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const ms = typeof v === 'string' && DATE_KEYS.has(k) ? Date.parse(v) : NaN;
      out[k] = Number.isNaN(ms) ? withMsDates(v) : `/Date(${ms})/`;
    }
    return out;
  }
  return value;
}

/** JSON text in the caller's flavour; MS dates come out as `"\/Date(ms)\/"`, as the real service writes them. */
export function serialize(value: unknown, flavor: Flavor): string {
  if (!flavor.msDates) return JSON.stringify(value);
  return JSON.stringify(withMsDates(value)).replace(MS_DATE_MARK, '"\\/Date($1)\\/"');
}

export function listAnswer(items: unknown[], flavor: Flavor, headers?: Record<string, string>): JsonAnswer {
  const body = flavor.noArrayWrap ? items : { count: items.length, value: items };
  return { status: 200, text: serialize(body, flavor), headers };
}

export function itemAnswer(item: unknown, flavor: Flavor, headers?: Record<string, string>): JsonAnswer {
  return { status: 200, text: serialize(item, flavor), headers };
}

/**
 * An error body shaped like Azure DevOps' WrappedException JSON ($id, innerException, message, typeName,
 * typeKey, errorCode, eventId), which azure-devops-extension-api's Fetch.js parses into `serverError`.
 * `assembly` is the .NET namespace and assembly of the exception type (typeName is "Namespace.Type, Assembly").
 */
export function vssError(
  status: number,
  typeKey: string,
  message: string,
  assembly = 'Microsoft.VisualStudio.Services.WebApi',
): JsonAnswer {
  return {
    status,
    body: {
      $id: '1',
      innerException: null,
      message,
      typeName: `${assembly}.${typeKey}, ${assembly}`,
      typeKey,
      errorCode: 0,
      eventId: 3000,
    },
  };
}

export const EXTENSION_MANAGEMENT = 'Microsoft.VisualStudio.Services.ExtensionManagement.WebApi';
export const SERVICE_ENDPOINTS = 'Microsoft.VisualStudio.Services.ServiceEndpoints.WebApi';
export const CORE = 'Microsoft.TeamFoundation.Core.WebApi';

export interface ProjectInfo {
  id: string;
  name: string;
}

function referencesOf(endpoint: unknown): ProjectInfo[] {
  const refs = (endpoint as { serviceEndpointProjectReferences?: unknown })?.serviceEndpointProjectReferences;
  if (!Array.isArray(refs)) return [];
  const out: ProjectInfo[] = [];
  for (const r of refs) {
    const p = (r as { projectReference?: { id?: unknown; name?: unknown } })?.projectReference;
    if (p && typeof p.id === 'string' && typeof p.name === 'string') out.push({ id: p.id, name: p.name });
  }
  return out;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The organization's projects: the fixture's project, the fixture's `projects`, then every other project a
 * connection is shared with.
 */
export function projectsOf(fixture: Fixture): ProjectInfo[] {
  const out: ProjectInfo[] = [fixture.project];
  for (const p of fixture.projects) if (!out.some((o) => same(o.id, p.id))) out.push(p);
  for (const e of fixture.endpoints) {
    for (const p of referencesOf(e)) if (!out.some((o) => same(o.id, p.id))) out.push(p);
  }
  return out;
}

export function findProject(projects: ProjectInfo[], idOrName: string): ProjectInfo | undefined {
  return projects.find((p) => same(p.id, idOrName) || same(p.name, idOrName));
}

/** A connection belongs to the projects it references; one without references belongs to the fixture's project. */
export function endpointInProject(endpoint: unknown, project: ProjectInfo, fixture: Fixture): boolean {
  const refs = referencesOf(endpoint);
  if (refs.length === 0) return same(project.id, fixture.project.id);
  return refs.some((r) => same(r.id, project.id));
}

/**
 * One project's execution history of an endpoint: the fixture's records for that project when it gives them
 * per project, else all its records in the endpoint's first project and none elsewhere (history is stored
 * per project, so one list cannot be every project's).
 */
export function historyIn(fixture: Fixture, endpoint: unknown, project: ProjectInfo): unknown[] {
  const id = String((endpoint as { id?: unknown })?.id ?? '').toLowerCase();
  const perProject = fixture.historyByProject[id];
  if (perProject) return perProject[project.name.toLowerCase()] ?? perProject[project.id.toLowerCase()] ?? [];
  const first = referencesOf(endpoint)[0];
  return !first || same(first.id, project.id) ? (fixture.executionHistory[id] ?? []) : [];
}

export function projectPayload(
  p: ProjectInfo,
  baseUrl: string,
  flavor: Flavor,
  nowIso: string,
): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    description: '',
    ...(flavor.excludeUrls ? {} : { url: `${baseUrl}/_apis/projects/${p.id}` }),
    state: flavor.enumsAsNumbers ? 1 : 'wellFormed',
    revision: 42,
    visibility: flavor.enumsAsNumbers ? 0 : 'private',
    lastUpdateTime: nowIso,
  };
}
