import { parseArgs, type ScanOptions } from '../cli/args';
import { getInput, getVariable, type Env } from './agentEnv';

/**
 * The task's inputs (task/ServiceConnectionExpiry/task.json) as the scanner's own arguments, so every
 * rule on them (thresholds, fail-on, URLs) is the scanner's; its messages name the task input instead
 * of the flag.
 */

const FLAG_TO_INPUT: [RegExp, string][] = [
  [/--org\b/g, 'System.CollectionUri'],
  [/--project\b/g, 'input "projects"'],
  [/--warning-days\b/g, 'input "warningDays"'],
  [/--critical-days\b/g, 'input "criticalDays"'],
  [/--fail-on\b/g, 'input "failOn"'],
  [/--graph-url\b/g, 'input "graphUrl"'],
  [/--extension-publisher\b/g, 'input "extensionPublisher"'],
  [/--extension-id\b/g, 'input "extensionId"'],
];

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
  const publish = (getInput(env, 'publishReadings') || 'true').toLowerCase() === 'true';
  const optional = (flag: string, input: string) => {
    const value = getInput(env, input);
    // `--flag=value`: a value that starts with '-' stays a value.
    return value ? [`${flag}=${value}`] : [];
  };
  const argv = [
    'scan',
    `--org=${collectionUri}`,
    '--format=table',
    `--json-file=${jsonFile}`,
    ...(projects === '*' ? [] : projects.map((p) => `--project=${p}`)),
    ...optional('--fail-on', 'failOn'),
    ...optional('--warning-days', 'warningDays'),
    ...optional('--critical-days', 'criticalDays'),
    ...optional('--graph-url', 'graphUrl'),
    ...(publish ? ['--publish'] : []),
    ...optional('--extension-publisher', 'extensionPublisher'),
    ...optional('--extension-id', 'extensionId'),
    // System.Debug (the "Enable system diagnostics" run option) logs each request.
    ...(getVariable(env, 'System.Debug').toLowerCase() === 'true' ? ['--verbose'] : []),
  ];
  const parsed = parseArgs(argv);
  if (parsed.kind === 'error') {
    const message = FLAG_TO_INPUT.reduce((m, [flag, input]) => m.replace(flag, input), parsed.message);
    return { ok: false, message: message.charAt(0).toUpperCase() + message.slice(1) };
  }
  if (parsed.kind !== 'scan') return { ok: false, message: 'unexpected scanner arguments' };
  return {
    ok: true,
    options: parsed.options,
    connectionId: getInput(env, 'azureSubscription'),
    allProjects: projects === '*',
  };
}
