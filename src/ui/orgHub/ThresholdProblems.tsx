import * as React from 'react';
import { MessageBar, MessageBarSeverity } from 'azure-devops-ui/MessageBar';
import type { Thresholds } from '../../core/types';
import type { ProjectState } from './projectLists';

/**
 * Names each project whose thresholds document could not be read (or says none could be read): its rows
 * use the defaults, and the page says so rather than showing them as the project's own.
 */
export function ThresholdProblems(props: {
  projects: ProjectState[];
  problems: Map<string, string>;
  error: string | null;
  defaults: Thresholds;
}) {
  const defaults = `the defaults (warning ${props.defaults.warningDays} days, critical ${props.defaults.criticalDays})`;
  if (props.error)
    return (
      <MessageBar className="sce-banner" severity={MessageBarSeverity.Warning}>
        <span data-thresholds-unread="all">
          The projects&apos; thresholds could not be read ({props.error}): every row uses {defaults}, which may not be
          its project&apos;s own. Refresh to read them again.
        </span>
      </MessageBar>
    );
  const named = props.projects.filter((p) => props.problems.has(p.project.id.toLowerCase()));
  if (named.length === 0) return null;
  return (
    <MessageBar className="sce-banner" severity={MessageBarSeverity.Warning}>
      <span>
        {named.length === 1 ? "One project's thresholds" : `${named.length} projects' thresholds`} could not be read:
        {named.length === 1 ? ' its rows use ' : ' their rows use '}
        {defaults}, not the project&apos;s own.
      </span>
      <ul className="sce-problem-list">
        {named.map((p) => (
          <li key={p.project.id} data-thresholds-unread={p.project.id}>
            {p.project.name}: {props.problems.get(p.project.id.toLowerCase())}
          </li>
        ))}
      </ul>
    </MessageBar>
  );
}
