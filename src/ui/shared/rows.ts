import { keyFor } from '../../core/graphQueries';
import { typeLabel } from '../../core/connectionTypes';
import { authShortLabel } from '../../core/labels';
import { compareExpiry, compareText, compareVerdicts } from '../../core/order';
import { severityRank } from '../../core/status';
import type { Connection, Owner, Status, Verdict } from '../../core/types';
import { trackedItem } from '../../core/snapshotWorkItems';
import { ownerLabel } from '../../core/owners';
import { computeVerdict } from '../../core/verdict';
import { tenantDomains, tenantLabel } from '../../core/tenantNames';
import { shortDate } from '../../core/days';
import { lookupsFromSnapshot, type Snapshot } from '../../core/snapshot';
import type { AppLookup } from '../../core/types';
import { usageFor, type ConnectionUsage } from '../../core/usage';
import { lastUsedKey } from '../../core/usageFormat';
import type { HealthState } from './useHealthChecks';
import type { HubData } from './loadSteps';

/** One table row: a connection, its verdict, and the text the table shows and filters on. */
export interface HubRow {
  id: string;
  connection: Connection;
  verdict: Verdict;
  /** Graph has not answered yet for this row. */
  pending: boolean;
  appName: string | null;
  /** Set when the verdict comes from the shared snapshot rather than a live Graph read. */
  asOf: { takenAt: string; by: string } | null;
  health: HealthState | undefined;
  /** Which pipelines used it; undefined when the history was not read. */
  usage: ConnectionUsage | undefined;
  /** Why its history could not be read, when nothing is known of its use. */
  usageError: string | undefined;
  typeText: string;
  /** Short: "Secret (automatic)". */
  authText: string;
  /** The app registration's owners, when Graph (or the snapshot) gave them. */
  owners: Owner[] | undefined;
  /** Its tenant's domain, when Graph gave one for an app of that tenant (core/tenantNames.ts). */
  tenantDomain: string | null;
  /** The work item that tracks its renewal, from the snapshot: its id and the project it lives in. */
  tracked: { id: number; project: string } | null;
}

const LIVE = new Set<AppLookup['kind']>(['found', 'not-found']);

/** Every project a connection is shared with, as people read it. */
export function projectNames(c: Connection): string {
  return c.projects.map((p) => p.name).join(', ');
}

/** A connection's thresholds: its (first) project's own where the page knows them, else the page's. */
function thresholdsOf(data: HubData, connection: Connection) {
  const id = connection.projects[0]?.id;
  return (id && data.projectThresholds?.get(id.toLowerCase())) || data.thresholds;
}

/** Rows whose inputs did not change are reused: Graph answers arrive in many small batches. */
export type RowCache = WeakMap<Connection, { inputs: unknown[]; row: HubRow }>;

const snapshotLookups = new WeakMap<Snapshot, Map<string, AppLookup>>();

function lookupsOf(snapshot: Snapshot | null): Map<string, AppLookup> {
  if (!snapshot) return new Map();
  let map = snapshotLookups.get(snapshot);
  if (!map) snapshotLookups.set(snapshot, (map = lookupsFromSnapshot(snapshot)));
  return map;
}

