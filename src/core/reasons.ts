import { typeLabel } from './connectionTypes';
import { isoDay } from './days';
import { credentialNoun, expiryPhrase } from './labels';
import type { Connection, Credential, CredentialKind, Status } from './types';

/** The one-line reason of each verdict, in English; the decisions are in verdict.ts. */

export function notApplicableReason(c: Connection): string {
  return `${typeLabel(c)} connection: no Entra app registration behind it.`;
}

export const MANAGED_IDENTITY_REASON = 'Managed identity: no secret to expire.';

export function unreadableReason(c: Connection): string {
  return `Cannot tell: ${c.parseProblems.join('; ') || 'unreadable authorization'}.`;
}

export function noEndDateReason(kind: CredentialKind): string {
  return `The ${credentialNoun(kind).toLowerCase()} in use has no end date in Graph.`;
}

/** "Client secret expires in 3 days (2026-12-01)": the status line and the expiry finding's message. */
export function expiryPhraseOf(credential: Credential, daysLeft: number, expired: boolean): string {
  return `${credentialNoun(credential.kind)} ${expiryPhrase(daysLeft, expired)} (${isoDay(credential.endDateTime)})`;
}

export function expiryReason(credential: Credential, status: Status, daysLeft: number, expired: boolean): string {
  return status === 'healthy'
    ? `${credentialNoun(credential.kind)} valid until ${isoDay(credential.endDateTime)} (${daysLeft} days).`
    : `${expiryPhraseOf(credential, daysLeft, expired)}.`;
}
