import { workerPool } from '../../adapters/pool';
import { serverErrorOf } from '../../adapters/serverError';
import { parseEndpoint } from '../../core/endpoint';
import type { Connection, ProjectRef } from '../../core/types';
import type { OrgHubDeps } from './deps';

/** Endpoint lists read at once: enough to fill the wire, few enough not to be throttled. */
export const LIST_CONCURRENCY = 6;

export type ProjectState =
  | { project: ProjectRef; state: 'waiting' }
  | { project: ProjectRef; state: 'listed'; count: number }
  /** The viewer may not read this project's service connections (403), or the list failed. */
  | { project: ProjectRef; state: 'refused' | 'failed'; message: string };

function failure(project: ProjectRef, e: unknown): ProjectState {
  const { status, message } = serverErrorOf(e);
  if (status === 403 || status === 401)
    return {
      project,
      state: 'refused',
      message: `You do not have permission to see the service connections of ${project.name} (${status}).`,
    };
  return {
    project,
    state: 'failed',
    message: `Azure DevOps did not list the service connections of ${project.name}: ${message}`,
  };
}

/**
 * Lists the projects page by page and each project's endpoints with bounded concurrency, starting on a
 * page's projects as soon as it arrives. Each project's outcome is reported as it lands.
 */
export async function listEveryProject(
  deps: Pick<OrgHubDeps, 'listProjects' | 'listEndpoints'>,
  onProjects: (projects: ProjectRef[]) => void,
  onListed: (state: ProjectState, connections: Connection[]) => void,
): Promise<void> {
  const all: ProjectRef[] = [];
  const pool = workerPool(LIST_CONCURRENCY, async (project: ProjectRef) => {
    try {
      const raw = await deps.listEndpoints(project.name);
      const connections = raw.map(parseEndpoint);
      onListed({ project, state: 'listed', count: connections.length }, connections);
    } catch (e) {
      onListed(failure(project, e), []);
    }
  });
  const listing = deps
    .listProjects((page) => {
      all.push(...page);
      pool.add(page); // the workers send their requests before the caller draws anything
      onProjects([...all]);
    })
    .finally(() => pool.close());
  await listing;
  await pool.done;
}
