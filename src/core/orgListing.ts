import type { Connection, ProjectRef } from './types';

/**
 * Connections of many projects, each listed once: a connection shared across projects is kept under the
 * first project that listed it, with every project it is shared with. Used by the scanner and the
 * organization hub, which add projects one by one as their lists arrive.
 */
export interface ListedConnection {
  connection: Connection;
  /** Name of the project that listed it first. */
  project: string;
}

const sameProject = (a: ProjectRef, b: ProjectRef) =>
  a.name.toLowerCase() === b.name.toLowerCase() || (!!a.id && a.id.toLowerCase() === b.id.toLowerCase());

export function createOrgListing() {
  const entries: ListedConnection[] = [];
  const index = new Map<string, number>();
  return {
    /** Adds one project's parsed connections; a shared one gains the project (as a new object, so views redraw). */
    add(project: ProjectRef, connections: Connection[]): void {
      connections.forEach((parsed, i) => {
        const key = parsed.id ? parsed.id.toLowerCase() : `${project.name}#${i}`;
        const at = index.get(key);
        if (at !== undefined) {
          const seen = entries[at];
          if (!seen.connection.projects.some((p) => sameProject(p, project)))
            entries[at] = {
              ...seen,
              connection: { ...seen.connection, projects: [...seen.connection.projects, project] },
            };
          return;
        }
        const projects = parsed.projects.length > 0 ? [...parsed.projects] : [project];
        index.set(key, entries.length);
        entries.push({ connection: { ...parsed, projects }, project: project.name });
      });
    },
    entries(): ListedConnection[] {
      return entries.slice();
    },
  };
}
