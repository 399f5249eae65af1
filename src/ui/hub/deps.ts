import type { HostContext } from '../../adapters/sdk/hostContext';
import type { HubSettings } from '../../adapters/sdk/settingsStore';
import type { GraphTokenSource } from '../../adapters/auth/naaGraphTokens';
import type { FetchLike } from '../../adapters/http';
import type { SnapshotDocumentStore } from '../../adapters/snapshotSync';
import type { HealthCheck, Thresholds } from '../../core/types';
import type { UsageReading } from '../../adapters/usage/readUsage';

/** Everything the hub talks to, injected so component tests can bring fakes. */
export interface HubDeps {
  context: HostContext;
  listEndpoints(): Promise<unknown[]>;
  /** The Entra client ID fixed in the extension package; wins over the shared setting, which it makes read-only. */
  fixedClientId?: string | null;
  loadSettings(): Promise<HubSettings>;
  saveClientId(clientId: string | null): Promise<void>;
  saveThresholds(thresholds: Thresholds): Promise<void>;
  /** Throws NaaUnavailableError where the host offers no Nested App Authentication. */
  createTokens(clientId: string): Promise<GraphTokenSource>;
  graphRootFor?: (environment: string) => string;
  graphFetch?: FetchLike;
  snapshots: SnapshotDocumentStore;
  /** Azure DevOps's own connection test (the endpoint proxy's TestConnection). */
  checkEndpoint(endpointId: string): Promise<HealthCheck>;
  connectionParam: { read(): Promise<string | null>; write(id: string | null): Promise<void> };
  now(): number;
  /** Execution history of these connections (which pipelines used them); absent: the hub does not read usage. */
  readUsage?(connectionIds: string[]): Promise<UsageReading>;
}
