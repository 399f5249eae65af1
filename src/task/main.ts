import { mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fixedGraphTokenProblem, scannerSignIn, secretsOf, type CredentialLike } from '../adapters/auth/scannerAuth';
import { oneLine } from '../adapters/output';
import { safeLine } from '../core/logSafe';
import { EXIT } from '../jobs/exitCodes';
import { command } from '../jobs/pipelineCommands';
import { runScan, type ScanOutcome } from '../jobs/runScan';
import { getEndpointAuthorization, getVariable, type Env } from './agentEnv';
import { graphCredential } from './graphCredential';
import { taskAdvice, taskCredential } from './advice';
import { taskOptions } from './taskOptions';
import { fixModeOf, fixOptionsFor, runFixStep } from './fixStep';

/**
 * The ServiceConnectionExpiry pipeline task: the scan job (src/jobs/runScan.ts) fed from what the agent sets, with
 * the job token for Azure DevOps and the workload identity federation connection for Graph. It adds
 * what a task owes the run: the JSON report as a build attachment, and the step's result.
 */

type Result = 'Succeeded' | 'SucceededWithIssues' | 'Failed';

export const ATTACHMENT_TYPE = 'sc-expiry-report';

/** task-lib's setResult: an error (or warning) issue with the message, then task.complete. */
function setResult(write: (line: string) => void, result: Result, message: string): void {
  const text = oneLine(message, 2000);
  if (result === 'Failed') write(command('task.logissue', { type: 'error' }, text));
  if (result === 'SucceededWithIssues') write(command('task.logissue', { type: 'warning' }, text));
  write(command('task.complete', { result }, text));
}

/** Said when the job token may not write extension data (not documented; the scan tries and tells). */
export function publishHint(env: Env): string {
  const who = getVariable(env, 'System.TeamProject')
    ? `the job's identity ("${getVariable(env, 'System.TeamProject')} Build Service" or "Project Collection Build Service")`
    : "the job's identity";
  return (
    `The readings were not saved for the hub: ${who} may not write the extension's data. ` +
    'Create a personal access token with the scopes "Service Connections (Read)" and "Extension data (Read & write)", ' +
    'keep it in a secret variable (e.g. SC_EXPIRY_PAT) and pass it to this step as `env: { AZURE_DEVOPS_EXT_PAT: $(SC_EXPIRY_PAT) }`, ' +
    'or set input publishReadings to false. The scan itself is complete.'
  );
}

/** Said when the job token could not read a project (401/403): the job's scope and role, or a PAT. */
export function projectAccessHint(allProjects: boolean): string {
  return (
    "The job's token may not read the service connections of every project it scans. Give the job's identity the Reader role on service connections in each project (Project settings → Service connections → ⋮ → Security)" +
    (allProjects
      ? ', and for projects "*" turn off "Limit job authorization scope to current project for non-release pipelines" (Organization settings → Pipelines → Settings, and each project\'s Pipelines settings) so the job runs as "Project Collection Build Service"'
      : '') +
    '; or pass a personal access token with "Service Connections (Read)" to this step as `env: { AZURE_DEVOPS_EXT_PAT: $(SC_EXPIRY_PAT) }`.'
  );
}

const DENIED = /\b(401|403)\b|not authori[sz]ed|access denied|TF400813/i;

function resultFor(outcome: ScanOutcome, failOn: string): [Result, string] {
  const report = outcome.report;
  // Nothing was read: say what failed and what to do, never a count of zeros.
  if (outcome.unread)
    return ['Failed', `Nothing was scanned: ${outcome.unread.headline}.${outcome.advice ? ` ${outcome.advice}` : ''}`];
  if (!report) return ['Failed', 'The scan did not run: see the errors above.'];
  const s = report.summary;
  const counts = `${s.expired} expired, ${s.critical} critical, ${s.warning} warning, ${s.unknown} unknown of ${report.connections.length} service connection(s)`;
  if (outcome.code === EXIT.incomplete)
    return ['Failed', `The scan could not read everything (see the errors above); ${counts}.`];
  if (outcome.code === EXIT.failOn) return ['Failed', `Service connections at or above failOn "${failOn}": ${counts}.`];
  if (outcome.code !== EXIT.ok) return ['Failed', `The scan failed (exit ${outcome.code}).`];
  if (outcome.issues > 0) return ['SucceededWithIssues', `Service connections need attention: ${counts}.`];
  return ['Succeeded', `No service connection needs action: ${counts}.`];
}

