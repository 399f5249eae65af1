import { fetchRetrying, HttpError, readJson, safeHost } from '../adapters/http';
import { oneLine } from '../adapters/output';
import { mapWithConcurrency } from '../adapters/pool';
import { RETRY_POLICIES } from '../adapters/retry';
import { saveSnapshot } from '../adapters/snapshotSync';
import { tenantOfKey } from '../core/graphQueries';
import { snapshotEntries, type SnapshotApp } from '../core/snapshot';
import { toSnapshotConnections } from '../core/snapshotConnections';
import type { AppLookup, Connection } from '../core/types';
import type { UsageMap } from '../core/usage';
import type { SnapshotWorkItems } from '../core/snapshotWorkItems';
import type { JobDeps, OrgJobOptions } from './deps';
import type { ScannedProject } from './scan';
import type { PublishTarget } from './scanOptions';
import { snapshotStore } from './snapshotStore';

/**
 * The publish job (`--publish`, the task's publishReadings): after the scan, each project's Graph readings go to the extension's data (one
 * document per project, id = project id), where the hub of a viewer without a Graph token reads them.
 * Writes merge with other writers' readings (etag, read-merge-retry on conflict).
 */

export interface PublishInput extends OrgJobOptions {
  target: PublishTarget;
  scanned: ScannedProject[];
  lookups: Map<string, AppLookup>;
  /** Every listed connection, and which pipelines used them: the warning surfaces read these. */
  found?: { connection: Connection; project: string }[];
  usage?: UsageMap;
  /** Per project id, the work items tracking its connections (the track step's; absent: left as stored). */
  workItems?: Record<string, SnapshotWorkItems>;
  takenAt: string;
  takenBy: SnapshotApp['takenBy'];
  /** The documents as the scan listed them (project id in lower case → document): no read before the first write. */
  listed?: Map<string, unknown> | null;
}

export interface PublishDeps extends JobDeps {
  /** The whole Authorization header for Azure DevOps. */
  authorization: () => Promise<string>;
}

export interface PublishFailure {
  project: string;
  message: string;
  /** The HTTP status that failed the write, when there was one. */
  status: number | null;
}

export interface PublishResult {
  /** Projects whose document was written, with how many apps were sent. */
  written: { project: string; apps: number }[];
  failures: PublishFailure[];
}

/** The project's id by name, for a project named with --project whose connections did not say it. */
async function projectIdByName(input: PublishInput, deps: PublishDeps, name: string): Promise<string> {
  const url = `${input.orgUrl.replace(/\/+$/, '')}/_apis/projects/${encodeURIComponent(name)}?api-version=7.1`;
  const response = await fetchRetrying(
    deps.fetch,
    url,
    {
      headers: {
        Authorization: await deps.authorization(),
        Accept: 'application/json',
        'X-TFS-FedAuthRedirect': 'Suppress',
        'X-VSS-ReauthenticationAction': 'Suppress',
      },
      redirect: 'manual',
    },
    { timeoutMs: input.timeoutMs, policy: RETRY_POLICIES.devops, log: deps.log },
  );
  if (!response.ok || response.status === 203) {
    throw new HttpError(`cannot read the project's id (${safeHost(url)} answered ${response.status})`, response.status);
  }
  const id = (await readJson(response, url)) as { id?: unknown } | null;
  if (typeof id?.id !== 'string' || id.id === '')
    throw new HttpError(`cannot read the project's id (${safeHost(url)} sent no id)`, response.status);
  return id.id;
}

export async function publishJob(input: PublishInput, deps: PublishDeps): Promise<PublishResult> {
  const store = snapshotStore(input, deps);
  const work = input.scanned
    .map(({ project, appKeys }) => {
      const own = new Map<string, AppLookup>();
      for (const key of appKeys) {
        const lookup = input.lookups.get(key);
        if (lookup) own.set(key, lookup);
      }
      return {
        project,
        entries: snapshotEntries(own, tenantOfKey, input.takenAt, input.takenBy),
        ...extrasFor(input, project),
      };
    })
    .filter(({ project, entries }) => {
      const count = Object.keys(entries).length;
      if (count === 0) deps.log(`project "${project.name}": no app registration read from Graph, nothing to publish`);
      return count > 0;
    });

  let done = 0;
  const outcomes = await mapWithConcurrency(work, input.concurrency, async ({ project, entries, extras }) => {
    try {
      const id = project.id || (await projectIdByName(input, deps, project.name));
      const listed = input.listed ? (input.listed.get(id.toLowerCase()) ?? null) : undefined;
      await saveSnapshot(store, id, entries, { extras, listed });
      const apps = Object.keys(entries).length;
      deps.log(`project "${project.name}": published the readings of ${apps} app registration(s)`);
      return { ok: true as const, project: project.name, apps };
    } catch (e) {
      const status = e instanceof HttpError ? e.status : null;
      const message = oneLine(e instanceof Error ? e.message : String(e), 300);
      return { ok: false as const, failure: { project: project.name, message, status } };
    } finally {
      deps.progress('Publishing snapshots', ++done, work.length);
    }
  });
  return {
    written: outcomes.flatMap((o) => (o.ok ? [{ project: o.project, apps: o.apps }] : [])),
    failures: outcomes.flatMap((o) => (o.ok ? [] : [o.failure])),
  };
}

/** The project's own connections (shared ones included) and their usage, for its document. */
function extrasFor(input: PublishInput, project: { id: string; name: string }) {
  if (!input.found) return { extras: {} };
  const mine = (p: { id: string; name: string }) =>
    (!!project.id && p.id === project.id) || p.name.toLowerCase() === project.name.toLowerCase();
  const connections = input.found
    .filter(({ connection, project: listedIn }) =>
      connection.projects.length > 0 ? connection.projects.some(mine) : listedIn === project.name,
    )
    .map((f) => f.connection);
  const usage: UsageMap = {};
  for (const c of connections) {
    const u = input.usage?.[c.id.toLowerCase()];
    if (u) usage[c.id.toLowerCase()] = u;
  }
  const workItems = project.id ? input.workItems?.[project.id] : undefined;
  return {
    extras: {
      connections: toSnapshotConnections(connections, input.takenAt),
      usage,
      ...(workItems ? { workItems } : {}),
    },
  };
}

/** True when a failure says the credential may not write extension data. */
export function isDenied(failure: PublishFailure): boolean {
  return failure.status === 401 || failure.status === 403;
}

export function scopeHint(inPipeline: boolean): string {
  return (
    'Publishing needs a token with the "Extension data (read & write)" scope (vso.extension.data_write).' +
    (inPipeline
      ? ' In a pipeline, the build identity behind SYSTEM_ACCESSTOKEN may lack it: use a personal access token' +
        ' with that scope in AZURE_DEVOPS_EXT_PAT, or an identity that has it.'
      : '')
  );
}
