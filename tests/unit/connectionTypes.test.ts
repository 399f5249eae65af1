import { typeLabel } from '../../src/core/connectionTypes';
import { parseEndpoint } from '../../src/core/endpoint';
import { APP, TENANT } from '../support/payloads';

/** Service endpoints as the REST API returns them, differing only in type, data and scheme. */
function endpoint(type: string, data: Record<string, string>, scheme = 'ServicePrincipal'): Record<string, unknown> {
  return {
    id: '5b1e7c55-0a3e-4c58-9f0e-2a1f0c9d3e11',
    name: `${type} connection`,
    type,
    url: 'https://management.azure.com/',
    isReady: true,
    isShared: false,
    authorization: {
      scheme,
      parameters: {
        serviceprincipalid: APP,
        tenantid: TENANT,
        authenticationType: 'spnKey',
        serviceprincipalkey: null,
      },
    },
    data,
  };
}

// [type as Azure DevOps sends it, data, scheme, entraBacked, label]
const TYPES: [string, Record<string, string>, string, boolean, string][] = [
  ['azurerm', { creationMode: 'Automatic' }, 'ServicePrincipal', true, 'Azure Resource Manager'],
  ['AzureRM', { creationMode: 'Manual' }, 'WorkloadIdentityFederation', true, 'Azure Resource Manager'],
  ['dockerregistry', { registrytype: 'ACR' }, 'ServicePrincipal', true, 'Docker Registry (ACR)'],
  ['dockerregistry', { registrytype: 'Others' }, 'UsernamePassword', false, 'Docker Registry'],
  ['kubernetes', { authorizationType: 'AzureSubscription' }, 'ServicePrincipal', true, 'Kubernetes'],
  ['kubernetes', { authorizationType: 'AzureSubscription' }, 'Kubernetes', false, 'Kubernetes'],
  ['kubernetes', { authorizationType: 'Kubeconfig' }, 'Kubernetes', false, 'Kubernetes'],
  ['kubernetes', { authorizationType: 'ServiceAccount' }, 'Token', false, 'Kubernetes'],
  ['github', {}, 'OAuth', false, 'GitHub'],
  ['githubenterprise', {}, 'Token', false, 'GitHub Enterprise Server'],
  ['generic', {}, 'UsernamePassword', false, 'Generic'],
  ['ssh', {}, 'UsernamePassword', false, 'SSH'],
  ['aws', {}, 'UsernamePassword', false, 'AWS'],
  ['sonarqube', {}, 'UsernamePassword', false, 'SonarQube'],
  ['sonarcloud', {}, 'Token', false, 'SonarCloud'],
  ['externalnugetfeed', {}, 'Token', false, 'NuGet'],
  ['externalnpmregistry', {}, 'Token', false, 'npm'],
  ['git', {}, 'UsernamePassword', false, 'Other Git'],
  ['bitbucket', {}, 'UsernamePassword', false, 'Bitbucket Cloud'],
  ['azureclassic', {}, 'Certificate', false, 'Azure Classic'],
  ['servicefabric', {}, 'Certificate', false, 'Service Fabric'],
  ['jenkins', {}, 'UsernamePassword', false, 'Jenkins'],
  // Types we do not know keep Azure DevOps's own name; names that are Object's own are not types.
  ['someextension-endpoint', {}, 'Token', false, 'someextension-endpoint'],
  ['constructor', {}, 'Token', false, 'constructor'],
  ['__proto__', {}, 'ServicePrincipal', false, '__proto__'],
];

describe('the connection type table', () => {
  it.each(TYPES)('%s %j (%s): Entra-backed %s, label "%s"', (type, data, scheme, entraBacked, label) => {
    const connection = parseEndpoint(endpoint(type, data, scheme));
    expect(connection.entraBacked).toBe(entraBacked);
    expect(typeLabel(connection)).toBe(label);
  });
});
