import { pickCredentialInUse, isInvalidCredential, type CredentialChoice } from './credentialInUse';
import { credentialKindOf } from './credentialKind';
import { daysBetween, toMs } from './days';
import { federatedVerdict } from './federated';
import {
  ambiguousFinding,
  expiryFinding,
  manualFinding,
  notReadyFinding,
  unreadableFinding,
  wifRecommendation,
} from './findings';
import {
  lookupProblem,
  registeredElsewhereFinding,
  noCredentialsFinding,
  unreadableCredentialsFinding,
  untrustedCredentialFinding,
} from './graphFindings';
import { applyHealthCheck } from './health';
import {
  expiryPhraseOf,
  expiryReason,
  MANAGED_IDENTITY_REASON,
  noEndDateReason,
  notApplicableReason,
  unreadableReason,
} from './reasons';
import { noOwnersFinding } from './owners';
import { needsAction } from './status';
import { DEFAULT_THRESHOLDS, statusForDays } from './thresholds';
import type {
  AppLookup,
  AppRecord,
  Connection,
  Credential,
  Finding,
  HealthCheck,
  ListedCredential,
  Thresholds,
  Verdict,
} from './types';
import { undatedVerdict } from './undatedVerdict';
import { unusedFinding, type ConnectionUsage } from './usage';

export interface VerdictInput {
  connection: Connection;
  /** Graph's answer for the connection's app; undefined when Graph was not asked. */
  lookup?: AppLookup;
  health?: HealthCheck | null;
  nowMs: number;
  thresholds?: Thresholds;
  /** The signed-in user's tenant, to explain lookups refused in another tenant. */
  homeTenantId?: string | null;
  /** Which pipelines used it (execution history); absent when the history was not read. */
  usage?: ConnectionUsage;
}

/**
 * One connection's status, reason and findings. The decisions, in order: connections with nothing
 * that expires; secret or certificate connections whose app Graph did not give; the credential in
 * use and its end date; then Azure DevOps's own check and readiness. The English: reasons in reasons.ts,
 * findings in findings.ts and graphFindings.ts (what Graph answered); federated.ts and health.ts word their
 * own reason and findings, and usage.ts the "unused" finding.
 */
export function computeVerdict(input: VerdictInput): Verdict {
  const { connection: c } = input;
  const base = verdictWithoutCredential(input) ?? verdictFromGraph(input);
  const checked = input.health ? applyHealthCheck(base, c, input.health) : base;
  if (isNotReady(c)) checked.findings.push(notReadyFinding(c));
  const unused = unusedFinding(c, input.usage, input.nowMs);
  if (unused) checked.findings.push(unused);
  // Owners read and none there: "nobody owns this"; not read (no expand, a snapshot without them): no claim.
  if (input.lookup?.kind === 'found' && input.lookup.app.owners?.length === 0)
    checked.findings.push(noOwnersFinding(c, input.lookup.app.displayName));
  return checked;
}

/** No Entra app, managed identity, federation, or an authorization we cannot read: no credential to date. */
function verdictWithoutCredential(input: VerdictInput): Verdict | null {
  const { connection: c } = input;
  if (!c.entraBacked) return undatedVerdict('not-applicable', notApplicableReason(c));
  if (c.schemeKind === 'managed-identity') return undatedVerdict('no-secret', MANAGED_IDENTITY_REASON);
  if (c.schemeKind === 'federated') return federatedVerdict(c, input.nowMs, input.thresholds ?? DEFAULT_THRESHOLDS);
  if (credentialKindOf(c) === null || c.parseProblems.length > 0) {
    const reason = unreadableReason(c);
    return undatedVerdict('unknown', reason, [unreadableFinding(c, reason)]);
  }
  return null;
}

