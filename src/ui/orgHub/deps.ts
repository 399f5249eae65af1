import type { GraphTokenSource } from '../../adapters/auth/naaGraphTokens';
import type { HostContext } from '../../adapters/sdk/hostContext';
import type { HubSettings } from '../../adapters/sdk/settingsStore';
import type { FetchLike } from '../../adapters/http';
import type { SnapshotDocumentStore } from '../../adapters/snapshotSync';
import type { UsageReading } from '../../adapters/usage/readUsage';
import type { Snapshot } from '../../core/snapshot';
import type { HealthCheck, ProjectRef, Thresholds } from '../../core/types';

/** Everything the organization hub talks to, injected so tests can bring fakes. */
export interface OrgHubDeps {
  context: HostContext;
  /** Every project the viewer can see, reporting each page as it arrives. */
  listProjects(onPage: (page: ProjectRef[]) => void): Promise<ProjectRef[]>;
  /** One project's service endpoints, raw; rejects with `status` 403 where the viewer may not read them. */
  listEndpoints(project: string): Promise<unknown[]>;
  /** The Entra client ID fixed in the extension package; wins over the shared setting, which it makes read-only. */
  fixedClientId?: string | null;
  /** The shared client ID and its last changes (thresholds are each project's: see readAllThresholds). */
  loadSettings(): Promise<HubSettings>;
  saveClientId(clientId: string | null): Promise<void>;
  /** Every project's snapshot and thresholds, by project id in lower case (one request each). */
  readAllSnapshots(nowMs: number): Promise<Map<string, Snapshot>>;
  readAllThresholds(): Promise<Map<string, Thresholds>>;
  /** Where each project's snapshot is written after a live read. */
  snapshots: SnapshotDocumentStore;
  /** Throws NaaUnavailableError where the host offers no Nested App Authentication. */
  createTokens(clientId: string): Promise<GraphTokenSource>;
  graphRootFor?: (environment: string) => string;
  graphFetch?: FetchLike;
  checkEndpoint(project: string, endpointId: string): Promise<HealthCheck>;
  connectionParam: { read(): Promise<string | null>; write(id: string | null): Promise<void> };
  /** Hands a file to the browser to save. */
  download(fileName: string, mimeType: string, text: string): void;
  now(): number;
  /** One project's execution history of these connections (which pipelines used them); absent: none is read. */
  readUsage?(project: string, connectionIds: string[]): Promise<UsageReading>;
}
