import * as SDK from 'azure-devops-extension-sdk';
import type { IHostNavigationService, ILocationService } from 'azure-devops-extension-api';
import { readSnapshot, SNAPSHOT_COLLECTION, type Snapshot } from '../../core/snapshot';
import { loweredThresholdsNote, thresholdsFromSettings } from '../../core/thresholds';
import { hubConnectionLink } from '../../core/links';
import type { Thresholds } from '../../core/types';
import { isDocumentMissing } from '../serverError';
import { extensionDataManager } from './extensionDataSdk';
import { THRESHOLDS_COLLECTION } from './settingsStore';

/**
 * What every warning surface reads: the project's snapshot document and its thresholds, two extension
 * data requests in parallel, never Microsoft Graph and never the endpoint list.
 */

export interface SurfaceData {
  snapshot: Snapshot | null;
  /** The project's thresholds, raised to the floors (core/thresholds.ts) where set below them. */
  thresholds: Thresholds;
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
  const [rawSnapshot, rawThresholds, orgUrl] = await Promise.all([
    manager.getDocument(SNAPSHOT_COLLECTION, project.id).catch((e: unknown) => {
      if (isDocumentMissing(e)) return null;
      throw e;
    }),
    manager.getDocument(THRESHOLDS_COLLECTION, project.id).catch(() => null),
    SDK.getService<ILocationService>('ms.vss-features.location-service')
      .then((l) => l.getServiceLocation())
      .catch(() => `https://dev.azure.com/${encodeURIComponent(SDK.getHost().name)}/`),
  ]);
  const read = thresholdsFromSettings(rawThresholds);
  const base = orgUrl.replace(/\/+$/, '');
  const hubId = `${SDK.getExtensionContext().id}.hub`;
  return {
    snapshot: rawSnapshot ? readSnapshot(rawSnapshot, project.id, Date.now()) : null,
    thresholds: read.thresholds,
    thresholdsNote: read.asSet ? loweredThresholdsNote(read.asSet) : null,
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
