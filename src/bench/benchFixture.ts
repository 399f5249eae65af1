import { normalizeFixture, type Fixture } from '../devhost/fixture';

/** The browser bench's data: a large, realistic project generated from a fixed seed. */

export const CONNECTIONS = 2000;
export const APPS = 1200;
const PROJECT = { id: '4a7c1e90-2b3d-4f5e-8a6b-7c8d9e0f1a2b', name: 'Contoso Platform' };
const TENANTS = [
  '8f3e2a91-5c4b-4d7e-a1f0-6b2c9d8e7f10', // home tenant: most connections
  '3c1d9e7f-2a4b-4c6d-8e0f-1a3b5c7d9e21',
  '5b2e8d4a-6c1f-4a3e-9b7d-0e2f4a6c8b13',
  '7d4a0c6e-8e3b-4c5a-ab9f-2a4c6e8a0d35',
];

/** Deterministic pseudo-random numbers, so every run benches the same fixture. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const guid = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
const days = (n: number) => `{{now${n < 0 ? '-' : '+'}${Math.abs(Math.round(n))}d}}`;

type Kind =
  'spnKey' | 'spnKeyManual' | 'certificate' | 'wif' | 'wifLegacy' | 'msi' | 'acr' | 'aks' | 'github' | 'generic';
const MIX: [Kind, number][] = [
  ['spnKey', 0.5],
  ['spnKeyManual', 0.08],
  ['certificate', 0.03],
  ['wif', 0.08],
  ['wifLegacy', 0.03],
  ['msi', 0.03],
  ['acr', 0.1],
  ['aks', 0.06],
  ['github', 0.05],
  ['generic', 0.04],
];

/**
 * 2,000 connections in the raw REST shape (a mix of Azure Resource Manager with secrets, certificates,
 * workload identity federation and managed identity; ACR; AKS; GitHub and generic), backed by about
 * 1,200 app registrations over four tenants, with expiries from a month ago to a year ahead.
 */
