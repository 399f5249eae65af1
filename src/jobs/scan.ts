import type { DevOpsAuth, GraphAuth } from '../adapters/auth/scannerAuth';
import { createDevOpsClient } from '../adapters/rest/devopsRestClient';
import { lookupFor } from '../core/graphQueries';
import type { ListedConnection } from '../core/orgListing';
import type { ReportEntry } from '../core/report';
import type { AppLookup, Connection, ProjectRef, Thresholds } from '../core/types';
import type { UsageMap } from '../core/usage';
import { computeVerdict } from '../core/verdict';
import type { JobDeps, OrgJobOptions } from './deps';
import { dedupe, listConnections, problemText, projectsToScan, scannedProject } from './scanListing';
import type { UsagePolicy } from '../core/usagePlan';
import { readKnownSnapshots, type KnownSnapshots } from './knownUsage';
import { readFailure, unreadOf, type ReadFailure, type Unread } from './readFailure';
import { appProblems, readApps } from './scanApps';
import type { PublishTarget } from './scanOptions';
import { readScanUsage, type UsageCounts } from './scanUsage';

/**
 * The scan job, org-wide: projects → endpoints (bounded concurrency) → dedupe → Graph ($batch) →
 * execution history → verdicts. Both shells run it through runScan.ts.
 */

export interface ScanProblem {
  kind: 'organization' | 'project' | 'app';
  /** The organization URL, the project name or the appId. */
  name: string;
  message: string;
  tenantId?: string | null;
  /** Names of the connections that use the app. */
  connections?: string[];
}

export interface ScanInput extends OrgJobOptions {
  /** Project names; empty: every project of the organization. */
  projects: string[];
  thresholds: Thresholds;
  /** A Graph root instead of each connection's cloud (a proxy, a local fake), without /v1.0. */
  graphUrl: string | null;
  /** How execution history is read: reused from the published snapshots, read since, whole, or not at all. */
  usage: UsagePolicy;
  /** Where the snapshots are published (--publish): the usage they hold is what is known. */
  publish?: PublishTarget;
}

export interface ScanDeps extends JobDeps {
  /** Read once: every verdict of the scan is for that instant. */
  now: () => number;
  devops: DevOpsAuth;
  graph: GraphAuth;
}

/** A project whose connections were listed, and the Graph lookups (keyFor) its connections use. */
export interface ScannedProject {
  /** `id` is '' when the project was named with --project and no connection said its id. */
  project: ProjectRef;
  appKeys: string[];
}

export interface ScanResult {
  /** The instant of the verdicts (ScanDeps.now). */
  nowMs: number;
  entries: ReportEntry[];
  problems: ScanProblem[];
  projectCount: number;
  /** Every project whose connections could be listed, in project order. */
  scanned: ScannedProject[];
  /** Graph's answers, by appKey (tenant|appId). */
  lookups: Map<string, AppLookup>;
  /** Which pipelines used each connection (execution history), by connection id in lower case. */
  usage: UsageMap;
  /** Connections whose execution history could not be read: their "used by" is unknown (null), never "unused". */
  unreadUsage: { connection: string; project: string; message: string }[];
  /** Every connection listed, with the project it was listed under. */
  found: { connection: Connection; project: string }[];
  /** The published snapshots as read before the scan (with --publish, usage auto); null when not read. */
  snapshots: KnownSnapshots | null;
  /** The scan read nothing (no sign-in, the project list or every project's connections failed): what failed. */
  unread: Unread | null;
}

