import { pickCredentialInUse, isInvalidCredential } from './credentialInUse';
import { daysBetween, isoDay, toMs } from './days';
import { ambiguousFinding, finding, manualFinding, renewalSteps, wifRecommendation } from './findings';
import { typeLabel } from './connectionTypes';
import { credentialKindOf } from './credentialKind';
import { credentialNoun, expiryPhrase } from './labels';
import { undatedVerdict } from './undatedVerdict';
import { federatedVerdict } from './federated';
import { applyHealthCheck } from './health';
import { needsAction } from './status';
import { DEFAULT_THRESHOLDS, statusForDays } from './thresholds';
import type { AppLookup, Connection, Finding, HealthCheck, ListedCredential, Thresholds, Verdict } from './types';

const UNREADABLE_FIX = [
  "Open the app registration's Certificates & secrets in the Entra portal to read the dates there.",
  'Refresh later; if it persists, the answer was damaged on its way (a proxy, or a snapshot someone else wrote).',
];

export interface VerdictInput {
  connection: Connection;
  /** Graph's answer for the connection's app; undefined when Graph was not asked. */
  lookup?: AppLookup;
  health?: HealthCheck | null;
  nowMs: number;
  thresholds?: Thresholds;
  /** The signed-in user's tenant, to explain lookups refused in another tenant. */
  homeTenantId?: string | null;
}

export function computeVerdict(input: VerdictInput): Verdict {
  const { connection: c } = input;
  let v = baseVerdict(input);
  if (input.health) v = applyHealthCheck(v, c, input.health);
  if (c.entraBacked && (!c.isReady || (c.operationState ?? '').toLowerCase() === 'failed')) {
    const detail = c.operationMessage ? `: ${c.operationMessage}` : '';
    v.findings.push(
      finding(
        'not-ready',
        'warning',
        `Azure DevOps reports the connection as not ready (${c.operationState ?? 'not ready'})${detail}.`,
        [`Open the connection in Azure DevOps and look at its state; Edit → Verify shows the error.`],
      ),
    );
  }
  return v;
}

