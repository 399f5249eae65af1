import * as SDK from 'azure-devops-extension-sdk';
import type { IHostNavigationService, ILocationService } from 'azure-devops-extension-api';
import { parseEndpoint } from '../../core/endpoint';
import { idsToConfirm, withAzureDevOpsListing, type LiveScope } from '../../core/liveListing';
import { readSnapshot, SNAPSHOT_COLLECTION, type Snapshot } from '../../core/snapshot';
import { loweredThresholdsNote } from '../../core/thresholds';
import { usableThresholds, type ThresholdsReading } from '../../core/thresholdsDocument';
import { hubConnectionLink } from '../../core/links';
import type { Thresholds } from '../../core/types';
import { isDocumentMissing } from '../serverError';
import { extensionDataManager } from './extensionDataSdk';
import { listProjectEndpoints } from './serviceEndpoints';
import { readProjectThresholds } from './settingsStore';

/**
 * What every warning surface reads: the project's snapshot document and its thresholds (two extension data
 * requests in parallel), then Azure DevOps's own word on the connections it shows (one endpoint list
 * request, with the viewer's token), never Microsoft Graph.
 */

export interface SurfaceData {
  snapshot: Snapshot | null;
  /**
   * The project's thresholds (its own raised to the floors of core/thresholds.ts, or the defaults when it set
   * none); null when they could not be read: no verdict is computed then (the pill stays silent, the run
   * section and the widget say so).
   */
  thresholds: Thresholds | null;
  /** Why the thresholds could not be read. */
  thresholdsProblem: string | null;
  /** Said on the surface when the project lowered its thresholds (and when they read as the floors). */
  thresholdsNote: string | null;
  orgUrl: string;
  project: { id: string; name: string };
  /** The hub opened on one connection (or on the list). */
  hubLink(connectionId: string | null): string;
}

/** The reads behind a surface, injected in tests; `loadSurfaceData` wires them to the SDK. */
export interface SurfaceReads {
  project: { id: string; name: string };
  hubId: string;
  /** The stored snapshot document, or null when the project has none. */
  snapshotDocument(): Promise<unknown>;
  thresholds(): Promise<ThresholdsReading>;
  orgUrl(): Promise<string>;
  /** The project's endpoints as Azure DevOps lists them (raw): those ids, or every one (null). */
  listEndpoints(ids: string[] | null): Promise<unknown[]>;
  now(): number;
  /** How long the list is waited for (LIVE_LISTING_TIMEOUT_MS unless a test says). */
  timeoutMs?: number;
}

/** A surface waits this long for Azure DevOps's list, then shows what the snapshot says. */
export const LIVE_LISTING_TIMEOUT_MS = 5_000;

/** `scope` may come later (the run section learns its pipeline from the page): null asks Azure DevOps nothing. */
export async function readSurfaceData(
  reads: SurfaceReads,
  scope: LiveScope | null | Promise<LiveScope | null>,
): Promise<SurfaceData> {
  const { project } = reads;
  const [rawSnapshot, read, orgUrl] = await Promise.all([reads.snapshotDocument(), reads.thresholds(), reads.orgUrl()]);
  const stored = rawSnapshot ? readSnapshot(rawSnapshot, project.id, reads.now()) : null;
  const base = orgUrl.replace(/\/+$/, '');
  return {
    snapshot: stored ? await confirmed(reads, stored, await scope) : null,
    thresholds: usableThresholds(read),
    thresholdsProblem: read.kind === 'unreadable' ? read.reason : null,
    thresholdsNote: read.kind === 'set' ? loweredThresholdsNote(read.asSet) : null,
    orgUrl: base,
    project,
    hubLink: (id) => hubConnectionLink(base, project.name, reads.hubId, id),
  };
}

/** The snapshot with Azure DevOps's answer for the connections the surface shows; as stored when it cannot answer. */
async function confirmed(reads: SurfaceReads, snapshot: Snapshot, scope: LiveScope | null): Promise<Snapshot> {
  const ids = scope ? idsToConfirm(snapshot, scope) : [];
  if (ids !== null && ids.length === 0) return snapshot;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tooSlow = new Promise<null>(
    (resolve) => (timer = setTimeout(() => resolve(null), reads.timeoutMs ?? LIVE_LISTING_TIMEOUT_MS)),
  );
  try {
    const raw = await Promise.race([reads.listEndpoints(ids), tooSlow]);
    return raw ? withAzureDevOpsListing(snapshot, raw.map(parseEndpoint)) : snapshot;
  } catch {
    // Refused (this viewer may not view connections), failed: the snapshot's own checks still hold.
    return snapshot;
  } finally {
    clearTimeout(timer);
  }
}

function sdkReads(): SurfaceReads {
  const web = SDK.getWebContext();
  const project = { id: web.project?.id ?? '', name: web.project?.name ?? '' };
  return {
    project,
    hubId: `${SDK.getExtensionContext().id}.hub`,
    snapshotDocument: async () =>
      (await extensionDataManager()).getDocument(SNAPSHOT_COLLECTION, project.id).catch((e: unknown) => {
        if (isDocumentMissing(e)) return null;
        throw e;
      }),
    thresholds: () => readProjectThresholds(project.id),
    orgUrl: () =>
      SDK.getService<ILocationService>('ms.vss-features.location-service')
        .then((l) => l.getServiceLocation())
        .catch(() => `https://dev.azure.com/${encodeURIComponent(SDK.getHost().name)}/`),
    listEndpoints: (ids) => listProjectEndpoints(project.name, ids),
    now: () => Date.now(),
  };
}

/** One surface's data through the SDK: `scope` says which connections Azure DevOps is asked about. */
export function loadSurfaceData(scope: LiveScope | null | Promise<LiveScope | null>): Promise<SurfaceData> {
  return readSurfaceData(sdkReads(), scope);
}

/** Opens a page of this organization in the host (the surface's own frame cannot navigate the page). */
export async function navigateHost(url: string): Promise<void> {
  const nav = await SDK.getService<IHostNavigationService>('ms.vss-features.host-navigation-service');
  nav.navigate(url);
}
