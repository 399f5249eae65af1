import { organizationName, orgUrlShape } from '../../src/core/orgUrl';

/** The organization URL grammar of the Azure DevOps CLI (azext_devops/dev/common/uri.py), read before any request. */

describe('orgUrlShape', () => {
  it.each([
    ['https://dev.azure.com/contoso', { kind: 'organization' }],
    ['https://DEV.AZURE.COM/contoso', { kind: 'organization' }],
    ['https://contoso.visualstudio.com', { kind: 'organization' }],
    ['https://contoso.visualstudio.com/DefaultCollection', { kind: 'organization' }],
    ['https://dev.azure.com/contoso/Web', { kind: 'project', orgUrl: 'https://dev.azure.com/contoso', project: 'Web' }],
    [
      'https://dev.azure.com/contoso/My%20Project/_git/repo',
      { kind: 'project', orgUrl: 'https://dev.azure.com/contoso', project: 'My Project' },
    ],
    [
      'https://contoso.visualstudio.com/Web',
      { kind: 'project', orgUrl: 'https://contoso.visualstudio.com', project: 'Web' },
    ],
    [
      'https://contoso.visualstudio.com/defaultcollection/Web',
      { kind: 'project', orgUrl: 'https://contoso.visualstudio.com/defaultcollection', project: 'Web' },
    ],
    ['https://dev.azure.com/contoso/_settings/projects', { kind: 'page', orgUrl: 'https://dev.azure.com/contoso' }],
    ['https://contoso.visualstudio.com/_apis', { kind: 'page', orgUrl: 'https://contoso.visualstudio.com' }],
    ['https://dev.azure.com', { kind: 'no-organization' }],
    ['https://dev.azure.com/_apis', { kind: 'no-organization' }],
    // Azure DevOps Server and local fakes: a collection path cannot be told from a project by the URL alone.
    ['https://tfs.contoso.com/tfs/DefaultCollection', { kind: 'organization' }],
    ['https://tfs.contoso.com/tfs/DefaultCollection/Web', { kind: 'organization' }],
    ['http://127.0.0.1:8080/org', { kind: 'organization' }],
  ])('%s', (url, shape) => {
    expect(orgUrlShape(url)).toEqual(shape);
  });
});

describe('organizationName', () => {
  it.each([
    ['https://dev.azure.com/contoso', 'contoso'],
    ['https://contoso.visualstudio.com', 'contoso'],
    ['https://contoso.visualstudio.com/DefaultCollection', 'contoso'],
    ['https://tfs.contoso.com/tfs/DefaultCollection', 'https://tfs.contoso.com/tfs/DefaultCollection'],
  ])('%s → %s', (url, name) => {
    expect(organizationName(url)).toBe(name);
  });
});
