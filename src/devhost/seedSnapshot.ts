import { keyFor } from '../core/graphQueries';
import { graphRoot } from '../core/links';
import { parseEndpoint } from '../core/endpoint';
import { mergeServicePrincipal, parseApplication, parseServicePrincipal } from '../core/graph';
import { emptySnapshot, mergeSnapshot, snapshotEntries, SNAPSHOT_COLLECTION, type Snapshot } from '../core/snapshot';
import { toSnapshotConnections } from '../core/snapshotConnections';
import type { AppLookup } from '../core/types';
import { mergeUsage, parseExecutionRecord, usageOf, type UsageMap } from '../core/usage';
import { endpointInProject, type ProjectInfo } from './devopsShapes';
import { historyRecords } from './fakeHistory';
import { resolveNowTokens, type Fixture } from './fixture';

/**
 * The snapshot a scheduled `sc-expiry scan --publish` would have left for a project: Graph readings of
 * the fixture's public-cloud applications (not those Graph refuses: 403/404/5xx faults), the project's connections and
 * the usage map from the fixture's execution history. Written as the scanner writes it (core/snapshot).
 */
export function seedSnapshot(fixture: Fixture, project: ProjectInfo, nowMs: number): Snapshot {
  return seedSnapshots(fixture, [project], nowMs)[0];
}

/** Every project's seed, the fixture's `{{now}}` dates resolved once (200 projects would resolve it 200 times). */
export function seedSnapshots(fixture: Fixture, projects: ProjectInfo[], nowMs: number): Snapshot[] {
  const resolved = resolveNowTokens(
    { endpoints: fixture.endpoints, applications: fixture.applications, sps: fixture.servicePrincipals },
    nowMs,
  );
  return projects.map((project) => seedOne(fixture, resolved, project, nowMs));
}

function seedOne(
  fixture: Fixture,
  resolved: { endpoints: unknown[]; applications: unknown[]; sps: unknown[] },
  project: ProjectInfo,
  nowMs: number,
): Snapshot {
  const connections = resolved.endpoints
    .filter((e) => endpointInProject(e, project, fixture))
    .map(parseEndpoint)
    .map((c) => (c.projects.length > 0 ? c : { ...c, projects: [project] }));
  const lookups = new Map<string, AppLookup>();
  for (const c of connections) {
    const key = keyFor(c);
    // A scan with the default Graph (public cloud) reads no sovereign-cloud app.
    if (!key || !c.appId || graphRoot(c.environment) !== graphRoot('AzureCloud')) continue;
    const fault = fixture.graphFaults[c.appId] ?? fixture.graphFaults[c.appId.toLowerCase()];
    if (fault && fault !== 429) continue;
    const same = (o: unknown) => (o as { appId?: unknown })?.appId?.toString().toLowerCase() === c.appId?.toLowerCase();
    const app = parseApplication(resolved.applications.find(same));
    if (!app) continue;
    lookups.set(key, {
      kind: 'found',
      app: mergeServicePrincipal(app, parseServicePrincipal(resolved.sps.find(same))),
    });
  }
  const takenAt = new Date(nowMs).toISOString();
  let usage: UsageMap = {};
  for (const c of connections) {
    if (!c.entraBacked || !c.id) continue;
    // As a scan reads it: the history of every project that references the connection, merged.
    const endpoint = resolved.endpoints.find(
      (e) => String((e as { id?: unknown })?.id).toLowerCase() === c.id.toLowerCase(),
    );
    for (const p of c.projects) {
      const records = historyRecords(fixture, endpoint, p, nowMs);
      const read = usageOf(
        records.map(parseExecutionRecord).filter((r) => r !== null),
        takenAt,
        true,
        p,
      );
      usage = mergeUsage(usage, { [c.id.toLowerCase()]: read });
    }
  }
  const apps = snapshotEntries(lookups, (key) => key.split('|')[0], takenAt, {
    kind: 'scanner',
    name: 'local host seed',
  });
  return mergeSnapshot(emptySnapshot(project.id), apps, {
    connections: toSnapshotConnections(connections, takenAt),
    usage,
  });
}

export const SNAPSHOT_ADDRESS = { scopeType: 'Default', scopeValue: 'Current', collection: SNAPSHOT_COLLECTION };
