import { compareText } from './order';
import { summarize, type Summary } from './summary';
import type { Connection, ProjectRef, Status } from './types';

/** One project's counts per status; a connection shared by several projects counts in each. */
export interface ProjectTile {
  project: ProjectRef;
  summary: Summary;
  total: number;
}

const key = (p: ProjectRef) => (p.id || p.name).toLowerCase();

/** The counts that order the tiles: what needs action, then what could not be told. */
const RANKED: Status[] = ['expired', 'critical', 'warning', 'unknown'];

/** Most severe first: more expired, then more critical, then more warning, then more unknown; then by name. */
export function compareTiles(a: ProjectTile, b: ProjectTile): number {
  for (const status of RANKED) {
    const d = b.summary[status] - a.summary[status];
    if (d !== 0) return d;
  }
  return compareText(a.project.name, b.project.name);
}

export function projectTiles(
  projects: ProjectRef[],
  rows: { connection: Pick<Connection, 'projects'>; verdict: { status: Status } }[],
): ProjectTile[] {
  const statuses = new Map<string, Status[]>(projects.map((p) => [key(p), []]));
  for (const row of rows) {
    for (const p of row.connection.projects) statuses.get(key(p))?.push(row.verdict.status);
  }
  return projects
    .map((project) => {
      const list = statuses.get(key(project)) ?? [];
      return { project, summary: summarize(list), total: list.length };
    })
    .sort(compareTiles);
}