export async function scanJob(input: ScanInput, deps: ScanDeps): Promise<ScanResult> {
  const nowMs = deps.now();
  const problems: ScanProblem[] = [];
  const nothing = { nowMs, entries: [], problems, projectCount: 0, scanned: [], lookups: new Map(), usage: {} };
  const credential = deps.devops.credential;
  const unread = (failures: ReadFailure[], snapshots: KnownSnapshots | null = null): ScanResult => ({
    ...nothing,
    unreadUsage: [],
    found: [],
    snapshots,
    unread: unreadOf(failures, input.orgUrl, credential),
  });
  // Ask for the Azure DevOps credential once, up front: a missing sign-in fails fast, not per project.
  try {
    await deps.devops.header();
  } catch (e) {
    const message = problemText(e);
    problems.push({ kind: 'organization', name: input.orgUrl, message });
    return unread([readFailure(e, null, message)]);
  }
  const client = createDevOpsClient({
    orgUrl: input.orgUrl,
    authorization: deps.devops.header,
    fetch: deps.fetch,
    timeoutMs: input.timeoutMs,
    log: deps.log,
    credential,
  });
  // With --publish the snapshots are read while the listing and Graph go on, in one request for the whole
  // organization: their usage is what is known (usage auto), their documents what publishing updates.
  const known = input.publish
    ? readKnownSnapshots(
        { ...input, target: input.publish, nowMs },
        { fetch: deps.fetch, log: deps.log, authorization: deps.devops.header },
      )
    : Promise.resolve(null);
  const projects = await projectsToScan(input, deps, client, problems);
  // Nothing read: the snapshot read started above is awaited, so no request is left in flight.
  if (!Array.isArray(projects)) return unread([projects], await known);
  const { listed: listedProjects, failures: listFailures } = await listConnections(
    projects,
    input.concurrency,
    deps,
    client,
    problems,
  );
  if (projects.length > 0 && listedProjects.length === 0)
    return { ...unread(listFailures, await known), projectCount: projects.length };
  const found = dedupe(listedProjects);
  const lookups = await readApps(found, input, deps);
  problems.push(...appProblems(found, lookups));
  // A connection whose history cannot be read keeps usedBy null: unknown, never "unused".
  const { usage, failures, requests, counts } = await readScanUsage(found, client, {
    nowMs,
    concurrency: input.concurrency,
    progress: (done, total) => deps.progress('Reading usage history', done, total),
    policy: input.usage,
    known: input.usage.mode === 'auto' ? ((await known)?.usage ?? null) : null,
  });
  deps.log(usageLine(input.usage, counts, requests));
  const entries = found.map((listed) => entryFor(listed, lookups, usage, nowMs, input.thresholds));
  const unreadUsage = found.flatMap(({ connection, project }) => {
    const message = failures[connection.id.toLowerCase()];
    return message ? [{ connection: connection.name, project, message }] : [];
  });
  const scanned = listedProjects.map(scannedProject);
  const snapshots = await known;
  return {
    nowMs,
    entries,
    problems,
    projectCount: projects.length,
    scanned,
    lookups,
    usage,
    unreadUsage,
    found,
    snapshots,
    unread: null,
  };
}

/** What --verbose says of the usage step. */
function usageLine(usage: UsagePolicy, counts: UsageCounts, requests: number): string {
  if (usage.mode === 'never') return 'Usage: not read (usage mode "never"): "used by" is unknown, never "unused"';
  return (
    `Usage: ${requests} history request(s); per connection and project, ${counts.reused} reused from the snapshots ` +
    `(read under ${usage.maxAgeDays} days ago), ${counts.since} read since the newest known record, ${counts.whole} read whole`
  );
}

function entryFor(
  { connection, project }: ListedConnection,
  lookups: Map<string, AppLookup>,
  usage: UsageMap,
  nowMs: number,
  thresholds: Thresholds,
): ReportEntry {
  const lookup = lookupFor(connection, lookups);
  const own = usage[connection.id.toLowerCase()];
  const verdict = computeVerdict({ connection, lookup, nowMs, thresholds, usage: own });
  return {
    connection,
    verdict,
    project,
    appDisplayName: lookup?.kind === 'found' ? lookup.app.displayName : null,
    owners: lookup?.kind === 'found' ? lookup.app.owners : undefined,
    usage: own,
  };
}
