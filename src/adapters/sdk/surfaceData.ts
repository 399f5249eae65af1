import * as SDK from 'azure-devops-extension-sdk';
import type { IHostNavigationService, ILocationService } from 'azure-devops-extension-api';
import { readSnapshot, SNAPSHOT_COLLECTION, type Snapshot } from '../../core/snapshot';
import { loweredThresholdsNote } from '../../core/thresholds';
import { usableThresholds } from '../../core/thresholdsDocument';
import { hubConnectionLink } from '../../core/links';
import type { Thresholds } from '../../core/types';
import { isDocumentMissing } from '../serverError';
import { extensionDataManager } from './extensionDataSdk';
import { readProjectThresholds } from './settingsStore';

/**
 * What every warning surface reads: the project's snapshot document and its thresholds, two extension
 * data requests in parallel, never Microsoft Graph and never the endpoint list.
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

export async function loadSurfaceData(): Promise<SurfaceData> {
  const web = SDK.getWebContext();
  const project = { id: web.project?.id ?? '', name: web.project?.name ?? '' };
  const manager = await extensionDataManager();
  const [rawSnapshot, read, orgUrl] = await Promise.all([
    manager.getDocument(SNAPSHOT_COLLECTION, project.id).catch((e: unknown) => {
      if (isDocumentMissing(e)) return null;
      throw e;
    }),
    readProjectThresholds(project.id),
    SDK.getService<ILocationService>('ms.vss-features.location-service')
      .then((l) => l.getServiceLocation())
      .catch(() => `https://dev.azure.com/${encodeURIComponent(SDK.getHost().name)}/`),
  ]);
  const base = orgUrl.replace(/\/+$/, '');
  const hubId = `${SDK.getExtensionContext().id}.hub`;
  return {
    snapshot: rawSnapshot ? readSnapshot(rawSnapshot, project.id, Date.now()) : null,
    thresholds: usableThresholds(read),
    thresholdsProblem: read.kind === 'unreadable' ? read.reason : null,
    thresholdsNote: read.kind === 'set' ? loweredThresholdsNote(read.asSet) : null,
    orgUrl: base,
    project,
    hubLink: (id) => hubConnectionLink(base, project.name, hubId, id),
  };
}

/** Opens a page of this organization in the host (the surface's own frame cannot navigate the page). */
export async function navigateHost(url: string): Promise<void> {
  const nav = await SDK.getService<IHostNavigationService>('ms.vss-features.host-navigation-service');
  nav.navigate(url);
}
