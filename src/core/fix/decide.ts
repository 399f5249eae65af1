import { renewalSteps } from '../findings';
import { needsAction } from '../status';
import type { AppLookup, Connection, Verdict } from '../types';
import type { FixAction } from './types';

/**
 * Which fix the tool can apply to one connection, and why. Azure DevOps converts to workload identity
 * federation only the connections it created (`creationMode: Automatic`) that one project uses (docs:
 * "Convert an existing Azure Resource Manager service connection"; geekzter/azure-identity-scripts
 * convert_azurerm_service_connection_to_oidc.ps1 skips shared, manual and failed ones). A manual
 * connection's secret is the admin's to rotate (Graph addPassword, then Edit). Everything else is
 * renewed in Azure DevOps's own UI.
 */

export interface Decision {
  action: FixAction;
  reason: string;
  checked: string[];
  /** For renew-in-ui: the click path, as the hub shows it. */
  steps: string[];
}

export interface DecideInput {
  connection: Connection;
  verdict: Verdict;
  lookup: AppLookup | undefined;
  /** Instead of `lookup` (the hubs hold verdicts, not Graph's answers): why the app cannot be written, or null. */
  appProblem?: string | null;
}

function lookupProblem(lookup: AppLookup | undefined): string | null {
  if (!lookup) return 'the app registration was not read';
  if (lookup.kind === 'found')
    return lookup.app.objectId ? null : 'Graph did not give the app registration’s object id';
  if (lookup.kind === 'not-found') return 'the app registration was not found in Entra ID';
  return `the app registration could not be read (${lookup.message})`;
}

export function decideAction({ connection: c, verdict: v, lookup, appProblem }: DecideInput): Decision {
  const checked: string[] = [`type ${c.type || 'unknown'}`, `scheme ${c.scheme || 'none'} (${c.schemeKind})`];
  const none = (reason: string): Decision => ({ action: 'none', reason, checked, steps: [] });
  const inUi = (reason: string): Decision => ({
    action: 'renew-in-ui',
    reason,
    checked,
    steps: renewalSteps(c, v.status === 'expired'),
  });
  if (!c.entraBacked) return none('No Entra ID credential stands behind this connection.');
  if (c.schemeKind === 'federated') return none('Already uses workload identity federation: no secret to renew.');
  if (c.schemeKind === 'managed-identity') return none('Uses a managed identity: no secret to renew.');
  if (c.schemeKind !== 'secret' && c.schemeKind !== 'certificate')
    return none('The scheme has no secret or certificate the tool knows.');
  checked.push(`creationMode ${c.creationMode}`, `status ${v.status}`);
  if (c.isDisabled) return inUi('The connection is disabled: enable and renew it in Azure DevOps.');
  if (!c.isReady || (c.operationState && c.operationState.toLowerCase() !== 'ready'))
    return inUi(`The connection is not ready (${c.operationState ?? 'isReady false'}): finish it in Azure DevOps.`);
  if (c.type.toLowerCase() !== 'azurerm')
    return inUi('Only Azure Resource Manager connections can be converted or rotated by the tool.');
  if (c.schemeKind === 'certificate')
    return inUi('Certificate-based: upload the new certificate in Azure DevOps (Edit); the tool never handles keys.');
  const projects = Math.max(1, c.projects.length);
  checked.push(c.isShared || projects > 1 ? `shared with ${projects} project(s)` : 'used by one project, not shared');
  if (c.creationMode === 'automatic') {
    if (c.isShared || projects > 1)
      return inUi('Shared across projects: Azure DevOps converts only connections one project uses.');
    return {
      action: 'convert',
      reason:
        'Created by Azure DevOps, one project: convert to workload identity federation (no secret left to expire).',
      checked,
      steps: [],
    };
  }
  if (c.creationMode === 'manual') {
    const problem = appProblem === undefined ? lookupProblem(lookup) : appProblem;
    checked.push(problem ? `app registration: ${problem}` : 'app registration read');
    if (problem) return inUi(`Manual connection, but ${problem}: rotate it by hand.`);
    return {
      action: 'rotate',
      reason: 'Created by hand: add a new secret to the app registration, save it in the connection, verify.',
      checked,
      steps: [],
    };
  }
  return inUi('Azure DevOps did not say who created the app registration: renew it in Azure DevOps.');
}

/** The default selection: at or above warning. `--all`: every secret- or certificate-based connection. */
export function isSelected(c: Connection, v: Verdict, all: boolean): boolean {
  if (all) return c.entraBacked && (c.schemeKind === 'secret' || c.schemeKind === 'certificate');
  return needsAction(v.status);
}
