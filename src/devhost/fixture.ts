import { readFileSync } from 'fs';
import { normalizeFixFixture, type FixFixture } from './fixtureFix';

/** The fixture file (docs/contracts.md#fixture-file): what the local host and the browser tests serve. */
export interface Fixture extends FixFixture {
  project: { id: string; name: string };
  organization: string;
  endpoints: unknown[];
  applications: unknown[];
  servicePrincipals: unknown[];
  federatedIdentityCredentials: Record<string, unknown[]>;
  graphFaults: Record<string, number>;
  /**
   * The delegated Graph permissions the signed-in caller holds (default ["Application.Read.All"]): without
   * User.ReadBasic.All, user owners come back as `@odata.type` and `id` only.
   */
  graphPermissions: string[];
  /** statusCode: a number (200, 400) or a System.Net.HttpStatusCode name ("ok", "badRequest"). */
  proxyResults: Record<string, { statusCode: number | string; errorMessage?: string }>;
  host: { nestedAppAuth: boolean; clientId: string | null };
  /** The organization's other projects (the organization hub lists them all). */
  projects: { id: string; name: string }[];
  /** Project id or name → HTTP status its endpoint list answers with (403: the viewer may not read them). */
  projectFaults: Record<string, number>;
  /**
   * Endpoint id → execution records as the REST API returns them (newest first or not: the host sorts): every
   * record the fixture holds for it, whatever its project (pages and definitions read these).
   */
  executionHistory: Record<string, unknown[]>;
  /**
   * Endpoint id → project name or id (lower case) → that project's records, for a fixture that gives history
   * per project (Azure DevOps stores it per project). An endpoint absent here has its records in its first
   * project only (devopsShapes.historyIn).
   */
  historyByProject: Record<string, Record<string, unknown[]>>;
  /** Runs the run-summary page can show. */
  builds: FixtureBuild[];
  /** Work item tracking: each project's process (default Agile), projects refusing writes, identities Azure DevOps knows. */
  workTracking: WorkTracking;
  /** "seed" (default): the host starts with the project's snapshot of the fixture's readings and usage. */
  snapshot: 'seed' | 'none';
}

export interface WorkTracking {
  /** Project id or name (lower case) → "Agile" | "Scrum" | "Basic" | "CMMI". */
  processes: Record<string, string>;
  /** Project id or name (lower case) → the status work item writes answer with (403: TF237111). */
  refuse: Record<string, number>;
  /** Sign-in names Azure DevOps knows (Assigned To); every connection creator is known too. */
  identities: string[];
}

export interface FixtureBuild {
  id: number;
  definitionId: number;
  definitionName: string;
  buildNumber: string;
  /** BuildResult name as the REST API writes it: succeeded, partiallySucceeded, failed, canceled, none. */
  result: string;
  finishTime?: string;
}

export const DEFAULT_CLIENT_ID = '6a3c9f10-5b2e-4d7a-9c1e-0f4b8d2a7e55';

const NOW_TOKEN = /^\{\{now(?:([+-])(\d+)([dhm]))?\}\}$/;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };

/** Replaces every `{{now}}`, `{{now+5d}}`, `{{now-3h}}`, `{{now+90m}}` string with that ISO instant. */
export function resolveNowTokens<T>(value: T, nowMs: number): T {
  if (typeof value === 'string') {
    const m = NOW_TOKEN.exec(value.trim());
    if (!m) return value;
    const offset = m[1] ? (m[1] === '-' ? -1 : 1) * Number(m[2]) * UNIT_MS[m[3]] : 0;
    return new Date(nowMs + offset).toISOString() as unknown as T;
  }
  if (Array.isArray(value)) return value.map((v) => resolveNowTokens(v, nowMs)) as unknown as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveNowTokens(v, nowMs);
    return out as T;
  }
  return value;
}

function obj(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function projectList(v: unknown): Fixture['projects'] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Error('fixture: "projects" must be an array of {id, name}');
  return v.map((p, i) => {
    const o = obj(p);
    if (typeof o.id !== 'string' || typeof o.name !== 'string' || !o.id || !o.name)
      throw new Error(`fixture: projects[${i}] needs string "id" and "name"`);
    return { id: o.id, name: o.name };
  });
}

function faults(v: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [project, status] of Object.entries(obj(v))) {
    if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599)
      throw new Error(`fixture: projectFaults["${project}"] must be an HTTP error status such as 403`);
    out[project.toLowerCase()] = status as number;
  }
  return out;
}

/** Fills in the optional keys; throws a one-line message naming what is wrong. */
function builds(v: unknown): FixtureBuild[] {
  if (v === undefined) return [];
  if (!Array.isArray(v))
    throw new Error('fixture: "builds" must be an array of {id, definitionId, definitionName, buildNumber, result}');
  return v.map((b, i) => {
    const o = obj(b);
    if (!Number.isInteger(o.id) || !Number.isInteger(o.definitionId))
      throw new Error(`fixture: builds[${i}] needs integer "id" and "definitionId"`);
    return {
      id: o.id as number,
      definitionId: o.definitionId as number,
      definitionName: typeof o.definitionName === 'string' ? o.definitionName : `Pipeline ${String(o.definitionId)}`,
      buildNumber: typeof o.buildNumber === 'string' ? o.buildNumber : String(o.id),
      result: typeof o.result === 'string' ? o.result : 'succeeded',
      ...(typeof o.finishTime === 'string' ? { finishTime: o.finishTime } : {}),
    };
  });
}

