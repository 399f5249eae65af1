import type { UsageReading } from '../../adapters/usage/readUsage';
import type { Snapshot } from '../../core/snapshot';
import type { ThresholdsReading } from '../../core/thresholdsDocument';
import type { HealthCheck, ProjectRef } from '../../core/types';
import type { PageDeps } from '../shared/pageDeps';

/** Everything the organization hub talks to, injected so tests can bring fakes. */
export interface OrgHubDeps extends PageDeps {
  /** Every project the viewer can see, reporting each page as it arrives. */
  listProjects(onPage: (page: ProjectRef[]) => void): Promise<ProjectRef[]>;
  /** One project's service endpoints, raw; rejects with `status` 403 where the viewer may not read them. */
  listEndpoints(project: string): Promise<unknown[]>;
  /** The shared client ID and its last changes (thresholds are each project's: see readAllThresholds). */
  loadSettings: PageDeps['loadSettings'];
  /** Every project's snapshot and thresholds, by project id in lower case (one request each). */
  readAllSnapshots(nowMs: number): Promise<Map<string, Snapshot>>;
  readAllThresholds(): Promise<Map<string, ThresholdsReading>>;
  checkEndpoint(project: string, endpointId: string): Promise<HealthCheck>;
  /** Hands a file to the browser to save. */
  download(fileName: string, mimeType: string, text: string): void;
  /** One project's execution history of these connections (which pipelines used them); absent: none is read. */
  readUsage?(project: ProjectRef, connectionIds: string[]): Promise<UsageReading>;
}
