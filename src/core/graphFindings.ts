import { isoDay } from './days';
import { finding, renewalSteps } from './findings';
import { credentialNoun } from './labels';
import type { AppLookup, AppRecord, Connection, Credential, CredentialKind, Finding } from './types';

/** The English of findings about what Graph answered for a connection's app; verdict.ts decides which applies. */

const UNREADABLE_FIX = [
  "Open the app registration's Certificates & secrets in the Entra portal to read the dates there.",
  'Refresh later; if it persists, the answer was damaged on its way (a proxy, or a snapshot someone else wrote).',
];

function appNameOf(c: Connection, app: AppRecord): string {
  return app.displayName ? `"${app.displayName}"` : (c.appId ?? '');
}

/** Graph gave no app for the connection: the verdict's reason and the finding that explains it. */
export function lookupProblem(
  c: Connection,
  lookup: Exclude<AppLookup, { kind: 'found' }> | undefined,
  otherTenant: boolean,
): { reason: string; finding: Finding } {
  const tenant = c.tenantId ?? '(unknown)';
  if (!lookup) {
    const reason = `Expiry not checked: Microsoft Graph was not asked about app ${c.appId}.`;
    return {
      reason,
      finding: finding('no-graph-access', 'warning', reason, [
        'Sign in to Microsoft Graph from this page, or read the snapshot a scheduled scan published.',
        '"Check now" tells whether the connection works today.',
      ]),
    };
  }
  switch (lookup.kind) {
    case 'not-found':
      if (lookup.servicePrincipal === 'absent') {
        const reason = `App registration ${c.appId} was deleted: neither it nor its service principal exists in tenant ${tenant}.`;
        return {
          reason,
          finding: finding('app-not-found', 'error', reason, [
            'If it was deleted less than 30 days ago, restore it in Entra ID → App registrations → Deleted applications.',
            'Otherwise recreate the service connection (preferably with workload identity federation) and delete this one.',
          ]),
        };
      }
      if (lookup.servicePrincipal) {
        const owner = lookup.servicePrincipal.ownerTenantId;
        const reason = `Expiry unknown: app ${c.appId} is registered in tenant ${owner}; tenant ${tenant} only holds its service principal.`;
        return {
          reason,
          finding: finding('other-tenant', 'warning', reason, [
            `Sign in to tenant ${owner} (or paste a Graph token for it) to read the app's credentials there, or run the scanner with access to that tenant.`,
            `Its secrets and certificates are renewed in tenant ${owner}, where the app registration lives.`,
          ]),
        };
      }
      return {
        reason: `App registration ${c.appId} not found in tenant ${tenant}.`,
        finding: finding(
          'app-not-found',
          'error',
          `Graph has no app registration ${c.appId} in tenant ${tenant}: it was deleted, or lives in another tenant.`,
          [
            'If it was deleted less than 30 days ago, restore it in Entra ID → App registrations → Deleted applications.',
            'Otherwise recreate the service connection (preferably with workload identity federation) and delete this one.',
          ],
        ),
      };
    case 'forbidden':
    case 'no-access': {
      const reason = otherTenant
        ? `Expiry unknown: the app lives in tenant ${c.tenantId}, where you have no Graph access (${lookup.message}).`
        : `Expiry unknown: no Graph access (${lookup.message}).`;
      return {
        reason,
        finding: finding(otherTenant ? 'other-tenant' : 'no-graph-access', 'warning', reason, [
          otherTenant
            ? `Ask an admin of tenant ${c.tenantId} to consent to the extension's Entra app, or to run the scanner there.`
            : "Ask a tenant admin to grant admin consent for Application.Read.All to the extension's Entra app.",
          'Meanwhile "Check now" tells whether the connection works today.',
        ]),
      };
    }
    case 'error':
      return {
        reason: `Expiry unknown: Microsoft Graph failed (${lookup.message}).`,
        finding: finding('graph-error', 'warning', `Microsoft Graph failed for app ${c.appId}: ${lookup.message}.`, [
          'Refresh later; if it persists, check Microsoft Graph service health.',
        ]),
      };
  }
}

/** The app was read in the tenant that owns it: say so, since the connection names another. */
export function registeredElsewhereFinding(c: Connection, owner: string): Finding {
  return finding(
    'other-tenant',
    'info',
    `App registration ${c.appId} is registered in tenant ${owner}; the connection's tenant ${c.tenantId ?? '(unknown)'} holds its service principal. Dates read in tenant ${owner}.`,
    [`Renew its secrets or certificates in tenant ${owner}, where the app registration lives.`],
  );
}

export function noCredentialsFinding(c: Connection, kind: CredentialKind, app: AppRecord): Finding {
  const noun = credentialNoun(kind).toLowerCase();
  const message = `No ${noun} left on app registration ${appNameOf(c, app)}: the one the connection holds was deleted.`;
  return finding('no-credentials', 'error', message, renewalSteps(c, true));
}

/** Graph sent the app without a readable list of this kind of credential: absent is not empty. */
export function unreadableCredentialsFinding(
  c: Connection,
  kind: CredentialKind,
  app: AppRecord,
  why: string,
): Finding {
  const noun = credentialNoun(kind).toLowerCase();
  const reason = `Expiry unknown: cannot read the ${noun}s of app registration ${appNameOf(c, app)} (${why}).`;
  return finding('graph-error', 'warning', reason, UNREADABLE_FIX);
}

/** The credential in use has a damaged date, or starts after it ends: null when it can be trusted. */
export function untrustedCredentialFinding(kind: CredentialKind, cred: Credential, invalid: boolean): Finding | null {
  const noun = credentialNoun(kind).toLowerCase();
  const message = cred.problem
    ? `The ${noun} in use cannot be read: ${cred.problem}.`
    : invalid
      ? `The ${noun} in use starts (${isoDay(cred.startDateTime)}) after it ends (${isoDay(cred.endDateTime)}): Graph's dates cannot be trusted.`
      : null;
  return message === null ? null : finding('graph-error', 'warning', message, UNREADABLE_FIX);
}
