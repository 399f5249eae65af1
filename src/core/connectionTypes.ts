import { getString, type Json } from './raw';
import type { Connection } from './types';

/**
 * Every service endpoint type the product names, in one table. A new type is one row here (and a
 * row in tests/unit/connectionTypes.test.ts): its label, and — for types that can sit on an Entra
 * app registration or identity — when they do, read from the endpoint's `data`.
 */
interface ConnectionType {
  label: string;
  /** Absent: never backed by Entra ID. */
  entraBacked?: (data: Json | null) => boolean;
  /** The label when `entraBacked` holds, if it differs. */
  entraLabel?: string;
}

const CONNECTION_TYPES: Record<string, ConnectionType> = {
  azurerm: { label: 'Azure Resource Manager', entraBacked: () => true },
  // REST `type: "Azure"`: the classic (Azure Service Management) connection.
  azure: { label: 'Azure Classic' },
  dockerregistry: {
    label: 'Docker Registry',
    entraBacked: (data) => (getString(data, 'registrytype') ?? '').toUpperCase() === 'ACR',
    entraLabel: 'Docker Registry (ACR)',
  },
  kubernetes: {
    label: 'Kubernetes',
    entraBacked: (data) => (getString(data, 'authorizationType') ?? '').toLowerCase() === 'azuresubscription',
  },
  github: { label: 'GitHub' },
  githubenterprise: { label: 'GitHub Enterprise Server' },
  generic: { label: 'Generic' },
  ssh: { label: 'SSH' },
  aws: { label: 'AWS' },
  sonarqube: { label: 'SonarQube' },
  sonarcloud: { label: 'SonarCloud' },
  externalnugetfeed: { label: 'NuGet' },
  externalnpmregistry: { label: 'npm' },
  git: { label: 'Other Git' },
  bitbucket: { label: 'Bitbucket Cloud' },
  azureclassic: { label: 'Azure Classic' },
  servicefabric: { label: 'Service Fabric' },
  jenkins: { label: 'Jenkins' },
};

/** The table's row for a (lower-case) type; own keys only, so a type named "constructor" is just unknown. */
function rowOf(type: string): ConnectionType | undefined {
  return Object.prototype.hasOwnProperty.call(CONNECTION_TYPES, type) ? CONNECTION_TYPES[type] : undefined;
}

/** True when this type, with this `data`, can sit on an Entra app registration or identity. */
export function isEntraType(type: string, data: Json | null): boolean {
  return rowOf(type)?.entraBacked?.(data) ?? false;
}

export function typeLabel(connection: Pick<Connection, 'type' | 'entraBacked'>): string {
  const row = rowOf(connection.type);
  if (!row) return connection.type;
  return (connection.entraBacked && row.entraLabel) || row.label;
}

/** Whether a (lower-case) type is backed by Entra ID always (azurerm), never (github…), or depending on its data. */
export function entraBacking(type: string): 'always' | 'never' | 'depends' {
  const row = rowOf(type.toLowerCase());
  if (!row?.entraBacked) return 'never';
  return row.entraBacked(null) ? 'always' : 'depends';
}
