/**
 * What the Azure Pipelines agent hands a Node task, read straight from the environment (no
 * azure-pipelines-task-lib: it would add shelljs, minimatch, q… to a task that needs four lookups).
 *
 * - The agent sets `INPUT_<NAME>`, `ENDPOINT_AUTH_<id>` (the authorization as JSON),
 *   `ENDPOINT_AUTH_SCHEME_<id>`, `ENDPOINT_AUTH_PARAMETER_<id>_<KEY>` and `ENDPOINT_DATA_<id>_<KEY>`,
 *   keys upper-cased with spaces → '_' (microsoft/azure-pipelines-agent
 *   src/Agent.Worker/Handlers/Handler.cs, AddEndpointsToEnvironment); the job's own connection is
 *   `SYSTEMVSSCONNECTION`, its token the `AccessToken` parameter.
 * - task-lib reads an input as `INPUT_` + name with '.' and ' ' → '_', upper-cased
 *   (microsoft/azure-pipelines-task-lib node/internal.ts `_getVariableKey`, node/task.ts `getInput`; we trim);
 *   inputs and ENDPOINT_AUTH_* go through its vault, which lower-cases names (node/vault.ts), so those
 *   lookups are case-insensitive; ENDPOINT_DATA_* is read from process.env as is
 *   (node/task.ts `getEndpointDataParameter`). We look every name up case-insensitively.
 */

export type Env = Record<string, string | undefined>;

function lookup(env: Env, name: string): string | undefined {
  if (env[name] !== undefined) return env[name];
  const lower = name.toLowerCase();
  const key = Object.keys(env).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : env[key];
}

/** task-lib's `_getVariableKey`. */
export function variableKey(name: string): string {
  return name.replace(/\./g, '_').replace(/ /g, '_').toUpperCase();
}

/** An input's value, trimmed; '' when absent. */
export function getInput(env: Env, name: string): string {
  return (lookup(env, `INPUT_${variableKey(name)}`) ?? '').trim();
}

/** A pipeline variable as the agent exports it (`System.CollectionUri` → `SYSTEM_COLLECTIONURI`). */
export function getVariable(env: Env, name: string): string {
  return (lookup(env, variableKey(name)) ?? '').trim();
}

export interface EndpointAuthorization {
  scheme: string;
  parameters: Record<string, string>;
}

/**
 * `getEndpointAuthorization` + `getEndpointAuthorizationParameter`: the JSON `ENDPOINT_AUTH_<id>`
 * (`{"parameters":{…},"scheme":"…"}`), completed by the per-parameter variables, which win.
 */
export function getEndpointAuthorization(env: Env, id: string): EndpointAuthorization | null {
  const raw = lookup(env, `ENDPOINT_AUTH_${id}`);
  let parsed: { scheme?: unknown; parameters?: unknown } = {};
  if (raw) {
    try {
      parsed = (JSON.parse(raw) as typeof parsed) ?? {};
    } catch {
      parsed = {};
    }
  }
  const parameters: Record<string, string> = {};
  if (parsed.parameters && typeof parsed.parameters === 'object') {
    for (const [k, v] of Object.entries(parsed.parameters as Record<string, unknown>))
      if (typeof v === 'string') parameters[k.toLowerCase()] = v;
  }
  const prefix = `ENDPOINT_AUTH_PARAMETER_${id}_`.toLowerCase();
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && k.toLowerCase().startsWith(prefix)) parameters[k.slice(prefix.length).toLowerCase()] = v;
  const scheme = lookup(env, `ENDPOINT_AUTH_SCHEME_${id}`) ?? (typeof parsed.scheme === 'string' ? parsed.scheme : '');
  if (!raw && !scheme && Object.keys(parameters).length === 0) return null;
  return { scheme, parameters };
}

/** `getEndpointDataParameter(id, key)`; '' when absent. */
export function getEndpointData(env: Env, id: string, key: string): string {
  return (lookup(env, `ENDPOINT_DATA_${id}_${key.replace(/ /g, '_').toUpperCase()}`) ?? '').trim();
}
