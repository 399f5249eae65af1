import { showInvisibles } from './logSafe';
import { credentialKindOf } from './credentialKind';
import { isoDay } from './days';
import { entraIssuer } from './links';
import type { Connection, Finding } from './types';

/**
 * The English of every finding: message and fix steps. Each fix list is ordered: the first step is
 * what to do now. Which finding applies is decided in verdict.ts, health.ts and federated.ts.
 */

const NOT_IN_PORTAL =
  'Do not use "New client secret" in the Entra portal for this: Azure DevOps never learns a secret created there.';

function where(c: Connection): string {
  // A sentence, not a name cell: bidi controls in the name are shown, so they cannot reorder the steps.
  return `Project settings → Service connections → "${showInvisibles(c.name)}"`;
}

export function renewalSteps(c: Connection, alreadyExpired: boolean): string[] {
  if (credentialKindOf(c) === 'certificate') {
    return [
      'Create a new certificate and upload its public key to the app registration (Certificates & secrets → Certificates).',
      `In Azure DevOps open ${where(c)} → Edit, paste the new certificate (PEM with private key), then Verify and Save.`,
      'Once pipelines run with it, delete the old certificate from the app registration.',
    ];
  }
  if (c.creationMode === 'manual') return manualSteps(c);
  if (c.creationMode === 'unknown') {
    // Azure DevOps did not say who created it (ACR connections carry no creationMode): give both fixes.
    return [
      `If Azure DevOps created the app registration: ${automaticSteps(c, alreadyExpired).join(' ')}`,
      `If someone created it by hand: ${manualSteps(c).join(' ')}`,
    ];
  }
  return automaticSteps(c, alreadyExpired);
}

function manualSteps(c: Connection): string[] {
  return [
    'In Entra ID open the app registration → Certificates & secrets → New client secret, and copy its value.',
    `In Azure DevOps open ${where(c)} → Edit, paste the new secret, then Verify and Save.`,
    'Once pipelines run with it, delete the old secret from the app registration.',
  ];
}

function automaticSteps(c: Connection, alreadyExpired: boolean): string[] {
  if (alreadyExpired) {
    // Azure DevOps's docs name Rotate secret for an expired automatic secret; Edit → Save is the way without it.
    return [
      `In Azure DevOps open ${where(c)} and choose Rotate secret: Azure DevOps creates a new secret valid for three months.`,
      'Without Rotate secret: Edit. Verify fails while the secret is expired, so change something (for example the description) and Save; reopen Edit, then Verify and Save.',
      NOT_IN_PORTAL,
    ];
  }
  return [
    `In Azure DevOps open ${where(c)} → Edit, then Verify and Save: Azure DevOps creates a new secret valid for three months.`,
    NOT_IN_PORTAL,
  ];
}

/**
 * Azure DevOps offers Convert for Azure Resource Manager connections it created that one project uses
 * (learn.microsoft.com/azure/devops/pipelines/library/connect-to-azure; Microsoft's bulk conversion script
 * lists `type=azurerm` only). Docker Registry (ACR) and Kubernetes connections have no Convert.
 */
export function canConvert(c: Connection): boolean {
  return c.type.toLowerCase() === 'azurerm' && c.creationMode === 'automatic' && !c.isShared && c.projects.length <= 1;
}

function noConvertSteps(c: Connection): string[] {
  const type = c.type.toLowerCase();
  if (type !== 'azurerm')
    return [
      `Azure DevOps offers no Convert for ${type === 'dockerregistry' ? 'Docker Registry' : 'this type of'} connection.`,
      'Create a new connection of the same type that uses workload identity federation (or an Azure Resource Manager one where the tasks accept it), point pipelines at it, then delete this one.',
    ];
  return [
    'Azure DevOps offers Convert only for Azure Resource Manager connections it created that one project uses.',
    `Create a workload identity federation connection (manual), add its issuer and subject as a federated credential on this app registration, then point pipelines at it.`,
  ];
}