export function generateBenchFixture(connections = CONNECTIONS, apps = APPS): Fixture {
  const random = lcg(20260101);
  const pick = (): Kind => {
    let r = random();
    for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
    return 'spnKey';
  };
  const tenantOf = (app: number) => TENANTS[app % 10 < 7 ? 0 : 1 + (app % 3)];
  const endpoints: unknown[] = [];
  const applications = new Map<number, Record<string, unknown>>();
  const federated: Record<string, unknown[]> = {};
  let nextApp = 0;

  for (let i = 0; i < connections; i++) {
    const kind = pick();
    const id = guid('e0000000', i);
    const subscriptionId = guid('5b000000', i % 40);
    const created = -(30 + Math.floor(random() * 600));
    const modified = Math.min(-1, created + Math.floor(random() * -created));
    const entra = kind !== 'github' && kind !== 'generic' && kind !== 'msi';
    // Most apps back one connection; the rest are shared, so ~1,200 distinct apps for ~1,700 connections.
    const app = entra ? (nextApp < apps ? nextApp++ : Math.floor(random() * apps)) : -1;
    const appId = app >= 0 ? guid('a0000000', app) : null;
    const tenantId = app >= 0 ? tenantOf(app) : TENANTS[0];
    const name = `${kind === 'acr' ? 'acr' : kind === 'aks' ? 'aks' : kind === 'github' ? 'github' : kind === 'generic' ? 'feed' : 'arm'}-${['web', 'api', 'data', 'jobs', 'edge'][i % 5]}-${String(i).padStart(4, '0')}`;
    const automatic = kind === 'spnKey' || kind === 'wif' || kind === 'wifLegacy' || kind === 'acr' || kind === 'aks';
    let authorization: Record<string, unknown>;
    let type = 'azurerm';
    let url = 'https://management.azure.com/';
    let data: Record<string, unknown> = {
      environment: 'AzureCloud',
      scopeLevel: 'Subscription',
      subscriptionId,
      subscriptionName: `Subscription ${i % 40}`,
      creationMode: automatic ? 'Automatic' : 'Manual',
    };
    switch (kind) {
      case 'spnKey':
      case 'spnKeyManual':
      case 'certificate':
        authorization = {
          scheme: 'ServicePrincipal',
          parameters: {
            tenantid: tenantId,
            serviceprincipalid: appId,
            authenticationType: kind === 'certificate' ? 'spnCertificate' : 'spnKey',
            [kind === 'certificate' ? 'servicePrincipalCertificate' : 'serviceprincipalkey']: null,
            scope: `/subscriptions/${subscriptionId}`,
          },
        };
        break;
      case 'wif':
      case 'wifLegacy':
        authorization = {
          scheme: 'WorkloadIdentityFederation',
          parameters: {
            tenantid: tenantId,
            serviceprincipalid: appId,
            workloadIdentityFederationIssuer:
              kind === 'wif'
                ? `https://login.microsoftonline.com/${tenantId}/v2.0`
                : `https://vstoken.dev.azure.com/${guid('0a000000', 1)}`,
            workloadIdentityFederationSubject: `sc://contoso/${PROJECT.name}/${name}`,
            scope: `/subscriptions/${subscriptionId}`,
          },
        };
        break;
      case 'msi':
        authorization = { scheme: 'ManagedServiceIdentity', parameters: { tenantid: tenantId } };
        break;
      case 'acr':
        type = 'dockerregistry';
        authorization = {
          scheme: 'ServicePrincipal',
          parameters: {
            loginServer: `cr${i}.azurecr.io`,
            servicePrincipalId: appId,
            servicePrincipalKey: null,
            tenantId,
            scope: `/subscriptions/${subscriptionId}/resourceGroups/rg-${i}/providers/Microsoft.ContainerRegistry/registries/cr${i}`,
          },
        };
        data = { ...data, registrytype: 'ACR', registryId: `/subscriptions/${subscriptionId}/registries/cr${i}` };
        delete data.environment;
        break;
      case 'aks':
        type = 'kubernetes';
        url = `https://aks-${i}.hcp.westeurope.azmk8s.io`;
        authorization = {
          scheme: 'ServicePrincipal',
          parameters: { servicePrincipalId: appId, tenantId, azureEnvironment: 'AzureCloud' },
        };
        data = {
          authorizationType: 'AzureSubscription',
          azureSubscriptionId: subscriptionId,
          azureSubscriptionName: `Subscription ${i % 40}`,
          namespace: 'default',
        };
        break;
      case 'github':
        type = 'github';
        url = 'https://github.com';
        authorization = { scheme: 'InstallationToken', parameters: { IdToken: null, IdSignature: null } };
        data = {};
        break;
      default:
        type = 'generic';
        url = `https://feeds.contoso.example/${i}`;
        authorization = { scheme: 'UsernamePassword', parameters: { username: 'svc-feed', password: null } };
        data = {};
    }
    endpoints.push({
      administratorsGroup: null,
      authorization,
      createdBy: { displayName: 'Adele Vance', id: guid('0b000000', i % 7), uniqueName: 'adele.vance@contoso.example' },
      creationDate: days(created),
      data,
      description: `Generated connection ${i} (${kind}).`,
      groupScopeId: null,
      id,
      isDisabled: false,
      isOutdated: false,
      isReady: true,
      isShared: false,
      modificationDate: days(modified),
      modifiedBy: { displayName: null, id: '00000002-0000-8888-8000-000000000000' },
      name,
      operationStatus: { errorCode: null, severity: '', state: 'Ready', statusMessage: '' },
      owner: 'Library',
      readersGroup: null,
      serviceEndpointProjectReferences: [{ description: '', name, projectReference: PROJECT }],
      serviceManagementReference: null,
      type,
      url,
    });

    if (app < 0 || applications.has(app)) continue;
    const end = -30 + Math.floor(random() * 430);
    const secret = kind !== 'certificate' && kind !== 'wif' && kind !== 'wifLegacy';
    const credential = {
      customKeyIdentifier: null,
      displayName: secret ? null : 'CN=pipeline',
      endDateTime: days(end),
      keyId: guid('c0000000', app),
      startDateTime: days(modified),
    };
    applications.set(app, {
      id: guid('0a000000', app),
      appId,
      displayName: `contoso-${PROJECT.name}-${subscriptionId}`,
      passwordCredentials: secret
        ? [
            { ...credential, hint: 'Ab1', secretText: null },
            ...(app % 5 === 0
              ? [
                  {
                    ...credential,
                    keyId: guid('d0000000', app),
                    startDateTime: days(modified - 90),
                    endDateTime: days(modified),
                    hint: 'Zz9',
                    secretText: null,
                  },
                ]
              : []),
          ]
        : [],
      keyCredentials:
        kind === 'certificate' ? [{ ...credential, key: null, type: 'AsymmetricX509Cert', usage: 'Verify' }] : [],
    });
    if (kind === 'wif' || kind === 'wifLegacy') {
      federated[appId as string] = [
        {
          id: guid('f0000000', app),
          name,
          issuer: (authorization.parameters as Record<string, string>).workloadIdentityFederationIssuer,
          subject: `sc://contoso/${PROJECT.name}/${name}`,
          description: null,
          audiences: ['api://AzureADTokenExchange'],
        },
      ];
    }
  }
  return normalizeFixture({
    organization: 'contoso',
    project: PROJECT,
    endpoints,
    applications: [...applications.values()],
    federatedIdentityCredentials: federated,
  });
}
