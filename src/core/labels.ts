import { daysBetween, shortDate, toMs } from './days';
import type { Connection, CredentialKind } from './types';

/** Words shown to people for connection schemes, days and credentials (not output formats). */

export function schemeLabel(connection: Pick<Connection, 'schemeKind' | 'scheme' | 'creationMode'>): string {
  const base = {
    secret: 'Service principal (secret)',
    certificate: 'Service principal (certificate)',
    federated: 'Workload identity federation',
    'managed-identity': 'Managed identity',
    none: schemeWords(connection.scheme),
  }[connection.schemeKind];
  if (connection.creationMode === 'unknown' || connection.schemeKind === 'none') return base;
  return `${base}, ${connection.creationMode}`;
}

/**
 * Azure DevOps's authorization schemes without an Entra credential, as people read them
 * (EndpointAuthorizationSchemes in azure-devops-extension-api/ServiceEndpoint). Others are split into words.
 */
const OTHER_SCHEMES: Record<string, string> = {
  usernamepassword: 'User name and password',
  token: 'Token',
  personalaccesstoken: 'Personal access token',
  installationtoken: 'GitHub App',
  oauth: 'OAuth',
  oauth2: 'OAuth',
  oauthwrap: 'OAuth',
  certificate: 'Certificate',
  jwt: 'JSON web token',
  publishprofile: 'Publish profile',
  kubernetes: 'Kubeconfig',
  none: 'No authentication',
};

/** A raw scheme such as `UsernamePassword` as words; never the raw value. */
export function schemeWords(scheme: string): string {
  if (!scheme) return 'No authentication';
  const known = Object.prototype.hasOwnProperty.call(OTHER_SCHEMES, scheme.toLowerCase())
    ? OTHER_SCHEMES[scheme.toLowerCase()]
    : null;
  if (known) return known;
  const words = scheme
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The short authentication words of the table: "Secret (automatic)", "Workload identity federation". */
export function authShortLabel(connection: Pick<Connection, 'schemeKind' | 'scheme' | 'creationMode'>): string {
  const base = {
    secret: 'Secret',
    certificate: 'Certificate',
    federated: 'Workload identity federation',
    'managed-identity': 'Managed identity',
    none: schemeWords(connection.scheme),
  }[connection.schemeKind];
  if (connection.creationMode === 'unknown' || connection.schemeKind === 'none') return base;
  return `${base} (${connection.creationMode})`;
}

/** The viewer's short date with how far it is from now: "12/1/2026 (6 days ago)"; '' when there is no date. */
export function dateAndDays(iso: string | null, nowMs: number): string {
  const ms = toMs(iso);
  return ms === null ? '' : `${shortDate(iso)} (${relativeDays(daysBetween(nowMs, ms))})`;
}

/** Short relative day: "today", "tomorrow", "in 5 days", "yesterday", "3 days ago". */
export function relativeDays(daysLeft: number): string {
  if (daysLeft === 0) return 'today';
  if (daysLeft === 1) return 'tomorrow';
  if (daysLeft === -1) return 'yesterday';
  return daysLeft > 0 ? `in ${daysLeft} days` : `${-daysLeft} days ago`;
}

/**
 * The Expires column, in every format: the date, what ends then when it is not a credential ("issuer
 * retires"), and how far off it is. Null when nothing is dated.
 */
export function expiryCell(v: {
  expiresAt: string | null;
  daysLeft: number | null;
  expiryOf?: 'issuer';
}): { date: string; note: string } | null {
  if (!v.expiresAt) return null;
  const date = v.expiresAt.slice(0, 10);
  const when = v.expiresAt.startsWith('9999') ? 'never' : v.daysLeft === null ? '' : relativeDays(v.daysLeft);
  const what = v.expiryOf === 'issuer' ? 'issuer retires' : '';
  return { date, note: [what, when].filter(Boolean).join(', ') };
}

/** "expires in 5 days", "expired yesterday": for a credential that is, or is not yet, past its end. */
export function expiryPhrase(daysLeft: number, expired: boolean): string {
  return `${expired ? 'expired' : 'expires'} ${relativeDays(daysLeft)}`;
}

export function credentialNoun(kind: CredentialKind): string {
  return kind === 'secret' ? 'Client secret' : 'Certificate';
}
