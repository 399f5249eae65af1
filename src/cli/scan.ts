import { createDevOpsClient } from '../adapters/rest/devopsRestClient';
import { lookupAppsWithFollowUp } from '../adapters/graph/notFoundFollowUp';
import { keyFor, lookupFor, queriesFor } from '../core/graphQueries';
import { mapWithConcurrency, type FetchLike } from '../adapters/http';
import { parseEndpoint } from '../core/endpoint';
import { createOrgListing, type ListedConnection } from '../core/orgListing';
import type { ReportEntry } from '../core/report';
import { computeVerdict } from '../core/verdict';
import type { AppLookup, Connection, ProjectRef, Thresholds } from '../core/types';
import type { DevOpsAuth, GraphAuth } from './auth';
import { oneLine } from './io';
import { readScanUsage } from './usage';
import type { UsageMap } from '../core/usage';

/** The org-wide scan: projects → endpoints (bounded concurrency) → dedupe → Graph ($batch) → verdicts. */

export interface ScanProblem {
  kind: 'organization' | 'project' | 'app';
  /** The organization URL, the project name or the appId. */
  name: string;
  message: string;
  tenantId?: string | null;
  /** Names of the connections that use the app. */
  connections?: string[];
}

export interface ScanInput {
  orgUrl: string;
  projects: string[];
  thresholds: Thresholds;
  graphUrl: string | null;
  concurrency: number;
  timeoutMs: number;
  nowMs: number;
  devops: DevOpsAuth;
  graph: GraphAuth;
  /** Every request; the Azure DevOps and Graph clients retry throttled answers (adapters/retry.ts). */
  fetch: FetchLike;
  log: (line: string) => void;
  progress: (phase: string, done: number, total: number) => void;
}

/** A project whose connections were listed, and the Graph lookups (keyFor) its connections use. */
export interface ScannedProject {
  /** `id` is '' when the project was named with --project and no connection said its id. */
  project: ProjectRef;
  appKeys: string[];
}

export interface ScanResult {
  entries: ReportEntry[];
  problems: ScanProblem[];
  projectCount: number;
  /** Every project whose connections could be listed, in project order. */
  scanned: ScannedProject[];
  /** Graph's answers, by appKey (tenant|appId). */
  lookups: Map<string, AppLookup>;
  /** Which pipelines used each connection (execution history), by connection id in lower case. */
  usage: UsageMap;
  /** Connections whose execution history could not be read: their "used by" is unknown (null), never "unused". */
  unreadUsage: { connection: string; project: string; message: string }[];
  /** Every connection listed, with the project it was listed under. */
  found: { connection: Connection; project: string }[];
}

const message = (e: unknown) => oneLine(e instanceof Error ? e.message : String(e), 300);

/** Connections shared across projects are listed once, under the first project that lists them. */
export function dedupe(lists: { project: ProjectRef; raw: unknown[] }[]): ListedConnection[] {
  const listing = createOrgListing();
  for (const { project, raw } of lists)
    listing.add(
      project,
      raw.map((item) => parseEndpoint(item)),
    );
  return listing.entries();
}

function appProblems(found: { connection: Connection }[], results: Map<string, AppLookup>): ScanProblem[] {
  const byKey = new Map<string, ScanProblem>();
  for (const { connection: c } of found) {
    const lookup = lookupFor(c, results);
    const key = keyFor(c);
    if (!key || !lookup || lookup.kind === 'found' || lookup.kind === 'not-found') continue;
    const problem = byKey.get(key) ?? {
      kind: 'app',
      name: c.appId ?? '',
      tenantId: c.tenantId,
      connections: [],
      message: oneLine(lookup.message, 300),
    };
    problem.connections?.push(c.name);
    byKey.set(key, problem);
  }
  return [...byKey.values()];
}

