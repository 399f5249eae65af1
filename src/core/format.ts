import type { Connection, Status } from './types';

const TYPE_LABELS: Record<string, string> = {
  azurerm: 'Azure Resource Manager',
  dockerregistry: 'Docker Registry',
  kubernetes: 'Kubernetes',
  github: 'GitHub',
  githubenterprise: 'GitHub Enterprise Server',
  generic: 'Generic',
  ssh: 'SSH',
  aws: 'AWS',
  sonarqube: 'SonarQube',
  sonarcloud: 'SonarCloud',
  externalnugetfeed: 'NuGet',
  externalnpmregistry: 'npm',
  git: 'Other Git',
  bitbucket: 'Bitbucket Cloud',
  azureclassic: 'Azure Classic',
  servicefabric: 'Service Fabric',
  jenkins: 'Jenkins',
};

export function typeLabel(connection: Pick<Connection, 'type' | 'entraBacked'>): string {
  const label = TYPE_LABELS[connection.type] ?? connection.type ?? 'Unknown';
  if (connection.type === 'dockerregistry' && connection.entraBacked) return 'Docker Registry (ACR)';
  return label;
}

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

export const STATUS_LABELS: Record<Status, string> = {
  expired: 'Expired',
  critical: 'Critical',
  warning: 'Warning',
  healthy: 'Healthy',
  'no-secret': 'No secret',
  unknown: 'Unknown',
  'not-applicable': 'Not applicable',
};

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

export function credentialNoun(kind: 'secret' | 'certificate'): string {
  return kind === 'secret' ? 'Client secret' : 'Certificate';
}
