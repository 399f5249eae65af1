import { spawn } from 'child_process';
import { join } from 'path';
import type { PackagedTask } from './packagedTask';

/**
 * Runs the packaged task as the agent's Node handler does: `node <execution.<handler>.target>` in the
 * task folder, with the job's variables, inputs and endpoints in the environment, named as the agent
 * names them (microsoft/azure-pipelines-agent src/Agent.Worker/Handlers/Handler.cs
 * AddEndpointsToEnvironment / AddInputsToEnvironment: `INPUT_<NAME>`, `ENDPOINT_URL_<id>`,
 * `ENDPOINT_AUTH_<id>` JSON, `ENDPOINT_AUTH_SCHEME_<id>`, `ENDPOINT_AUTH_PARAMETER_<id>_<KEY>`,
 * `ENDPOINT_DATA_<id>_<KEY>`; the job's own connection is `SYSTEMVSSCONNECTION`).
 */

export interface AgentJob {
  collectionUri: string;
  teamProject: string;
  tempDir: string;
  systemAccessToken: string;
  oidcRequestUri: string;
  inputs: Record<string, string>;
  /** Service connections given to the job, by id. */
  endpoints?: Record<
    string,
    { url: string; scheme: string; parameters: Record<string, string>; data: Record<string, string> }
  >;
  /** Extra variables (e.g. a GRAPH_ACCESS_TOKEN the YAML maps with `env:`). */
  extra?: Record<string, string>;
}

export function agentEnvironment(job: AgentJob): Record<string, string> {
  const env: Record<string, string> = {
    TF_BUILD: 'True',
    SYSTEM_COLLECTIONURI: job.collectionUri,
    SYSTEM_TEAMFOUNDATIONCOLLECTIONURI: job.collectionUri,
    SYSTEM_TEAMPROJECT: job.teamProject,
    SYSTEM_HOSTTYPE: 'build',
    SYSTEM_OIDCREQUESTURI: job.oidcRequestUri,
    AGENT_TEMPDIRECTORY: job.tempDir,
    BUILD_DEFINITIONNAME: 'nightly connection scan',
    ENDPOINT_URL_SYSTEMVSSCONNECTION: job.collectionUri,
    ENDPOINT_AUTH_SYSTEMVSSCONNECTION: JSON.stringify({
      parameters: { AccessToken: job.systemAccessToken },
      scheme: 'OAuth',
    }),
    ENDPOINT_AUTH_SCHEME_SYSTEMVSSCONNECTION: 'OAuth',
    ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN: job.systemAccessToken,
  };
  for (const [name, value] of Object.entries(job.inputs))
    env[`INPUT_${name.replace(/[. ]/g, '_').toUpperCase()}`] = value;
  for (const [id, e] of Object.entries(job.endpoints ?? {})) {
    env[`ENDPOINT_URL_${id}`] = e.url;
    env[`ENDPOINT_AUTH_${id}`] = JSON.stringify({ parameters: e.parameters, scheme: e.scheme });
    env[`ENDPOINT_AUTH_SCHEME_${id}`] = e.scheme;
    for (const [k, v] of Object.entries(e.parameters)) env[`ENDPOINT_AUTH_PARAMETER_${id}_${k.toUpperCase()}`] = v;
    env[`ENDPOINT_DATA_${id}`] = JSON.stringify(e.data);
    for (const [k, v] of Object.entries(e.data)) env[`ENDPOINT_DATA_${id}_${k.toUpperCase()}`] = v;
  }
  return { ...env, ...job.extra };
}

export interface TaskRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /**
   * Every logging command the agent would act on: it looks for `##vso[` anywhere in a line, on stdout
   * and stderr, and a bare CR ends a line (agent Command.TryParse: `message.IndexOf("##vso[")`).
   */
  commands: { name: string; properties: Record<string, string>; data: string; line: string }[];
}

/** The agent's unescaping (Agent.Sdk CommandStringConvertor): %3B, %0D, %0A, %5D, then %AZP25. */
const unescape = (s: string) =>
  s
    .replace(/%3B/g, ';')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%5D/g, ']')
    .replace(/%AZP25/g, '%');

export function parseCommands(text: string): TaskRun['commands'] {
  const out: TaskRun['commands'] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const at = line.indexOf('##vso[');
    if (at < 0) continue;
    const rb = line.indexOf(']', at);
    if (rb < 0) continue;
    const info = line.slice(at + 6, rb);
    const space = info.indexOf(' ');
    const name = space < 0 ? info : info.slice(0, space);
    const properties: Record<string, string> = {};
    if (space >= 0)
      for (const pair of info.slice(space + 1).split(';')) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq).toLowerCase()] = unescape(pair.slice(eq + 1));
      }
    out.push({ name, properties, data: unescape(line.slice(rb + 1)), line });
  }
  return out;
}

/**
 * The Node binary the agent's handler would start. The agent ships its own Node 20 and Node 24; this machine has
 * one `node`: a handler runs on NODE24_BIN (Node24) or NODE20_BIN (Node20_1) when set, else on the test's own
 * node, and `handlerNode` says which, so a test names what it really ran.
 */
export function handlerNode(handler: string): string {
  const own = handler === 'Node24' ? process.env.NODE24_BIN : handler === 'Node20_1' ? process.env.NODE20_BIN : '';
  return own || process.execPath;
}

export function runAsAgent(
  task: PackagedTask,
  env: Record<string, string>,
  handler: 'Node20_1' | 'Node24' = 'Node20_1',
): Promise<TaskRun> {
  const entry = task.taskJson.execution[handler];
  if (!entry) throw new Error(`task.json has no ${handler} handler`);
  const target = entry.target;
  return new Promise((resolve, reject) => {
    const child = spawn(handlerNode(handler), [join(task.dir, target)], {
      cwd: task.dir,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, commands: [...parseCommands(stdout), ...parseCommands(stderr)] }),
    );
  });
}
