import { mergeUsage } from '../../core/usage';
import { usableThresholds, type ThresholdsReading } from '../../core/thresholdsDocument';
import type { Thresholds } from '../../core/types';
import { isAbort } from '../../adapters/retry';
import { snapshotReadError } from '../../adapters/serverError';
import { keyFor } from '../../core/graphQueries';
import { combineSnapshots } from '../../core/orgSnapshot';
import type { Snapshot, SnapshotApp } from '../../core/snapshot';
import type { Connection } from '../../core/types';
import {
  graphDone,
  INITIAL as HUB_INITIAL,
  nothingToRead,
  readingsToPublish,
  withClientIdSettings,
  withGraphAnswers,
  withoutGraph,
  type GraphSignIn,
  type HubData,
  type Transition,
} from '../shared/loadSteps';
import { readGraph, type GraphReadResult } from '../shared/readGraph';
import type { LoadStart } from '../shared/usePageData';
import type { OrgHubDeps } from './deps';
import { listOrganization } from './orgListingStep';
import { publishOrgUsage } from './orgUsageStep';
import type { ProjectState } from './projectLists';

export interface OrgData extends HubData {
  /** Every project the viewer can see, in the order Azure DevOps lists them, with how its list went. */
  projects: ProjectState[];
  /** False until every project's list has answered. */
  listed: boolean;
  /** Projects whose snapshot this view refreshed after a live read, and those it could not write. */
  saved: { projects: number; failed: number } | null;
  /** Projects whose execution history this view reads for "Used by", and how many answered. */
  history: { done: number; total: number } | null;
  /**
   * Projects whose thresholds document could not be read (id → why), or why none could be read at all:
   * their rows use the defaults, and the page names them (never a silent default).
   */
  thresholdProblems: Map<string, string>;
  thresholdsError: string | null;
}

export const INITIAL: OrgData = {
  ...HUB_INITIAL,
  projects: [],
  listed: false,
  saved: null,
  history: null,
  thresholdProblems: new Map(),
  thresholdsError: null,
};

/** Each project's own thresholds, and those that could not be read (named on the page). */
function projectThresholdsOf(
  readings: Map<string, ThresholdsReading> | null,
  error: string | null,
): Pick<OrgData, 'projectThresholds' | 'thresholdProblems' | 'thresholdsError'> {
  const own = new Map<string, Thresholds>();
  const problems = new Map<string, string>();
  for (const [id, r] of readings ?? []) {
    const t = usableThresholds(r);
    if (t) own.set(id, t);
    else if (r.kind === 'unreadable') problems.set(id, r.reason);
  }
  return { projectThresholds: own, thresholdProblems: problems, thresholdsError: error };
}

/**
 * The organization hub's load, as the scanner's scanOrganization runs it: projects, then each project's
 * connections as its list lands (shared ones once), then one Graph read for the whole organization, then
 * "Used by" where the snapshots had no fresh usage, then each project's snapshot published.
 */
export async function loadOrganization(deps: OrgHubDeps, start: LoadStart<OrgData>): Promise<void> {
  start.update((d) => ({ ...INITIAL, pastedTokenExpiresAt: d.pastedTokenExpiresAt }));
  const early = startEarlyReads(deps, start);
  const listing = await listOrganization(deps, start.update, early.graphWillAnswer);
  if (!listing) return;
  early.everyProjectListed();

  const signIn = await early.signIn;
  if (!start.live()) return;
  const readings = await readOrganizationGraph(deps, start, listing.connections, signIn);
  if (!readings) return; // a newer load (Refresh) or the page going away owns it now

  // "Used by" for what the snapshots did not hold fresh, then every project's pills, run sections and
  // widgets get its listing, usage and these readings: one snapshot write per project.
  const saved = await publishOrgUsage(deps, {
    ...listing,
    readings,
    snapshots: await early.snapshots,
    known: await early.known,
    live: start.live,
    report: (usage, history, unread) =>
      start.update((d) => ({
        ...d,
        // A shared connection's projects arrive one by one: their histories merge.
        usage: mergeUsage(d.usage ?? {}, usage),
        usageErrors: { ...d.usageErrors, ...unread },
        history,
      })),
  });
  if (saved) start.update((d) => ({ ...d, saved: { projects: saved.saved, failed: saved.failed } }));
}

