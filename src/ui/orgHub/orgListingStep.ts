import { keyFor } from '../../core/graphQueries';
import { createOrgListing } from '../../core/orgListing';
import type { Connection, ProjectRef } from '../../core/types';
import type { OrgHubDeps } from './deps';
import type { OrgData } from './orgLoad';
import { listEveryProject, type ProjectState } from './projectLists';

/** Rows are redrawn at most this often while projects keep arriving. */
const DRAW_MS = 250;

const idKey = (p: ProjectRef) => p.id.toLowerCase();

function pendingKeys(connections: Connection[], answered: Map<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const c of connections) {
    const key = keyFor(c);
    if (key && !answered.has(key)) out.add(key);
  }
  return out;
}

export interface OrgListing {
  /** Every connection once (a shared one under the first project that listed it). */
  connections: Connection[];
  /** The projects whose connections could be listed, in Azure DevOps's order. */
  listed: ProjectRef[];
}

/**
 * The organization's projects, then each project's connections as its list lands, drawn on the page in
 * groups; null when the projects could not be listed (the page says so, with Retry).
 * `graphWillAnswer`: false once this viewer is known to have no Graph token, so new rows are final at once.
 */
export async function listOrganization(
  deps: Pick<OrgHubDeps, 'listProjects' | 'listEndpoints' | 'now'>,
  update: (f: (d: OrgData) => OrgData) => void,
  graphWillAnswer: () => boolean,
): Promise<OrgListing | null> {
  const listing = createOrgListing();
  const states = new Map<string, ProjectState>();
  let order: ProjectRef[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let rowsShown = false;
  const draw = (listed = false) => {
    timer = null;
    const connections = listing.entries().map((e) => e.connection);
    rowsShown = connections.length > 0;
    const projects = order.map((p) => states.get(idKey(p)) ?? { project: p, state: 'waiting' as const });
    update((d) => ({
      ...d,
      phase: 'loaded',
      connections,
      projects,
      listed,
      pending: graphWillAnswer() ? pendingKeys(connections, d.lookups) : new Set(),
      checkedAt: d.checkedAt ?? deps.now(),
    }));
  };
  // Until rows are on screen every change goes out on the next task (not at once: React 16 renders a
  // setState outside its events synchronously, which would hold back the next requests); later
  // projects are drawn in groups.
  const schedule = () => {
    if (!timer) timer = setTimeout(() => draw(), rowsShown ? DRAW_MS : 0);
  };
  try {
    await listEveryProject(
      deps,
      (projects) => {
        order = projects;
        schedule();
      },
      (state, connections) => {
        states.set(idKey(state.project), state);
        listing.add(state.project, connections);
        schedule();
      },
    );
  } catch (e) {
    if (timer) clearTimeout(timer);
    update((d) => ({
      ...d,
      phase: 'failed',
      error: `Azure DevOps did not list the organization's projects: ${(e as Error)?.message ?? e}`,
    }));
    return null;
  }
  if (timer) clearTimeout(timer);
  draw(true); // one render for the last rows and the end of the listing
  return {
    connections: listing.entries().map((e) => e.connection),
    listed: order.filter((p) => states.get(idKey(p))?.state === 'listed'),
  };
}