function baseVerdict(input: VerdictInput): Verdict {
  const { connection: c } = input;
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  if (!c.entraBacked)
    return undatedVerdict('not-applicable', `${typeLabel(c)} connection: no Entra app registration behind it.`);
  if (c.schemeKind === 'managed-identity') return undatedVerdict('no-secret', 'Managed identity: no secret to expire.');
  if (c.schemeKind === 'federated') return federatedVerdict(c, input.nowMs, t);
  if (c.schemeKind === 'none' || c.parseProblems.length > 0) {
    const reason = `Cannot tell: ${c.parseProblems.join('; ') || 'unreadable authorization'}.`;
    return undatedVerdict('unknown', reason, [
      finding(
        'missing-app-id',
        'warning',
        reason,
        /^<placeholder>$/i.test(c.appId ?? '')
          ? [
              'Azure DevOps did not finish creating this connection (it could not create the app registration, often for lack of permission in Entra ID).',
              'Delete it and create it again, preferably with workload identity federation, as a user allowed to register apps, or create it manually with an existing app registration.',
            ]
          : ['Open the connection in Azure DevOps → Edit, check its service principal, then Verify and Save.'],
      ),
    ]);
  }

  const always: Finding[] = [wifRecommendation(c)];
  if (c.creationMode === 'manual') always.push(manualFinding());
  const lookup = input.lookup;
  const kind = credentialKindOf(c) ?? 'secret';
  const noun = credentialNoun(kind).toLowerCase();
  if (!lookup) {
    const reason = `Expiry not checked: Microsoft Graph was not asked about app ${c.appId}.`;
    return undatedVerdict('unknown', reason, [
      finding('no-graph-access', 'warning', reason, [
        'Sign in to Microsoft Graph from this page, or read the snapshot a scheduled scan published.',
        '"Check now" tells whether the connection works today.',
      ]),
      ...always,
    ]);
  }
  switch (lookup.kind) {
    case 'not-found':
      return undatedVerdict(
        'unknown',
        `App registration ${c.appId} not found in tenant ${c.tenantId ?? '(unknown)'}.`,
        [
          finding(
            'app-not-found',
            'error',
            `Graph has no app registration ${c.appId} in tenant ${c.tenantId ?? '(unknown)'}: it was deleted, or lives in another tenant.`,
            [
              'If it was deleted less than 30 days ago, restore it in Entra ID → App registrations → Deleted applications.',
              'Otherwise recreate the service connection (preferably with workload identity federation) and delete this one.',
            ],
          ),
          ...always,
        ],
      );
    case 'forbidden':
    case 'no-access': {
      const other =
        !!input.homeTenantId && !!c.tenantId && input.homeTenantId.toLowerCase() !== c.tenantId.toLowerCase();
      const reason = other
        ? `Expiry unknown: the app lives in tenant ${c.tenantId}, where you have no Graph access (${lookup.message}).`
        : `Expiry unknown: no Graph access (${lookup.message}).`;
      return undatedVerdict('unknown', reason, [
        finding(other ? 'other-tenant' : 'no-graph-access', 'warning', reason, [
          other
            ? `Ask an admin of tenant ${c.tenantId} to consent to the extension's Entra app, or to run the scanner there.`
            : "Ask a tenant admin to grant admin consent for Application.Read.All to the extension's Entra app.",
          'Meanwhile "Check now" tells whether the connection works today.',
        ]),
        ...always,
      ]);
    }
    case 'error':
      return undatedVerdict('unknown', `Expiry unknown: Microsoft Graph failed (${lookup.message}).`, [
        finding('graph-error', 'warning', `Microsoft Graph failed for app ${c.appId}: ${lookup.message}.`, [
          'Refresh later; if it persists, check Microsoft Graph service health.',
        ]),
        ...always,
      ]);
    case 'found':
      break;
  }

  const app = lookup.app;
  const relevant = app.credentials.filter((cr) => cr.kind === kind);
  const choice = pickCredentialInUse(relevant, c.modifiedAt, input.nowMs);
  const credentials: ListedCredential[] = app.credentials.map((cr) => {
    const end = toMs(cr.endDateTime);
    return {
      ...cr,
      inUse: choice?.credential === cr,
      daysLeft: end === null ? null : daysBetween(input.nowMs, end),
      expired: end !== null && end <= input.nowMs,
      invalid: isInvalidCredential(cr),
    };
  });
  const appName = app.displayName ? `"${app.displayName}"` : c.appId;
  const unreadable = app.unreadable?.[kind];
  if (unreadable) {
    // Absent is not empty: a list Graph did not send says nothing about what is left.
    const reason = `Expiry unknown: cannot read the ${noun}s of app registration ${appName} (${unreadable}).`;
    return {
      ...undatedVerdict('unknown', reason, [finding('graph-error', 'warning', reason, UNREADABLE_FIX), ...always]),
      credentials,
    };
  }
  if (!choice) {
    const reason = `No ${noun} left on app registration ${appName}: the one the connection holds was deleted.`;
    return {
      ...undatedVerdict('expired', reason, [
        finding('no-credentials', 'error', reason, renewalSteps(c, true)),
        ...always,
      ]),
      credentials,
    };
  }

  const cred = choice.credential;
  const end = toMs(cred.endDateTime);
  const findings: Finding[] = [];
  if (choice.confidence === 'ambiguous') findings.push(ambiguousFinding(c.modifiedAt));
  const credential = {
    keyId: cred.keyId,
    kind: cred.kind,
    endDateTime: cred.endDateTime,
    confidence: choice.confidence,
  };
  const untrusted = cred.problem
    ? `The ${noun} in use cannot be read: ${cred.problem}.`
    : isInvalidCredential(cred)
      ? `The ${noun} in use starts (${isoDay(cred.startDateTime)}) after it ends (${isoDay(cred.endDateTime)}): Graph's dates cannot be trusted.`
      : null;
  if (untrusted !== null || end === null) {
    const reason = untrusted ?? `The ${noun} in use has no end date in Graph.`;
    return {
      ...undatedVerdict('unknown', reason, [
        ...findings,
        ...(untrusted ? [finding('graph-error', 'warning', untrusted, UNREADABLE_FIX)] : []),
        ...always,
      ]),
      credential,
      credentials,
    };
  }
  const expired = end <= input.nowMs;
  const daysLeft = daysBetween(input.nowMs, end);
  const status = statusForDays(daysLeft, expired, t);
  const phrase = `${credentialNoun(cred.kind)} ${expiryPhrase(daysLeft, expired)} (${isoDay(cred.endDateTime)})`;
  if (needsAction(status)) {
    findings.unshift(
      finding(expired ? 'expired' : 'expiring', expired ? 'error' : 'warning', `${phrase}.`, renewalSteps(c, expired)),
    );
  }
  const reason =
    status === 'healthy'
      ? `${credentialNoun(cred.kind)} valid until ${isoDay(cred.endDateTime)} (${daysLeft} days).`
      : `${phrase}.`;
  return {
    status,
    reason,
    daysLeft,
    expiresAt: cred.endDateTime,
    credential,
    credentials,
    findings: [...findings, ...always],
  };
}