export function wifRecommendation(c: Connection): Finding {
  const noun = credentialKindOf(c) ?? 'secret';
  return {
    code: noun === 'certificate' ? 'certificate-based' : 'secret-based',
    severity: 'info',
    message: `Authenticates with a ${noun} that must be renewed; workload identity federation needs none.`,
    fix: canConvert(c)
      ? [
          `In Azure DevOps open ${where(c)} and choose Convert to switch it to workload identity federation.`,
          'A conversion can be reverted for seven days if a pipeline breaks.',
        ]
      : noConvertSteps(c),
  };
}

export function legacyIssuerFinding(c: Connection, retirementIso: string, nowMs: number): Finding {
  const retired = nowMs >= Date.parse(retirementIso);
  return {
    code: 'legacy-wif-issuer',
    severity: 'warning',
    message: `Federated with the old Azure DevOps issuer (${c.wifIssuer}), ${retired ? 'retired on' : 'which is retired on'} ${isoDay(retirementIso)}${retired ? '' : ': update it before then'}.`,
    fix: [
      `In Azure DevOps open ${where(c)} → Edit to see the new issuer and subject.`,
      `Add a federated credential with issuer ${entraIssuer(c.environment, c.tenantId)} and that subject to the app registration or managed identity, then Save the connection.`,
      'Remove the old federated credential once pipelines run.',
    ],
  };
}

export function manualFinding(): Finding {
  return {
    code: 'manual-connection',
    severity: 'info',
    message: 'Created manually: Azure DevOps cannot renew its secret; whoever rotates it must paste the new one.',
    fix: [
      'Record who owns this app registration, or move the connection to workload identity federation (see the secret-based finding).',
    ],
  };
}

export function ambiguousFinding(modifiedAt: string | null): Finding {
  const saved = modifiedAt ? `its last save (${isoDay(modifiedAt)})` : 'its last save (unknown)';
  return {
    code: 'credentials-ambiguous',
    severity: 'warning',
    message: `No credential on the app registration matches ${saved}; the verdict follows the earliest-expiring active one.`,
    fix: [
      'Renew the connection (Edit → Verify → Save) so the credential in use is known again.',
      'Then delete credentials no connection uses.',
    ],
  };
}

export function finding(code: Finding['code'], severity: Finding['severity'], message: string, fix: string[]): Finding {
  return { code, severity, message, fix };
}

/** The connection's authorization cannot be read (no scheme, no or malformed appId). */
export function unreadableFinding(c: Connection, reason: string): Finding {
  return finding(
    'missing-app-id',
    'warning',
    reason,
    /^<placeholder>$/i.test(c.appId ?? '')
      ? [
          'Azure DevOps did not finish creating this connection (it could not create the app registration, often for lack of permission in Entra ID).',
          'Delete it and create it again, preferably with workload identity federation, as a user allowed to register apps, or create it manually with an existing app registration.',
        ]
      : ['Open the connection in Azure DevOps → Edit, check its service principal, then Verify and Save.'],
  );
}

/** The credential in use is expired or within the warning window. */
export function expiryFinding(c: Connection, phrase: string, expired: boolean): Finding {
  return finding(
    expired ? 'expired' : 'expiring',
    expired ? 'error' : 'warning',
    `${phrase}.`,
    renewalSteps(c, expired),
  );
}

export function notReadyFinding(c: Connection): Finding {
  const detail = c.operationMessage ? `: ${c.operationMessage}` : '';
  return finding(
    'not-ready',
    'warning',
    `Azure DevOps reports the connection as not ready (${c.operationState ?? 'not ready'})${detail}.`,
    [`Open the connection in Azure DevOps and look at its state; Edit → Verify shows the error.`],
  );
}

/** The first step of the most pressing finding: what to do now. */
export function firstFix(r: { findings: { fix: string[] }[] }): string | null {
  return r.findings.find((f) => f.fix.length > 0)?.fix[0] ?? null;
}
