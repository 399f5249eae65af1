/** Real-shaped Azure DevOps and Graph payloads for table tests. */

export const NOW = Date.parse('2026-11-28T12:00:00Z');
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const OTHER_TENANT = '0b6f2a9e-1c3d-4e5f-8a7b-9c0d1e2f3a4b';
export const APP = '1c03163f-7e4e-4fab-8b41-6f040a8361b9';
export const PROJECT = { id: '1f31cb4d-5a69-419f-86f0-ee3a8ed9ced2', name: 'My DevOps project' };

export function iso(daysFromNow: number, hours = 0): string {
  return new Date(NOW + daysFromNow * 86_400_000 + hours * 3_600_000).toISOString();
}

/** The endpoint from the seed blog post (dockerregistry → ACR), with its placeholders filled in. */
export function seedEndpoint(): Record<string, unknown> {
  return {
    administratorsGroup: null,
    authorization: {
      parameters: {
        loginServer: 'crmycontainer.azurecr.io',
        scope:
          '/subscriptions/8a7aace5-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/crmycontainer',
        servicePrincipalId: APP,
        servicePrincipalKey: null,
        tenantId: TENANT,
      },
      scheme: 'serviceprincipal',
    },
    createdBy: { displayName: 'John Doe', id: '4d8a1c2e-0000-4000-8000-000000000002', uniqueName: 'user@email.com' },
    creationDate: '2024-07-17T09:22:44.087Z',
    data: {
      appObjectId: '9f1e2d3c-0000-4000-8000-000000000003',
      azureSpnPermissions:
        '[{"roleAssignmentId":"x","resourceProvider":"Microsoft.RoleAssignment","provisioned":true}]',
      registryId:
        '/subscriptions/8a7aace5-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/crmycontainer',
      registrytype: 'ACR',
      spnObjectId: '7a6b5c4d-0000-4000-8000-000000000004',
      subscriptionId: '8a7aace5-0000-4000-8000-000000000001',
      subscriptionName: 'My Subscription name',
    },
    description: 'Allows to push the generated Docker image to the ACR.',
    groupScopeId: null,
    id: '5e4d3c2b-0000-4000-8000-000000000005',
    isOutdated: false,
    isReady: true,
    isShared: false,
    modificationDate: '2024-11-19T09:49:04.997Z',
    modifiedBy: { displayName: null, id: '00000002-0000-8888-8000-000000000000' },
    name: 'acr-push',
    operationStatus: { errorCode: null, severity: '', state: 'Ready', statusMessage: '' },
    owner: 'Library',
    readersGroup: null,
    serviceEndpointProjectReferences: [
      {
        description: 'Allows to push the generated Docker image to the ACR.',
        name: 'acr-push',
        projectReference: PROJECT,
      },
    ],
    serviceManagementReference: null,
    type: 'dockerregistry',
    url: 'https://management.azure.com/',
  };
}

interface ArmOptions {
  id?: string;
  name?: string;
  scheme?: string;
  authenticationType?: string;
  creationMode?: 'Automatic' | 'Manual';
  modificationDate?: unknown;
  issuer?: string;
  environment?: string;
  appId?: string;
  tenantId?: string;
  projects?: { id: string; name: string }[];
  isShared?: boolean;
}

/** An azurerm endpoint as the plain REST API returns it (lower-case parameter keys, ISO dates). */
export function armEndpoint(o: ArmOptions = {}): Record<string, unknown> {
  const scheme = o.scheme ?? 'ServicePrincipal';
  const parameters: Record<string, unknown> = { tenantid: o.tenantId ?? TENANT, scope: '/subscriptions/sub' };
  if (scheme !== 'ManagedServiceIdentity') parameters.serviceprincipalid = o.appId ?? APP;
  if (scheme === 'ServicePrincipal') {
    parameters.authenticationType = o.authenticationType ?? 'spnKey';
    parameters.serviceprincipalkey = null;
  }
  if (scheme === 'WorkloadIdentityFederation') {
    parameters.workloadIdentityFederationIssuer = o.issuer ?? `https://login.microsoftonline.com/${TENANT}/v2.0`;
    parameters.workloadIdentityFederationSubject = 'sc://contoso/My DevOps project/arm-wif';
  }
  const projects = o.projects ?? [PROJECT];
  return {
    id: o.id ?? '3b2a1f0e-0000-4000-8000-000000000010',
    name: o.name ?? 'arm-prod',
    type: 'azurerm',
    url: 'https://management.azure.com/',
    owner: 'library',
    isReady: true,
    isShared: o.isShared ?? projects.length > 1,
    authorization: { scheme, parameters },
    data: {
      environment: o.environment ?? 'AzureCloud',
      scopeLevel: 'Subscription',
      subscriptionId: '8a7aace5-0000-4000-8000-000000000001',
      subscriptionName: 'Production',
      creationMode: o.creationMode ?? 'Automatic',
      appObjectId: '9f1e2d3c-0000-4000-8000-000000000011',
    },
    creationDate: '2024-01-10T08:00:00Z',
    modificationDate: o.modificationDate === undefined ? iso(-60) : o.modificationDate,
    operationStatus: { state: 'Ready', statusMessage: '' },
    serviceEndpointProjectReferences: projects.map((p) => ({ projectReference: p, name: o.name ?? 'arm-prod' })),
  };
}

export interface SecretSpec {
  start: string;
  end: string;
  keyId?: string;
  name?: string;
}

export function application(
  secrets: SecretSpec[],
  certificates: SecretSpec[] = [],
  appId = APP,
): Record<string, unknown> {
  return {
    id: '9f1e2d3c-0000-4000-8000-000000000011',
    appId,
    displayName: 'contoso-My DevOps project-8a7aace5',
    passwordCredentials: secrets.map((s, i) => ({
      customKeyIdentifier: null,
      displayName: s.name ?? null,
      endDateTime: s.end,
      hint: 'Ab1',
      keyId: s.keyId ?? `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`,
      secretText: null,
      startDateTime: s.start,
    })),
    keyCredentials: certificates.map((s, i) => ({
      customKeyIdentifier: 'C0FFEE',
      displayName: s.name ?? 'CN=pipeline',
      endDateTime: s.end,
      key: null,
      keyId: s.keyId ?? `00000000-0000-4000-8000-0000000002${String(i).padStart(2, '0')}`,
      startDateTime: s.start,
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
    })),
  };
}