/** `executionHistory`: per endpoint, an array of records, or per project (name or id) an array. */
function history(v: unknown): Pick<Fixture, 'executionHistory' | 'historyByProject'> {
  const all: Record<string, unknown[]> = {};
  const byProject: Record<string, Record<string, unknown[]>> = {};
  const bad = (id: string) =>
    new Error(
      `fixture: executionHistory["${id}"] must be an array of execution records, or an object of arrays by project name or id`,
    );
  for (const [id, list] of Object.entries(obj(v))) {
    if (Array.isArray(list)) {
      all[id.toLowerCase()] = list;
      continue;
    }
    if (!list || typeof list !== 'object') throw bad(id);
    const perProject: Record<string, unknown[]> = {};
    for (const [project, records] of Object.entries(list as Record<string, unknown>)) {
      if (!Array.isArray(records)) throw bad(id);
      perProject[project.toLowerCase()] = records;
    }
    byProject[id.toLowerCase()] = perProject;
    all[id.toLowerCase()] = Object.values(perProject).flat();
  }
  return { executionHistory: all, historyByProject: byProject };
}

function lowerKeys(v: unknown, what: string, valid: (x: unknown) => boolean): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(obj(v))) {
    if (!valid(x)) throw new Error(`fixture: workTracking.${what}["${k}"] is not valid`);
    out[k.toLowerCase()] = x;
  }
  return out as Record<string, never>;
}

function workTracking(v: unknown, endpoints: unknown[]): WorkTracking {
  const o = obj(v);
  const processes = ['agile', 'scrum', 'basic', 'cmmi'];
  const creators = endpoints
    .map((e) => obj(obj(e).createdBy).uniqueName as unknown)
    .filter((u): u is string => typeof u === 'string' && u !== '');
  const identities = Array.isArray(o.identities) ? o.identities.filter((i): i is string => typeof i === 'string') : [];
  return {
    processes: lowerKeys(o.processes, 'processes', (x) => typeof x === 'string' && processes.includes(x.toLowerCase())),
    refuse: lowerKeys(o.refuse, 'refuse', (x) => Number.isInteger(x) && (x as number) >= 400 && (x as number) <= 599),
    identities: [...identities, ...creators],
  };
}

function permissions(v: unknown): string[] {
  if (v === undefined) return ['Application.Read.All'];
  if (!Array.isArray(v) || v.some((p) => typeof p !== 'string'))
    throw new Error('fixture: "graphPermissions" must be an array of permission names such as "User.ReadBasic.All"');
  return v as string[];
}

export function normalizeFixture(input: unknown): Fixture {
  const raw = obj(input);
  if (!Array.isArray(raw.endpoints)) throw new Error('fixture: "endpoints" must be an array of service endpoints');
  if (raw.snapshot !== undefined && raw.snapshot !== 'seed' && raw.snapshot !== 'none')
    throw new Error('fixture: "snapshot" must be "seed" or "none"');
  const project = obj(raw.project);
  const host = obj(raw.host);
  return {
    project: {
      id: typeof project.id === 'string' ? project.id : '1f31cb4d-5a69-419f-86f0-ee3a8ed9ced2',
      name: typeof project.name === 'string' ? project.name : 'Demo project',
    },
    organization: typeof raw.organization === 'string' ? raw.organization : 'contoso',
    endpoints: raw.endpoints,
    applications: Array.isArray(raw.applications) ? raw.applications : [],
    servicePrincipals: Array.isArray(raw.servicePrincipals) ? raw.servicePrincipals : [],
    federatedIdentityCredentials: obj(raw.federatedIdentityCredentials) as Record<string, unknown[]>,
    graphFaults: obj(raw.graphFaults) as Record<string, number>,
    graphPermissions: permissions(raw.graphPermissions),
    proxyResults: obj(raw.proxyResults) as Fixture['proxyResults'],
    projects: projectList(raw.projects),
    projectFaults: faults(raw.projectFaults),
    host: {
      nestedAppAuth: host.nestedAppAuth !== false,
      clientId: host.clientId === null ? null : typeof host.clientId === 'string' ? host.clientId : DEFAULT_CLIENT_ID,
    },
    ...history(raw.executionHistory),
    builds: builds(raw.builds),
    snapshot: raw.snapshot === 'none' ? 'none' : 'seed',
    ...normalizeFixFixture(raw),
    workTracking: workTracking(raw.workTracking, raw.endpoints),
  };
}

export function loadFixture(path: string): Fixture {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`fixture: cannot read ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`fixture: ${path} is not valid JSON (${(e as Error).message})`);
  }
  return normalizeFixture(json);
}