/** The project hub's transitions, applied to the organization's data (its own fields kept). */
const applier = (start: LoadStart<OrgData>) => (t: Transition) => start.update((d) => ({ ...d, ...t(d) }));

interface EarlyReads {
  signIn: Promise<GraphSignIn>;
  /** Every project's snapshot, by project id in lower case; null when they could not be read. */
  snapshots: Promise<Map<string, Snapshot> | null>;
  /** The organization's view of them, combined once: the rows' verdicts and "Used by", and the usage step. */
  known: Promise<Snapshot | null>;
  /** True until this viewer is known to have no Graph token. */
  graphWillAnswer(): boolean;
  everyProjectListed(): void;
}

/** What the load reads beside the listing: settings and sign-in, each project's thresholds and snapshot. */
function startEarlyReads(deps: OrgHubDeps, start: LoadStart<OrgData>): EarlyReads {
  const apply = applier(start);
  void start.settings.then((settings) => apply(withClientIdSettings(settings, deps.fixedClientId)));
  const thresholds = deps.readAllThresholds().then(
    (readings) => ({ readings, error: null }),
    (e: unknown) => ({ readings: null, error: (e as Error)?.message ?? String(e) }),
  );
  // Graph stays "pending" until we know whether this viewer has a token; only then do rows fall back.
  let graphWillAnswer = true;
  const signIn = start.graphSource();
  // Every project's snapshot is one large read through the host, on the main thread the lists need too. A
  // viewer Graph answers for needs it only for "Used by" and the writes after Graph: it waits until every
  // project is listed. A viewer without Graph needs it for the verdicts: it is read at once.
  let everyProjectListed!: () => void;
  const listed = new Promise<void>((resolve) => (everyProjectListed = resolve));
  const snapshots = signIn
    .then((resolved) => ('access' in resolved ? undefined : listed))
    .then(() => deps.readAllSnapshots(deps.now()))
    .then((read) => {
      start.update((d) => (d.snapshotError ? { ...d, snapshotError: null } : d));
      return read;
    })
    .catch((e: unknown) => {
      // Said on the page (too large, refused…): rows then read Azure DevOps alone, never silently.
      start.update((d) => ({ ...d, snapshotError: snapshotReadError(e) }));
      return null;
    });
  void thresholds.then(({ readings, error }) =>
    start.update((d) => ({ ...d, ...projectThresholdsOf(readings, error) })),
  );
  const known = snapshots.then((s) => (s ? combineSnapshots(s.values()) : null));
  void known.then((snapshot) => start.update((d) => ({ ...d, snapshot })));
  void signIn.then((resolved) => {
    if (!('access' in resolved)) return;
    graphWillAnswer = false;
    apply(withoutGraph(resolved.access));
  });
  return { signIn, snapshots, known, graphWillAnswer: () => graphWillAnswer, everyProjectListed };
}

/**
 * One Graph read for the whole organization: each (tenant, app) once, however many projects share it.
 * Returns the readings to publish, or null when a newer load cancelled it.
 */
async function readOrganizationGraph(
  deps: OrgHubDeps,
  start: LoadStart<OrgData>,
  connections: Connection[],
  signIn: GraphSignIn,
): Promise<Record<string, SnapshotApp> | null> {
  const apply = applier(start);
  // No Graph for this viewer: the rows are final already; usage and listings are still published.
  if ('access' in signIn) return {};
  if (connections.every((c) => keyFor(c) === null)) {
    apply(nothingToRead);
    return {};
  }
  let result: GraphReadResult;
  try {
    result = await readGraph(connections, signIn.source, deps, (batch) => apply(withGraphAnswers(batch)), start.signal);
  } catch (e) {
    if (isAbort(e)) return null;
    throw e;
  }
  apply(graphDone(result, signIn.source));
  return readingsToPublish(result.lookups, deps);
}
