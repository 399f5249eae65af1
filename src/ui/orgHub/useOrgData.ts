import { useCallback, useRef, useState } from 'react';
import { keyFor, tenantOfKey } from '../../core/graphQueries';
import { isAbort } from '../../adapters/retry';
import { createOrgListing } from '../../core/orgListing';
import { combineSnapshots } from '../../core/orgSnapshot';
import { snapshotEntries, type SnapshotApp } from '../../core/snapshot';
import type { Connection, ProjectRef } from '../../core/types';
import { noAccessMessage } from '../shared/graphAccess';
import { readGraph, type GraphReadResult } from '../shared/readGraph';
import {
  clientIdInUse,
  graphDone,
  graphTokenSource,
  INITIAL as HUB_INITIAL,
  loadSettingsOrDefaults,
  withClientIdSettings,
  withGraphAnswers,
  type HubData,
} from '../shared/loadSteps';
import { useGraphActions, useGraphSession } from '../shared/useGraphSession';
import type { OrgHubDeps } from './deps';
import { publishOrgUsage } from './orgUsageStep';
import { listEveryProject, type ProjectState } from './projectLists';

export interface OrgData extends HubData {
  /** Every project the viewer can see, in the order Azure DevOps lists them, with how its list went. */
  projects: ProjectState[];
  /** False until every project's list has answered. */
  listed: boolean;
  /** Projects whose snapshot this view refreshed after a live read, and those it could not write. */
  saved: { projects: number; failed: number } | null;
  /** Projects whose execution history this view reads for "Used by", and how many answered. */
  history: { done: number; total: number } | null;
}

const INITIAL: OrgData = { ...HUB_INITIAL, projects: [], listed: false, saved: null, history: null };

/** Rows are redrawn at most this often while projects keep arriving. */
const PUBLISH_MS = 250;

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
 * once), then one Graph read for the whole organization, then "Used by" where the snapshots had no fresh
 * usage, then each project's snapshot refreshed.
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
    const settingsPromise = loadSettingsOrDefaults(deps);
    const thresholdsPromise = deps.readAllThresholds().catch(() => null);

    // Graph stays "pending" until we know whether this viewer has a token; only then do rows fall back.
    let graphWillAnswer = true;
    const sourcePromise = settingsPromise.then((settings) => {
      update((d) => ({ ...d, ...withClientIdSettings(settings, deps.fixedClientId)(d) }));
      const { clientId } = clientIdInUse(settings, deps.fixedClientId);
      return graphTokenSource(pasted.current, clientId, naaSource, settings.readError ?? null);
    });
    // Every project's snapshot is one large read through the host, on the main thread the lists need too. A
    // viewer Graph answers for needs it only for "Used by" and the writes after Graph: it waits until every
    // project is listed. A viewer without Graph needs it for the verdicts: it is read at once.
    let listedSignal!: () => void;
    const listedPromise = new Promise<void>((resolve) => (listedSignal = resolve));
    const snapshotsPromise = sourcePromise
      .then((resolved) => ('access' in resolved ? undefined : listedPromise))
      .then(() => deps.readAllSnapshots(deps.now()))
      .catch(() => null);
    void thresholdsPromise.then((thresholds) => update((d) => ({ ...d, projectThresholds: thresholds ?? undefined })));
    // The organization's view of them, combined once: the rows' verdicts and "Used by", and the usage step.
    const combinedPromise = snapshotsPromise.then((snapshots) =>
      snapshots ? combineSnapshots(snapshots.values()) : null,
    );
    void combinedPromise.then((snapshot) => update((d) => ({ ...d, snapshot })));
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
    listedSignal();

    const connections = listing.entries().map((e) => e.connection);
    const resolved = await sourcePromise;
    if (!live()) return;
    let readings: Record<string, SnapshotApp> = {};
    if ('access' in resolved) {
      // No Graph for this viewer: the rows are final already; usage and listings are still left below.
    } else if (connections.every((c) => keyFor(c) === null)) {
      update((d) => ({ ...d, access: { kind: 'ready' } }));
    } else {
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
      readings = snapshotEntries(result.lookups, tenantOfKey, new Date(deps.now()).toISOString(), {
        kind: 'hub',
        name: deps.context.userName,
      });
    }

    // "Used by" for what the snapshots did not hold fresh, then every project's pills, run sections and
    // widgets get its listing, usage and these readings: one snapshot write per project.
    const listed = order.filter((p) => states.get(idKey(p))?.state === 'listed');
    const saved = await publishOrgUsage(
      deps,
      listed,
      connections,
      readings,
      await snapshotsPromise,
      await combinedPromise,
      live,
      (usage, history, unread) =>
        update((d) => ({
          ...d,
          usage: { ...d.usage, ...usage },
          usageErrors: { ...d.usageErrors, ...unread },
          history,
        })),
    );
    if (saved) update((d) => ({ ...d, saved: { projects: saved.saved, failed: saved.failed } }));
  }, [deps, naa, naaSource, pasted, startRequests]);

  const { signIn, applyPastedToken } = useGraphActions(deps, session, data, setData, load);

  return { data, refresh: load, signIn, applyPastedToken, noAccess: noAccessMessage(data.access) };
}
