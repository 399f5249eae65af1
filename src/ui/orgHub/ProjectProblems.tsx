import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import type { ProjectState } from './projectLists';

/** One line per project whose connections could not be read: the rest of the page is unaffected. */
export function ProjectProblems(props: { projects: ProjectState[] }) {
  const problems = props.projects.filter(
    (p): p is Extract<ProjectState, { message: string }> => p.state === 'refused' || p.state === 'failed',
  );
  if (problems.length === 0) return null;
  return (
    <MessageBar className="sce-banner sce-project-problems" severity={MessageBarSeverity.Warning}>
      <span>
        {problems.length === 1
          ? 'One project could not be read; its connections are not listed:'
          : `${problems.length} projects could not be read; their connections are not listed:`}
      </span>
      <ul className="sce-problem-list">
        {problems.map((p) => (
          <li key={p.project.id} data-project-problem={p.project.id} data-problem={p.state}>
            {p.message}
          </li>
        ))}
      </ul>
    </MessageBar>
  );
}
