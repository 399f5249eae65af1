import * as React from 'react';
import { showInvisibles } from '../../core/logSafe';
import type { ProjectRef } from '../../core/types';

export interface ProjectFilterProps {
  projects: ProjectRef[];
  value: string | null;
  onChange: (projectId: string | null) => void;
}

// azure-devops-ui's Dropdown is ~18 KB gzip: its own chunk, asked for at the first render, so the organization
// hub's initial JS stays within its 150 KB budget.
const ProjectPicker = React.lazy(() =>
  import(/* webpackChunkName: "projectFilter" */ './ProjectPicker').then((m) => ({ default: m.ProjectPicker })),
);

/** The project filter; until its chunk is in, the project it stands on, as plain text in its place. */
export function ProjectFilter(props: ProjectFilterProps) {
  const current = props.projects.find((p) => p.id === props.value);
  return (
    <React.Suspense
      fallback={
        <span className="sce-project-filter sce-project-filter-loading secondary-text" data-loading="true">
          {current ? showInvisibles(current.name) : 'All projects'}
        </span>
      }
    >
      <ProjectPicker {...props} />
    </React.Suspense>
  );
}
