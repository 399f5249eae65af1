import { parseEndpoint, readEndpointList } from '../../src/core/endpoint';
import { APP, PROJECT, TENANT, armEndpoint, seedEndpoint } from '../support/payloads';

type Row = [string, unknown, Record<string, unknown>];

/** The seed ACR endpoint with `data` changes and another registry login server. */
function acr(data: Record<string, unknown>, loginServer?: string): Record<string, unknown> {
  const e = seedEndpoint() as { data: Record<string, unknown>; authorization: { parameters: Record<string, unknown> } };
  e.data = { ...e.data, ...data };
  if (loginServer) e.authorization.parameters.loginServer = loginServer;
  return e as unknown as Record<string, unknown>;
}

const cases: Row[] = [
  [
    'the seed post ACR endpoint (camelCase keys, scheme in lower case)',
    seedEndpoint(),
    {
      type: 'dockerregistry',
      schemeKind: 'secret',
      entraBacked: true,
      appId: APP,
      tenantId: TENANT,
      // No creationMode in the payload, but Azure DevOps recorded the object ids of the principal it made.
      creationMode: 'automatic',
      environment: 'AzureCloud',
    },
  ],
  [
    'azurerm automatic secret',
    armEndpoint(),
    { schemeKind: 'secret', creationMode: 'automatic', appId: APP, environment: 'AzureCloud' },
  ],
  ['azurerm manual secret', armEndpoint({ creationMode: 'Manual' }), { schemeKind: 'secret', creationMode: 'manual' }],
  ['azurerm certificate', armEndpoint({ authenticationType: 'spnCertificate' }), { schemeKind: 'certificate' }],
  [
    'azurerm workload identity federation',
    armEndpoint({ scheme: 'WorkloadIdentityFederation' }),
    {
      schemeKind: 'federated',
      wifIssuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
      wifSubject: 'sc://contoso/My DevOps project/arm-wif',
    },
  ],
  [
    'azurerm managed identity',
    armEndpoint({ scheme: 'ManagedServiceIdentity' }),
    { schemeKind: 'managed-identity', appId: null },
  ],
  [
    'azurerm publish profile (no Entra app)',
    armEndpoint({ scheme: 'PublishProfile' }),
    { schemeKind: 'none', entraBacked: false },
  ],
  ['US Government cloud', armEndpoint({ environment: 'AzureUSGovernment' }), { environment: 'AzureUSGovernment' }],
  [
    'kubernetes through an Azure subscription with a service principal',
    {
      id: 'k1',
      name: 'aks',
      type: 'kubernetes',
      authorization: { scheme: 'ServicePrincipal', parameters: { servicePrincipalId: APP, tenantId: TENANT } },
      data: { authorizationType: 'AzureSubscription' },
    },
    { schemeKind: 'secret', entraBacked: true },
  ],
  [
    'kubernetes through an Azure subscription with a service-account token',
    {
      id: 'k2',
      name: 'aks-token',
      type: 'kubernetes',
      authorization: { scheme: 'Kubernetes', parameters: { azureEnvironment: 'AzureCloud', azureTenantId: TENANT } },
      data: { authorizationType: 'AzureSubscription' },
    },
    { schemeKind: 'none', entraBacked: false, tenantId: TENANT },
  ],
  [
    'kubernetes with a kubeconfig',
    {
      id: 'k3',
      name: 'kc',
      type: 'kubernetes',
      authorization: { scheme: 'Kubernetes', parameters: {} },
      data: { authorizationType: 'Kubeconfig' },
    },
    { entraBacked: false },
  ],
  [
    'github',
    { id: 'g', name: 'gh', type: 'github', authorization: { scheme: 'InstallationToken', parameters: {} } },
    { entraBacked: false, schemeKind: 'none' },
  ],
  [
    'generic with null authorization',
    { id: 'x', name: 'gen', type: 'generic', authorization: null, data: null },
    { entraBacked: false },
  ],
  [
    'docker hub (not ACR)',
    {
      id: 'd',
      name: 'hub',
      type: 'dockerregistry',
      authorization: { scheme: 'UsernamePassword' },
      data: { registrytype: 'Others' },
    },
    { entraBacked: false },
  ],
  [
    'azurerm with authorization missing',
    { id: 'a', name: 'broken', type: 'azurerm', data: { creationMode: 'Automatic' } },
    { entraBacked: true, schemeKind: 'none', parseProblems: ['Azure DevOps returned no authorization scheme'] },
  ],
  [
    'azurerm with parameters null',
    { id: 'a', name: 'noparams', type: 'azurerm', authorization: { scheme: 'ServicePrincipal', parameters: null } },
    { schemeKind: 'secret', appId: null, parseProblems: ['the connection names no service principal (appId)'] },
  ],
  [
    'UPPER-CASE keys everywhere',
    {
      ID: 'u',
      NAME: 'upper',
      TYPE: 'AzureRM',
      AUTHORIZATION: { SCHEME: 'SERVICEPRINCIPAL', PARAMETERS: { SERVICEPRINCIPALID: APP, TENANTID: TENANT } },
      DATA: { CREATIONMODE: 'AUTOMATIC' },
    },
    { id: 'u', type: 'azurerm', schemeKind: 'secret', appId: APP, tenantId: TENANT, creationMode: 'automatic' },
  ],
  [
    'a service principal id that is not a GUID',
    armEndpoint({ appId: 'my-app' }),
    { appId: 'my-app', parseProblems: ['the service principal id "my-app" is not a GUID'] },
  ],
  [
    'the extension client /Date(ms)/ shape',
    armEndpoint({ modificationDate: '/Date(1732009744997)/' }),
    { modifiedAt: '2024-11-19T09:49:04.997Z' },
  ],
  [
    'an ISO date without a zone is UTC',
    armEndpoint({ modificationDate: '2024-11-19T09:49:04' }),
    { modifiedAt: '2024-11-19T09:49:04.000Z' },
  ],
  ['an unreadable date', armEndpoint({ modificationDate: 'yesterday' }), { modifiedAt: null }],
  ['a number is not a date (not 1970)', armEndpoint({ modificationDate: 20991201 }), { modifiedAt: null }],
  ['a date-like word is not a date', armEndpoint({ modificationDate: 'March 7' }), { modifiedAt: null }],
  [
    'an MS JSON date (extension client, msDateFormat=true)',
    armEndpoint({ modificationDate: '/Date(1764331200000)/' }),
    { modifiedAt: '2025-11-28T12:00:00.000Z' },
  ],
  [
    'ACR without the principal object ids: creation mode unknown',
    acr({ appObjectId: undefined, spnObjectId: undefined }),
    { creationMode: 'unknown', schemeKind: 'secret' },
  ],
  ['ACR in US Government (login server azurecr.us)', acr({}, 'crgov.azurecr.us'), { environment: 'AzureUSGovernment' }],
  ['ACR in China (login server azurecr.cn)', acr({}, 'crcn.azurecr.cn'), { environment: 'AzureChinaCloud' }],
  [
    'ACR login server as a URL, upper case, with a port',
    acr({}, 'HTTPS://CRGOV.AZURECR.US:443/v2/'),
    { environment: 'AzureUSGovernment' },
  ],
  ['ACR login server with user info', acr({}, 'https://user@crcn.azurecr.cn'), { environment: 'AzureChinaCloud' }],
  // A browser's URL reads the backslash as a path separator: the host is evil.example, not the registry.
  [
    'ACR login server hiding another host behind a backslash',
    acr({}, 'https://evil.example\\@crgov.azurecr.us'),
    { environment: 'AzureCloud' },
  ],
  ['ACR login server on a look-alike host', acr({}, 'crgov.azurecr.us.evil.example'), { environment: 'AzureCloud' }],
  [
    'a principal id Azure DevOps never filled in',
    armEndpoint({ appId: '<placeholder>' }),
    { parseProblems: [expect.stringMatching(/never created its service principal/)] },
  ],
  [
    'shared across two projects',
    armEndpoint({ projects: [PROJECT, { id: 'p2', name: 'Other' }] }),
    { isShared: true, projects: [PROJECT, { id: 'p2', name: 'Other' }] },
  ],
  ['not an object at all', 'nonsense', { id: '', name: '(unnamed connection)', entraBacked: false }],
];

describe('parseEndpoint', () => {
  it.each(cases)('%s', (_name, raw, expected) => {
    expect(parseEndpoint(raw)).toMatchObject(expected);
  });

  it('never copies a secret value into the connection', () => {
    const raw = armEndpoint();
    (raw.authorization as { parameters: Record<string, unknown> }).parameters.serviceprincipalkey = 'SuperSecret~123';
    expect(JSON.stringify(parseEndpoint(raw))).not.toContain('SuperSecret');
  });
});

describe('readEndpointList', () => {
  it.each([
    ['a bare array (noArrayWrap=true)', [{ id: 'a' }], 1],
    ['{count, value} (plain REST)', { count: 2, value: [{ id: 'a' }, { id: 'b' }] }, 2],
    ['an empty list', { count: 0, value: [] }, 0],
  ])('reads %s', (_n, body, count) => {
    expect(readEndpointList(body)).toHaveLength(count);
  });

  it.each([
    ['null', null],
    ['an object without value', { count: 3 }],
    ['value that is not a list', { count: 1, value: { id: 'a' } }],
    ['a string', 'Sign in'],
  ])('refuses %s instead of showing an empty project', (_n, body) => {
    expect(() => readEndpointList(body)).toThrow(/not a list/);
  });
});
