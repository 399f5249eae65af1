import type { Connection, CredentialKind } from './types';

/** Words shown to people for connection schemes, days and credentials (not output formats). */

export function schemeLabel(connection: Pick<Connection, 'schemeKind' | 'scheme' | 'creationMode'>): string {
  const base = {
    secret: 'Service principal (secret)',
    certificate: 'Service principal (certificate)',
    federated: 'Workload identity federation',
    'managed-identity': 'Managed identity',
    none: connection.scheme || 'None',
  }[connection.schemeKind];
  if (connection.creationMode === 'unknown' || connection.schemeKind === 'none') return base;
  return `${base}, ${connection.creationMode}`;
}

/** Short relative day: "today", "tomorrow", "in 5 days", "yesterday", "3 days ago". */
export function relativeDays(daysLeft: number): string {
  if (daysLeft === 0) return 'today';
  if (daysLeft === 1) return 'tomorrow';
  if (daysLeft === -1) return 'yesterday';
  return daysLeft > 0 ? `in ${daysLeft} days` : `${-daysLeft} days ago`;
}

/** "expires in 5 days", "expired yesterday": for a credential that is, or is not yet, past its end. */
export function expiryPhrase(daysLeft: number, expired: boolean): string {
  return `${expired ? 'expired' : 'expires'} ${relativeDays(daysLeft)}`;
}

export function credentialNoun(kind: CredentialKind): string {
  return kind === 'secret' ? 'Client secret' : 'Certificate';
}
