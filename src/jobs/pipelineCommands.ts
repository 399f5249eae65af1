import { relativeDays } from '../core/labels';
import { neutralizeCommands, plainText } from '../core/logSafe';
import { compareVerdicts } from '../core/order';
import { needsAction, STATUS_LABELS } from '../core/status';
import type { Report } from '../core/report';
import type { ScanProblem } from './scan';
import { firstFix, projectText } from './format/reportRows';

/**
 * Azure Pipelines logging commands (`##vso[…]`). Values are escaped as microsoft/azure-pipelines-task-lib
 * node/taskcommand.ts does (`escapedata`: `%`→%AZP25 first, CR→%0D, LF→%0A; `escape` for property
 * values adds `]`→%5D and `;`→%3B), which the agent undoes (src/Agent.Sdk/CommandStringConvertor.cs).
 * Data and properties are then neutralised (core/logSafe): a name cannot start a second command, nor
 * a `##[group]` in the message the agent logs for an issue.
 */

export function escapeData(value: string): string {
  return neutralizeCommands(value.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Issues are one line: line breaks and other control characters (terminal escapes) become spaces, bidi ones `<U+202E>`. */
function message(value: string): string {
  return plainText(value).replace(/ {2,}/g, ' ').trim();
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/]/g, '%5D').replace(/;/g, '%3B');
}

export function command(name: string, properties: Record<string, string>, data: string): string {
  const props = Object.entries(properties)
    .map(([k, v]) => `${k}=${escapeProperty(v)};`)
    .join('');
  return `##vso[${name}${props ? ` ${props}` : ''}]${escapeData(data)}`;
}

/** One issue per connection that needs action: error when expired, warning when critical or warning. */
export function issueCommands(report: Report, problems: ScanProblem[]): string[] {
  const lines: string[] = [];
  const action = report.connections
    .filter((c) => needsAction(c.status))
    .sort((a, b) => compareVerdicts({ name: a.name, verdict: a }, { name: b.name, verdict: b }));
  for (const c of action) {
    const days =
      c.daysLeft === null ? '' : `, ${c.status === 'expired' ? 'expired' : 'expires'} ${relativeDays(c.daysLeft)}`;
    const fix = firstFix(c);
    const text = message(
      `${STATUS_LABELS[c.status]}: service connection "${c.name}" (project ${projectText(c)}${days}). ${c.reason}${fix ? ` Fix: ${fix}` : ''}`,
    );
    lines.push(command('task.logissue', { type: c.status === 'expired' ? 'error' : 'warning' }, text));
  }
  for (const p of problems) {
    const who =
      p.kind === 'app'
        ? `app registration ${p.name}${p.connections?.length ? ` (used by ${p.connections.map((n) => `"${n}"`).join(', ')})` : ''}`
        : `${p.kind} "${p.name}"`;
    lines.push(command('task.logissue', { type: 'error' }, message(`Scan incomplete: ${who}: ${p.message}`)));
  }
  return lines;
}

export function uploadSummaryCommand(path: string): string {
  return command('task.uploadsummary', {}, path);
}

/** Marks the step yellow: issues were logged but nothing reached --fail-on. */
export function succeededWithIssuesCommand(): string {
  return command(
    'task.complete',
    { result: 'SucceededWithIssues' },
    'Service connections need attention: see the warnings.',
  );
}
