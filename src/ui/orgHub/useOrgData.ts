import { useCallback, useRef, useState } from 'react';
import { keyFor, tenantOfKey } from '../../core/graphQueries';
import { mapWithConcurrency } from '../../adapters/http';
import { isAbort } from '../../adapters/retry';
import { saveSnapshot } from '../../adapters/snapshotSync';
import { createOrgListing } from '../../core/orgListing';
import { combineSnapshots, entriesFor } from '../../core/orgSnapshot';
import { snapshotEntries } from '../../core/snapshot';
import type { Connection, ProjectRef } from '../../core/types';
import { noAccessMessage } from '../hub/graphAccess';
import { readGraph, type GraphReadResult } from '../hub/readGraph';
import {
  graphDone,
  graphTokenSource,
  INITIAL as HUB_INITIAL,
  withGraphAnswers,
  type HubData,
} from '../hub/hubDataSteps';
import { useGraphActions, useGraphSession } from '../hub/useGraphSession';
import type { OrgHubDeps } from './deps';
import { listEveryProject, type ProjectState } from './projectLists';

export interface OrgData extends HubData {
  /** Every project the viewer can see, in the order Azure DevOps lists them, with how its list went. */
  projects: ProjectState[];
  /** False until every project's list has answered. */
  listed: boolean;
  /** Projects whose snapshot this view refreshed after a live read, and those it could not write. */
  saved: { projects: number; failed: number } | null;
}

const INITIAL: OrgData = { ...HUB_INITIAL, projects: [], listed: false, saved: null };

/** Rows are redrawn at most this often while projects keep arriving. */
const PUBLISH_MS = 250;
/** Snapshot documents written at once after a live read. */
const SAVE_CONCURRENCY = 4;

const idKey = (p: ProjectRef) => p.id.toLowerCase();

function pendingKeys(connections: Connection[], answered: Map<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const c of connections) {
    const key = keyFor(c);
    if (key && !answered.has(key)) out.add(key);
  }
  return out;
}

/**
 * The organization hub's data: projects, then each project's connections as its list lands (shared ones
 * once), then one Graph read for the whole organization, then each project's snapshot refreshed.
 */
export function useOrgData(deps: OrgHubDeps) {
  const [data, setData] = useState<OrgData>(INITIAL);
  const generation = useRef(0);
  const session = useGraphSession(deps);
  const { naa, pasted, naaSource, startRequests } = session;

  const load = useCallback(async () => {
    const run = ++generation.current;
    const controller = startRequests();
    const live = () => run === generation.current;
    const update = (f: (d: OrgData) => OrgData) => live() && setData(f);
    setData((d) => ({ ...INITIAL, pastedTokenExpiresAt: d.pastedTokenExpiresAt }));
    const clientIdPromise = deps.loadClientId().catch(() => null);
    const snapshotsPromise = deps.readAllSnapshots(deps.now()).catch(() => null);
    const thresholdsPromise = deps.readAllThresholds().catch(() => null);

    // Graph stays "pending" until we know whether this viewer has a token; only then do rows fall back.
    let graphWillAnswer = true;
    const sourcePromise = clientIdPromise.then((clientId) => {
      update((d) => ({ ...d, clientId }));
      return graphTokenSource(pasted.current, clientId, naaSource);
    });
    void Promise.all([snapshotsPromise, thresholdsPromise]).then(([snapshots, thresholds]) =>
      update((d) => ({
        ...d,
        snapshot: snapshots ? combineSnapshots(snapshots.values()) : null,
        projectThresholds: thresholds ?? undefined,
      })),
    );
    void sourcePromise.then((resolved) => {
      if (!('access' in resolved)) return;
      graphWillAnswer = false;
      naa.current = null;
      update((d) => ({ ...d, pending: new Set(), access: resolved.access }));
    });

    const listing = createOrgListing();
    const states = new Map<string, ProjectState>();
    let order: ProjectRef[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let rowsShown = false;
    const publish = (listed = false) => {
      timer = null;
      const connections = listing.entries().map((e) => e.connection);
      rowsShown = connections.length > 0;
      const projects = order.map((p) => states.get(idKey(p)) ?? { project: p, state: 'waiting' as const });
      update((d) => ({
        ...d,
        phase: 'loaded',
        connections,
        projects,
        listed,
        pending: graphWillAnswer ? pendingKeys(connections, d.lookups) : new Set(),
        checkedAt: d.checkedAt ?? deps.now(),
      }));
    };
    // Until rows are on screen every change goes out on the next task (not at once: React 16 renders a
    // setState outside its events synchronously, which would hold back the next requests); later
    // projects are drawn in groups.
    const schedule = () => {
      if (!timer) timer = setTimeout(() => publish(), rowsShown ? PUBLISH_MS : 0);
    };
    try {
      await listEveryProject(
        deps,
        (projects) => {
          order = projects;
          schedule();
        },
        (state, connections) => {
          states.set(idKey(state.project), state);
          listing.add(state.project, connections);
          schedule();
        },
      );
    } catch (e) {
      if (timer) clearTimeout(timer);
      update((d) => ({
        ...d,
        phase: 'failed',
        error: `Azure DevOps did not list the organization's projects: ${(e as Error)?.message ?? e}`,
      }));
      return;
    }
    if (timer) clearTimeout(timer);
    publish(true); // one render for the last rows and the end of the listing

    const entries = listing.entries();
    const connections = entries.map((e) => e.connection);
    const resolved = await sourcePromise;
    if (!live() || 'access' in resolved) return;
    if (connections.every((c) => keyFor(c) === null)) return update((d) => ({ ...d, access: { kind: 'ready' } }));

    // One read for the whole organization: each (tenant, app) once, however many projects share it.
    const source = resolved.source;
    // The project hub's transitions, applied to the organization's data (its own fields kept).
    let result: GraphReadResult;
    try {
      result = await readGraph(
        connections,
        source,
        deps,
        (batch) => update((d) => ({ ...d, ...withGraphAnswers(batch)(d) })),
        controller.signal,
      );
    } catch (e) {
      if (isAbort(e)) return; // a newer load (Refresh) or the page going away owns it now
      throw e;
    }
    update((d) => ({ ...d, ...graphDone(result, source)(d) }));

    // Every project's pills, run sections and widgets get these readings: each project's own apps.
    const readings = snapshotEntries(result.lookups, tenantOfKey, new Date(deps.now()).toISOString(), {
      kind: 'hub',
      name: deps.context.userName,
    });
    const perProject = order
      .filter((p) => states.get(idKey(p))?.state === 'listed')
      .map((p) => {
        const keys = connections
          .filter((c) => c.projects.some((q) => q.id.toLowerCase() === idKey(p)))
          .map(keyFor)
          .filter((k): k is string => k !== null);
        return { project: p, apps: entriesFor(readings, keys) };
      })
      .filter((x) => Object.keys(x.apps).length > 0);
    if (perProject.length === 0 || !live()) return;
    const outcomes = await mapWithConcurrency(perProject, SAVE_CONCURRENCY, ({ project, apps }) =>
      saveSnapshot(deps.snapshots, project.id, apps, { now: deps.now }).then(
        () => true,
        () => false,
      ),
    );
    const failed = outcomes.filter((ok) => !ok).length;
    update((d) => ({ ...d, saved: { projects: outcomes.length - failed, failed } }));
  }, [deps, naa, naaSource, pasted, startRequests]);

  const { signIn, applyPastedToken } = useGraphActions(deps, session, data, setData, load);

  return { data, refresh: load, signIn, applyPastedToken, noAccess: noAccessMessage(data.access) };
}
