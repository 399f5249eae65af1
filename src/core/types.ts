/** Shared vocabulary of the core. Dates are ISO-8601 strings (UTC) so every value serializes as-is. */

export type Status = 'expired' | 'critical' | 'warning' | 'healthy' | 'no-secret' | 'unknown' | 'not-applicable';

/** How the connection authenticates to Entra ID. */
export type SchemeKind = 'secret' | 'certificate' | 'federated' | 'managed-identity' | 'none';

export type CreationMode = 'automatic' | 'manual' | 'unknown';

export interface ProjectRef {
  id: string;
  name: string;
}

export interface Connection {
  id: string;
  name: string;
  type: string;
  /** `authorization.scheme` as Azure DevOps sent it (may be empty). */
  scheme: string;
  schemeKind: SchemeKind;
  /** True when an Entra app registration or identity stands behind the connection. */
  entraBacked: boolean;
  creationMode: CreationMode;
  tenantId: string | null;
  appId: string | null;
  appObjectId: string | null;
  environment: string;
  wifIssuer: string | null;
  wifSubject: string | null;
  description: string;
  subscriptionName: string | null;
  projects: ProjectRef[];
  isShared: boolean;
  isReady: boolean;
  isDisabled: boolean;
  operationState: string | null;
  operationMessage: string | null;
  createdAt: string | null;
  modifiedAt: string | null;
  /** Problems met while parsing (missing or malformed fields), for the reason text. */
  parseProblems: string[];
  /** Azure DevOps's `createdBy`; absent in readings written before it was kept. */
  createdBy?: Creator | null;
}

/** Who created a connection, as Azure DevOps records it (an IdentityRef). */
export interface Creator {
  id: string | null;
  displayName: string | null;
  /** The sign-in name (usually the e-mail address). */
  uniqueName: string | null;
}

export type OwnerKind = 'user' | 'servicePrincipal' | 'group' | 'other';

/** An owner of an app registration (a Graph directoryObject); names are null when the caller may not read them. */
export interface Owner {
  id: string;
  kind: OwnerKind;
  displayName: string | null;
  userPrincipalName: string | null;
  mail: string | null;
}

export type CredentialKind = 'secret' | 'certificate';

export interface Credential {
  keyId: string;
  kind: CredentialKind;
  displayName: string | null;
  /** First characters of a secret, as Graph returns them. Never the secret itself. */
  hint: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
  source: 'application' | 'servicePrincipal';
  /** Set when Graph sent something unreadable for this credential (e.g. a date that is not ISO-8601). */
  problem?: string;
}

export interface AppRecord {
  objectId: string | null;
  appId: string;
  displayName: string | null;
  credentials: Credential[];
  /** A service principal's `appOwnerOrganizationId`: the tenant where its app is registered. */
  ownerTenantId?: string;
  /** An application's `publisherDomain` (a domain of the tenant that registered it), when it is a domain name. */
  publisherDomain?: string;
  /** Per kind, why that credential list could not be read (missing, null, not a list): not the same as empty. */
  unreadable?: Partial<Record<CredentialKind, string>>;
  /** The app registration's owners; undefined when they were not read (unknown, never "nobody"). */
  owners?: Owner[];
  /** True when Graph's expanded list may be cut (20 items) and the full list could not be read. */
  ownersIncomplete?: boolean;
}

/** What a Graph lookup of one (tenant, appId) gave. */
export type AppLookup =
  /** `registeredIn`: the app was read in the tenant that owns it, not the connection's. */
  | { kind: 'found'; app: AppRecord; registeredIn?: string }
  /**
   * `servicePrincipal` (the 404 follow-up in the connection's tenant): 'absent' when there is none
   * either (deleted); an owner tenant when the app is registered in another tenant.
   */
  | { kind: 'not-found'; servicePrincipal?: 'absent' | { ownerTenantId: string } }
  | { kind: 'forbidden'; message: string }
  | { kind: 'no-access'; message: string }
  | { kind: 'error'; message: string };

export type Confidence = 'matched' | 'single' | 'ambiguous';

export interface ListedCredential extends Credential {
  inUse: boolean;
  daysLeft: number | null;
  expired: boolean;
  /** startDateTime later than endDateTime: Graph data we cannot trust. */
  invalid: boolean;
}

export type FindingCode =
  | 'expired'
  | 'expiring'
  | 'legacy-wif-issuer'
  | 'secret-based'
  | 'certificate-based'
  | 'app-not-found'
  | 'other-tenant'
  | 'credentials-ambiguous'
  | 'no-credentials'
  | 'manual-connection'
  | 'broken-now'
  | 'no-graph-access'
  | 'graph-error'
  | 'missing-app-id'
  | 'not-ready'
  | 'unused'
  | 'no-owners';

export interface Finding {
  code: FindingCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Ordered steps; the first is what to do now. */
  fix: string[];
}

export interface Thresholds {
  warningDays: number;
  criticalDays: number;
}

export interface HealthCheck {
  ok: boolean;
  message: string;
}

export interface Verdict {
  status: Status;
  /** One line that says why this status. */
  reason: string;
  daysLeft: number | null;
  expiresAt: string | null;
  /** What `expiresAt` is the end of: a credential (absent), or the retirement of the federation's issuer. */
  expiryOf?: 'issuer';
  credential: { keyId: string; kind: CredentialKind; endDateTime: string | null; confidence: Confidence } | null;
  credentials: ListedCredential[];
  findings: Finding[];
}
