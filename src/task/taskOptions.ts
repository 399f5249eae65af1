import { checkScanSettings, type OptionNames, type ScanOptions, type ScanSettings } from '../jobs/scanOptions';
import { getInput, getVariable, type Env } from './agentEnv';

/**
 * The task's inputs (task/ServiceConnectionExpiry/task.json) as the scan's settings, checked by the
 * step the command line uses too (jobs/scanOptions.ts), so every rule on them (thresholds, fail-on,
 * URLs) is the scanner's; its messages name the task's inputs.
 */

const INPUT_NAMES: OptionNames = {
  org: 'System.CollectionUri',
  projects: 'input "projects"',
  warningDays: 'input "warningDays"',
  criticalDays: 'input "criticalDays"',
  failOn: 'input "failOn"',
  graphUrl: 'input "graphUrl"',
  extensionPublisher: 'input "extensionPublisher"',
  extensionId: 'input "extensionId"',
  workItemType: 'input "workItemType"',
  areaPath: 'input "areaPath"',
  assignTo: 'input "assignTo"',
  usage: 'input "usage"',
  usageMaxAge: 'input "usageMaxAge"',
  // Not inputs: the task sets these itself.
  format: 'the report format',
  output: 'the report file',
  jsonFile: 'the JSON report file',
  concurrency: 'the request concurrency',
  timeoutSeconds: 'the request timeout',
};

export type TaskOptions =
  { ok: true; options: ScanOptions; connectionId: string; allProjects: boolean } | { ok: false; message: string };

/** `projects`: one name a line or comma-separated (project names cannot hold commas); `*` = every project. */
export function projectList(value: string, current: string): string[] | '*' {
  const names = value
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (names.includes('*')) return '*';
  if (names.length > 0) return names;
  return current ? [current] : [];
}

export function taskOptions(env: Env, jsonFile: string): TaskOptions {
  const collectionUri = getVariable(env, 'System.CollectionUri');
  if (!collectionUri)
    return { ok: false, message: 'System.CollectionUri is not set: this task runs only in an Azure Pipelines job.' };
  const projects = projectList(getInput(env, 'projects'), getVariable(env, 'System.TeamProject'));
  if (projects !== '*' && projects.length === 0)
    return { ok: false, message: 'No project to scan: set input "projects" (a project name, or * for all).' };
  // An empty input is the default.
  const optional = (input: string) => getInput(env, input) || undefined;
  const settings: ScanSettings = {
    org: collectionUri,
    projects: projects === '*' ? [] : projects,
    format: 'table',
    jsonFile,
    failOn: optional('failOn'),
    warningDays: optional('warningDays'),
    criticalDays: optional('criticalDays'),
    graphUrl: optional('graphUrl'),
    publish: (getInput(env, 'publishReadings') || 'true').toLowerCase() === 'true',
    extensionPublisher: optional('extensionPublisher'),
    extensionId: optional('extensionId'),
    // The work item inputs count only with workItems (their defaults are always sent).
    ...((getInput(env, 'workItems') || 'false').toLowerCase() === 'true'
      ? {
          workItems: true,
          workItemType: optional('workItemType'),
          areaPath: optional('areaPath'),
          assignTo: optional('assignTo'),
        }
      : {}),
    usage: optional('usage'),
    // The age counts only for auto (its default is always sent).
    ...((optional('usage') ?? 'auto') === 'auto' ? { usageMaxAge: optional('usageMaxAge') } : {}),
    // System.Debug (the "Enable system diagnostics" run option) logs each request.
    verbose: getVariable(env, 'System.Debug').toLowerCase() === 'true',
  };
  const checked = checkScanSettings(settings, INPUT_NAMES);
  if (!checked.ok) return { ok: false, message: checked.message.charAt(0).toUpperCase() + checked.message.slice(1) };
  return {
    ok: true,
    options: checked.options,
    connectionId: getInput(env, 'azureSubscription'),
    allProjects: projects === '*',
  };
}
