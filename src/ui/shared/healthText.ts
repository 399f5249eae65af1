import { shortDateTime } from '../../core/days';
import type { HealthState } from './useHealthChecks';

/** One line for the result of Azure DevOps's connection test, or null when none ran. */
export function healthText(health: HealthState | undefined): string | null {
  if (!health) return null;
  switch (health.state) {
    case 'running':
      return 'Checking the connection…';
    case 'done':
      return health.result.ok
        ? `Works now: Azure DevOps’s connection test passed (${shortDateTime(health.at)}); it says nothing of when the credential ends.`
        : `Broken now: ${health.result.message}`;
    case 'error':
      return `Could not run the check: ${health.message}`;
  }
}
