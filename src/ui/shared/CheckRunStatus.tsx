import * as React from 'react';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { checkRunText, type CheckRun } from './useHealthChecks';

/** "Checking 12 connections…", then "12 checked: 10 work, 2 fail.": said to screen readers as it changes. */
export function CheckRunStatus(props: { run: CheckRun | null }) {
  const { run } = props;
  if (!run) return null;
  return (
    <div
      className="sce-check-run flex-row flex-center"
      role="status"
      data-check-run={run.finishedAt === null ? 'running' : 'done'}
    >
      {run.finishedAt === null ? <Spinner size={SpinnerSize.small} /> : null}
      <span>{checkRunText(run)}</span>
    </div>
  );
}