export async function scanOrganization(input: ScanInput): Promise<ScanResult> {
  const problems: ScanProblem[] = [];
  const empty = (): ScanResult => ({
    entries: [],
    problems,
    projectCount: 0,
    scanned: [],
    lookups: new Map(),
    usage: {},
    unreadUsage: [],
    found: [],
  });
  // Ask for the Azure DevOps credential once, up front: a missing sign-in fails fast, not per project.
  try {
    await input.devops.header();
  } catch (e) {
    problems.push({ kind: 'organization', name: input.orgUrl, message: message(e) });
    return empty();
  }
  const client = createDevOpsClient({
    orgUrl: input.orgUrl,
    authorization: input.devops.header,
    fetch: input.fetch,
    timeoutMs: input.timeoutMs,
    log: input.log,
  });

  let projects: ProjectRef[];
  if (input.projects.length > 0) {
    projects = input.projects.map((name) => ({ id: '', name }));
  } else {
    input.progress('Listing projects', 0, 0);
    try {
      const listing = await client.listProjects(100);
      projects = listing.projects;
      // A server that pages forever: scan what was listed, and say the list is incomplete (exit 3).
      if (listing.problem)
        problems.push({
          kind: 'organization',
          name: input.orgUrl,
          message: `project list incomplete: ${oneLine(listing.problem, 300)}`,
        });
    } catch (e) {
      problems.push({ kind: 'organization', name: input.orgUrl, message: `cannot list projects: ${message(e)}` });
      return empty();
    }
    input.log(`${projects.length} project(s) in ${input.orgUrl}`);
  }

  let listed = 0;
  const lists = await mapWithConcurrency(projects, input.concurrency, async (project) => {
    try {
      const raw = await client.listEndpoints(project.name);
      input.log(`project "${project.name}": ${raw.length} service connection(s)`);
      return { project, raw };
    } catch (e) {
      problems.push({ kind: 'project', name: project.name, message: message(e) });
      return null;
    } finally {
      input.progress('Reading service connections', ++listed, projects.length);
    }
  });
  const listedProjects = lists.filter((l): l is { project: ProjectRef; raw: unknown[] } => l !== null);
  const scanned = listedProjects.map(scannedProject);
  const found = dedupe(listedProjects);
  // Keep the problems in project order, whatever order the requests finished in.
  const order = new Map(projects.map((p, i) => [p.name, i]));
  problems.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));

  const queries = queriesFor(found.map((f) => f.connection));
  let results = new Map<string, AppLookup>();
  if (queries.length > 0) {
    const total = new Set(queries.map((q) => `${q.tenantId}|${q.appId}`.toLowerCase())).size;
    let answered = 0;
    input.log(`Microsoft Graph: ${total} app registration(s) for ${found.length} connection(s)`);
    results = await lookupAppsWithFollowUp(queries, {
      getToken: input.graph.getToken,
      tokenAtHand: (tenantId, cloudRoot) => input.graph.getToken(tenantId, cloudRoot).catch(() => null),
      fetch: input.fetch,
      graphRootFor: input.graphUrl ? () => input.graphUrl as string : undefined,
      concurrency: input.concurrency,
      timeoutMs: input.timeoutMs,
      onResult: () => input.progress('Reading app registrations', ++answered, total),
    });
  }
  problems.push(...appProblems(found, results));

  // A connection whose history cannot be read keeps usedBy null: unknown, never "unused".
  const { usage, failures } = await readScanUsage(found, client, {
    nowMs: input.nowMs,
    concurrency: input.concurrency,
    progress: (done, total) => input.progress('Reading usage history', done, total),
  });
  const entries: ReportEntry[] = found.map(({ connection, project }) => {
    const lookup = lookupFor(connection, results);
    const own = usage[connection.id.toLowerCase()];
    const verdict = computeVerdict({
      connection,
      lookup,
      nowMs: input.nowMs,
      thresholds: input.thresholds,
      usage: own,
    });
    return {
      connection,
      verdict,
      project,
      appDisplayName: lookup?.kind === 'found' ? lookup.app.displayName : null,
      usage: own,
    };
  });
  const unreadUsage = found.flatMap(({ connection, project }) => {
    const message = failures[connection.id.toLowerCase()];
    return message ? [{ connection: connection.name, project, message }] : [];
  });
  return { entries, problems, projectCount: projects.length, scanned, lookups: results, usage, unreadUsage, found };
}

/** The apps a project's own connections use; a project named by --project takes its id from them. */
function scannedProject({ project, raw }: { project: ProjectRef; raw: unknown[] }): ScannedProject {
  const connections = raw.map((item) => parseEndpoint(item));
  const appKeys = [...new Set(connections.map(keyFor).filter((k): k is string => k !== null))];
  let id = project.id;
  if (!id) {
    const name = project.name.toLowerCase();
    id = connections.flatMap((c) => c.projects).find((p) => p.id && p.name.toLowerCase() === name)?.id ?? '';
  }
  return { project: { id, name: project.name }, appKeys };
}
