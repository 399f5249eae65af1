import type { UsageReading } from '../../adapters/usage/readUsage';
import type { HealthCheck, ProjectRef, Thresholds } from '../../core/types';
import type { PageDeps } from '../shared/pageDeps';

/** Everything the project hub talks to, injected so component tests can bring fakes. */
export interface HubDeps extends PageDeps {
  listEndpoints(): Promise<unknown[]>;
  saveThresholds(thresholds: Thresholds): Promise<void>;
  /** Azure DevOps's own connection test (the endpoint proxy's TestConnection). */
  checkEndpoint(endpointId: string): Promise<HealthCheck>;
  /**
   * One project's execution history of these connections (which pipelines used them): this project's, and a
   * shared connection's other projects'; absent: the hub does not read usage.
   */
  readUsage?(project: ProjectRef, connectionIds: string[]): Promise<UsageReading>;
}
