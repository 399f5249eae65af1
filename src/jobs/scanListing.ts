import { HttpError } from '../adapters/http';
import type { DevOpsClient } from '../adapters/rest/devopsRestClient';
import { oneLine } from '../adapters/output';
import { mapWithConcurrency } from '../adapters/pool';
import { parseEndpoint } from '../core/endpoint';
import { keyFor } from '../core/graphQueries';
import { createOrgListing, type ListedConnection } from '../core/orgListing';
import type { ProjectRef } from '../core/types';
import type { JobDeps } from './deps';
import { readFailure, type ReadFailure } from './readFailure';
import type { ScannedProject, ScanInput, ScanProblem } from './scan';

/** The scan's first steps: which projects, and each project's service connections (bounded concurrency). */

type Client = Pick<DevOpsClient, 'listProjects' | 'listEndpoints'>;

export const problemText = (e: unknown) => oneLine(e instanceof Error ? e.message : String(e), 300);

/**
 * The projects named with --project, else every project of the organization; when none can be listed, the failure
 * (also pushed to `problems`).
 */
export async function projectsToScan(
  input: ScanInput,
  deps: JobDeps,
  client: Client,
  problems: ScanProblem[],
): Promise<ProjectRef[] | ReadFailure> {
  if (input.projects.length > 0) return input.projects.map((name) => ({ id: '', name }));
  deps.progress('Listing projects', 0, 0);
  try {
    const listing = await client.listProjects(100);
    // A server that pages forever: scan what was listed, and say the list is incomplete (exit 3).
    if (listing.problem)
      problems.push({
        kind: 'organization',
        name: input.orgUrl,
        message: `project list incomplete: ${oneLine(listing.problem, 300)}`,
      });
    deps.log(`${listing.projects.length} project(s) in ${input.orgUrl}`);
    return listing.projects;
  } catch (e) {
    // The client's message names the listing when Azure DevOps answered; a network or format failure does not.
    const answered = e instanceof HttpError && e.status !== null && e.status !== 200;
    const message = answered ? problemText(e) : `cannot list projects: ${problemText(e)}`;
    problems.push({ kind: 'organization', name: input.orgUrl, message });
    return readFailure(e, null, message);
  }
}

export interface ListedProject {
  project: ProjectRef;
  raw: unknown[];
}

/** Each project's endpoints; a project that cannot be listed is one problem (and one failure), in project order. */
export async function listConnections(
  projects: ProjectRef[],
  concurrency: number,
  deps: JobDeps,
  client: Client,
  problems: ScanProblem[],
): Promise<{ listed: ListedProject[]; failures: ReadFailure[] }> {
  let listed = 0;
  const failures: ReadFailure[] = [];
  const lists = await mapWithConcurrency(projects, concurrency, async (project) => {
    try {
      const raw = await client.listEndpoints(project.name);
      deps.log(`project "${project.name}": ${raw.length} service connection(s)`);
      return { project, raw };
    } catch (e) {
      const message = problemText(e);
      problems.push({ kind: 'project', name: project.name, message });
      failures.push(readFailure(e, project.name, message));
      return null;
    } finally {
      deps.progress('Reading service connections', ++listed, projects.length);
    }
  });
  // Keep the problems in project order, whatever order the requests finished in.
  const order = new Map(projects.map((p, i) => [p.name, i]));
  problems.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  failures.sort((a, b) => (order.get(a.project ?? '') ?? 0) - (order.get(b.project ?? '') ?? 0));
  return { listed: lists.filter((l): l is ListedProject => l !== null), failures };
}

/** Connections shared across projects are listed once, under the first project that lists them. */
export function dedupe(lists: ListedProject[]): ListedConnection[] {
  const listing = createOrgListing();
  for (const { project, raw } of lists)
    listing.add(
      project,
      raw.map((item) => parseEndpoint(item)),
    );
  return listing.entries();
}

/** The apps a project's own connections use; a project named by --project takes its id from them. */
export function scannedProject({ project, raw }: ListedProject): ScannedProject {
  const connections = raw.map((item) => parseEndpoint(item));
  const appKeys = [...new Set(connections.map(keyFor).filter((k): k is string => k !== null))];
  let id = project.id;
  if (!id) {
    const name = project.name.toLowerCase();
    id = connections.flatMap((c) => c.projects).find((p) => p.id && p.name.toLowerCase() === name)?.id ?? '';
  }
  return { project: { id, name: project.name }, appKeys };
}