/** A secret or certificate connection: unknown unless Graph found its app, else dated by its credential. */
function verdictFromGraph(input: VerdictInput): Verdict {
  const { connection: c, lookup } = input;
  const standing = standingFindings(c);
  if (lookup?.kind === 'found') {
    const elsewhere = lookup.registeredIn ? [registeredElsewhereFinding(c, lookup.registeredIn)] : [];
    return verdictFromCredentials(input, lookup.app, [...elsewhere, ...standing]);
  }
  const problem = lookupProblem(c, lookup, isOtherTenant(c, input.homeTenantId));
  return undatedVerdict('unknown', problem.reason, [problem.finding, ...standing]);
}

/** Findings every secret or certificate connection carries, whatever its date. */
function standingFindings(c: Connection): Finding[] {
  return c.creationMode === 'manual' ? [wifRecommendation(c), manualFinding()] : [wifRecommendation(c)];
}

function isOtherTenant(c: Connection, homeTenantId: string | null | undefined): boolean {
  return !!homeTenantId && !!c.tenantId && homeTenantId.toLowerCase() !== c.tenantId.toLowerCase();
}

function isNotReady(c: Connection): boolean {
  return c.entraBacked && (!c.isReady || (c.operationState ?? '').toLowerCase() === 'failed');
}

/** Picks the credential in use among the app's credentials of the connection's kind, then dates it. */
function verdictFromCredentials(input: VerdictInput, app: AppRecord, standing: Finding[]): Verdict {
  const { connection: c, nowMs } = input;
  const kind = credentialKindOf(c) ?? 'secret';
  const choice = pickCredentialInUse(
    app.credentials.filter((cr) => cr.kind === kind),
    c.modifiedAt,
    nowMs,
  );
  const credentials = listCredentials(app.credentials, choice, nowMs);
  const unreadable = app.unreadable?.[kind];
  if (unreadable) {
    const damaged = unreadableCredentialsFinding(c, kind, app, unreadable);
    return { ...undatedVerdict('unknown', damaged.message, [damaged, ...standing]), credentials };
  }
  if (!choice) {
    const gone = noCredentialsFinding(c, kind, app);
    return { ...undatedVerdict('expired', gone.message, [gone, ...standing]), credentials };
  }

  const cred = choice.credential;
  const credential = {
    keyId: cred.keyId,
    kind: cred.kind,
    endDateTime: cred.endDateTime,
    confidence: choice.confidence,
  };
  const findings = choice.confidence === 'ambiguous' ? [ambiguousFinding(c.modifiedAt)] : [];
  const end = toMs(cred.endDateTime);
  const untrusted = untrustedCredentialFinding(kind, cred, isInvalidCredential(cred));
  if (untrusted || end === null) {
    const reason = untrusted?.message ?? noEndDateReason(kind);
    const all = [...findings, ...(untrusted ? [untrusted] : []), ...standing];
    return { ...undatedVerdict('unknown', reason, all), credential, credentials };
  }
  const expired = end <= nowMs;
  const daysLeft = daysBetween(nowMs, end);
  const status = statusForDays(daysLeft, expired, input.thresholds ?? DEFAULT_THRESHOLDS);
  if (needsAction(status)) findings.unshift(expiryFinding(c, expiryPhraseOf(cred, daysLeft, expired), expired));
  return {
    status,
    reason: expiryReason(cred, status, daysLeft, expired),
    daysLeft,
    expiresAt: cred.endDateTime,
    credential,
    credentials,
    findings: [...findings, ...standing],
  };
}

/** Every credential of the app, the one in use marked, each with its own days left. */
function listCredentials(all: Credential[], choice: CredentialChoice | null, nowMs: number): ListedCredential[] {
  return all.map((cr) => {
    const end = toMs(cr.endDateTime);
    return {
      ...cr,
      inUse: choice?.credential === cr,
      daysLeft: end === null ? null : daysBetween(nowMs, end),
      expired: end !== null && end <= nowMs,
      invalid: isInvalidCredential(cr),
    };
  });
}