function sameInputs(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function buildRows(
  data: HubData,
  noAccess: string | null,
  nowMs: number,
  health: Map<string, HealthState>,
  cache: RowCache = new WeakMap(),
): HubRow[] {
  const fromSnapshot = lookupsOf(data.snapshot);
  const domains = tenantDomains(data.lookups);
  return data.connections.map((connection) => {
    const tenantDomain = domains.get((connection.tenantId ?? '').toLowerCase()) ?? null;
    const key = keyFor(connection);
    const pending = key !== null && data.pending.has(key);
    const live = key ? data.lookups.get(key) : undefined;
    const stored = key && !pending && !(live && LIVE.has(live.kind)) ? fromSnapshot.get(key) : undefined;
    const rowHealth = health.get(connection.id);
    const thresholds = thresholdsOf(data, connection);
    const usage = usageFor(data.usage, connection.id) ?? usageFor(data.snapshot?.usage, connection.id);
    const usageError = usage ? undefined : data.usageErrors[connection.id.toLowerCase()];
    const inputs = [
      pending,
      live,
      stored,
      noAccess,
      rowHealth,
      thresholds,
      nowMs,
      data.homeTenantId,
      usage,
      usageError,
      data.snapshot?.workItems,
      tenantDomain,
    ];
    const cached = cache.get(connection);
    if (cached && sameInputs(cached.inputs, inputs)) return cached.row;
    let lookup = live;
    let asOf: HubRow['asOf'] = null;
    if (key && stored && data.snapshot) {
      const app = data.snapshot.apps[key];
      lookup = stored;
      asOf = {
        takenAt: app.takenAt,
        by:
          app.takenBy.kind === 'scanner' ? `scheduled scan ${app.takenBy.name}`.trim() : app.takenBy.name || 'an admin',
      };
    } else if (key && !lookup && noAccess) {
      lookup = { kind: 'no-access', message: noAccess };
    }
    const verdict = computeVerdict({
      connection,
      lookup,
      health: rowHealth?.state === 'done' ? rowHealth.result : null,
      nowMs,
      thresholds,
      homeTenantId: data.homeTenantId,
      usage,
    });
    if (asOf) verdict.reason = `${verdict.reason} As of ${shortDate(asOf.takenAt)} (${asOf.by}).`;
    const appName = lookup?.kind === 'found' ? lookup.app.displayName : null;
    const owners = lookup?.kind === 'found' ? lookup.app.owners : undefined;
    const trackedId = trackedItem(data.snapshot?.workItems, connection.id);
    const tracked =
      trackedId === null
        ? null
        : {
            id: trackedId,
            // The organization's combined snapshot says which project holds the item; a project's own: that project.
            project: data.snapshot?.workItems?.projectOf?.[connection.id.toLowerCase()] ?? '',
          };
    const typeText = typeLabel(connection);
    const authText = authShortLabel(connection);
    const row: HubRow = {
      id: connection.id,
      connection,
      verdict,
      pending,
      appName,
      asOf,
      health: rowHealth,
      usage,
      usageError,
      typeText,
      authText,
      owners,
      tenantDomain,
      tracked,
    };
    cache.set(connection, { inputs, row });
    return row;
  });
}

export type SortKey =
  'name' | 'project' | 'type' | 'auth' | 'app' | 'tenant' | 'owners' | 'expiry' | 'usedBy' | 'status';

export interface ViewOptions {
  keyword: string;
  statuses: Status[];
  /** Only connections shared with this project (id); the organization hub's project filter. */
  projectId?: string | null;
  /** Only these connections (the expiry timeline's selected bar). */
  onlyIds?: ReadonlySet<string> | null;
  sort: { key: SortKey; descending: boolean } | null;
}

const byText = (f: (r: HubRow) => string) => (a: HubRow, b: HubRow) => compareText(f(a), f(b));

const COMPARERS: Record<SortKey, (a: HubRow, b: HubRow) => number> = {
  name: byText((r) => r.connection.name),
  project: byText((r) => projectNames(r.connection)),
  type: byText((r) => r.typeText),
  auth: byText((r) => r.authText),
  app: byText((r) => r.appName ?? r.connection.appId ?? ''),
  tenant: byText((r) => (r.tenantDomain ? tenantLabel(r.tenantDomain) : (r.connection.tenantId ?? ''))),
  owners: byText((r) => (r.owners?.[0] ? ownerLabel(r.owners[0]) : '\uffff')),
  expiry: (a, b) => compareExpiry(a.verdict.expiresAt, b.verdict.expiresAt),
  usedBy: (a, b) => {
    const ua = lastUsedKey(a.usage);
    const ub = lastUsedKey(b.usage);
    return ua < ub ? 1 : ua > ub ? -1 : 0;
  },
  status: (a, b) => severityRank(a.verdict.status) - severityRank(b.verdict.status),
};

/** The text a keyword filter searches, built on the first keystroke rather than for the first paint. */
const haystacks = new WeakMap<HubRow, string>();

function haystackOf(r: HubRow): string {
  let text = haystacks.get(r);
  if (text === undefined) {
    const c = r.connection;
    const pipelines = r.usage?.pipelines.map((p) => p.definitionName) ?? [];
    text = [
      c.name,
      r.typeText,
      r.authText,
      r.appName,
      c.appId,
      c.tenantId,
      r.tenantDomain,
      r.verdict.reason,
      c.description,
      projectNames(c),
      ...pipelines,
      ...(r.owners ?? []).map(ownerLabel),
      c.createdBy?.displayName,
      c.createdBy?.uniqueName,
    ]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    haystacks.set(r, text);
  }
  return text;
}

/** Keyword (every word must appear) and status filters, then the chosen sort or severity order. */
export function viewRows(rows: HubRow[], options: ViewOptions): HubRow[] {
  const words = options.keyword.toLowerCase().split(/\s+/).filter(Boolean);
  const statuses = new Set(options.statuses);
  const projectId = options.projectId?.toLowerCase();
  const visible = rows.filter(
    (r) =>
      (statuses.size === 0 || statuses.has(r.verdict.status)) &&
      (!projectId || r.connection.projects.some((p) => p.id.toLowerCase() === projectId)) &&
      (!options.onlyIds || options.onlyIds.has(r.id)) &&
      (words.length === 0 || words.every((w) => haystackOf(r).includes(w))),
  );
  const sort = options.sort;
  if (!sort)
    return visible.sort((a, b) =>
      compareVerdicts({ name: a.connection.name, verdict: a.verdict }, { name: b.connection.name, verdict: b.verdict }),
    );
  const compare = COMPARERS[sort.key];
  return visible.sort(
    (a, b) => (sort.descending ? -1 : 1) * compare(a, b) || compareText(a.connection.name, b.connection.name),
  );
}
