import type { UsageReading } from '../../adapters/usage/readUsage';
import type { HealthCheck, Thresholds } from '../../core/types';
import type { PageDeps } from '../shared/pageDeps';

/** Everything the project hub talks to, injected so component tests can bring fakes. */
export interface HubDeps extends PageDeps {
  listEndpoints(): Promise<unknown[]>;
  saveThresholds(thresholds: Thresholds): Promise<void>;
  /** Azure DevOps's own connection test (the endpoint proxy's TestConnection). */
  checkEndpoint(endpointId: string): Promise<HealthCheck>;
  /** Execution history of these connections (which pipelines used them); absent: the hub does not read usage. */
  readUsage?(connectionIds: string[]): Promise<UsageReading>;
}