export async function runTask(
  env: Env,
  io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown } },
  now = Date.now,
): Promise<Result> {
  const write = (line: string) => void io.stdout.write(`${line}\n`);
  const say = (text: string) => write(safeLine(text));
  const fail = (message: string): Result => (setResult(write, 'Failed', message), 'Failed');
  const accessToken = getEndpointAuthorization(env, 'SystemVssConnection')?.parameters.accesstoken ?? '';
  // Azure DevOps: a PAT passed to the step wins, else the job token.
  const signInEnv: Env = { ...env, SYSTEM_ACCESSTOKEN: accessToken };
  const secrets = secretsOf(signInEnv);
  // The job token and secret variables are the agent's, masked already. Every token the task obtains
  // (Graph, Azure DevOps through a credential) is registered with the agent the moment it is obtained,
  // before any line that could carry it, so that the agent masks it in this step and every later one.
  secrets.onAdd((secret) => write(command('task.setsecret', {}, secret)));

  const tempDir = getVariable(env, 'Agent.TempDirectory') || tmpdir();
  const reportPath = join(tempDir, `sc-expiry-report-${process.pid}-${now()}.json`);
  const parsed = taskOptions(env, reportPath);
  if (!parsed.ok) return fail(parsed.message);
  const fixMode = fixModeOf(env);
  if (!fixMode.ok) return fail(fixMode.message);

  if (!accessToken)
    return fail(
      'The job has no access token (endpoint SystemVssConnection): run the task inside an Azure Pipelines job.',
    );

  // Graph (and Azure DevOps without a token): the connection in input azureSubscription, or DefaultAzureCredential.
  let credential: (() => Promise<CredentialLike>) | undefined;
  if (!env.GRAPH_ACCESS_TOKEN?.trim()) {
    const graph = graphCredential(env, parsed.connectionId, accessToken);
    if (!graph.ok) return fail(graph.message);
    credential = async () => graph.credential;
    say(`Microsoft Graph: ${graph.method}.`);
  } else {
    const problem = fixedGraphTokenProblem(env, now());
    if (problem) return fail(problem);
    say('Microsoft Graph: token from GRAPH_ACCESS_TOKEN.');
  }
  mkdirSync(tempDir, { recursive: true });
  const signIn = scannerSignIn(signInEnv, secrets, parsed.options.graphUrl, credential);
  const devops = taskCredential(signIn.devops);
  const outcome = await runScan(
    {
      ...parsed.options,
      pipeline: { tempDir, task: { publishHint: publishHint(env) } },
      publishedBy: getVariable(env, 'Build.DefinitionName'),
    },
    {
      io: { ...io, isTTY: false },
      secrets,
      now,
      fetch: (input, init) => fetch(input, init),
      graph: signIn.graph,
      devops,
      advise: (unread) =>
        taskAdvice(unread, parsed.options.orgUrl, devops.source, projectAccessHint(parsed.allProjects)),
    },
  );
  if (outcome.report) write(command('task.addattachment', { type: ATTACHMENT_TYPE, name: 'report' }, reportPath));
  // A scan that read nothing has its advice in the result; a partial one gets the access hint.
  const denied =
    !outcome.unread && (outcome.report?.errors ?? []).some((e) => e.kind !== 'app' && DENIED.test(e.message));
  if (denied) write(command('task.logissue', { type: 'warning' }, projectAccessHint(parsed.allProjects)));
  let [result, message] = resultFor(outcome, parsed.options.failOn);
  if (fixMode.mode !== 'none') {
    const signIn = scannerSignIn(signInEnv, secrets, parsed.options.graphUrl, credential);
    const options = fixOptionsFor(fixMode.mode, parsed.options, tempDir, now());
    const fixed = await runFixStep(options, tempDir, { io, secrets, now, ...signIn });
    const converted = fixed.actions.filter((a) => a.result === 'converted').length;
    if (options.apply) message += ` Converted ${converted} connection(s) to workload identity federation.`;
    // A failed fix step is rolled back and named in the log: the step fails so that someone looks.
    if (fixed.code === 3)
      [result, message] = ['Failed', `${message} A fix step failed and was rolled back: see the log.`];
  }
  setResult(write, result, message);
  return result;
}
