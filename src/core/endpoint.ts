import { isEntraType } from './connectionTypes';
import { credentialKindOf } from './credentialKind';
import { asObject, getBool, getKey, getString, isGuid, parseDate, type Json } from './raw';
import { parseCreator } from './owners';
import type { Connection, CreationMode, ProjectRef, SchemeKind } from './types';

function schemeKindOf(scheme: string, params: Json | null, entraBacked: boolean): SchemeKind {
  if (!entraBacked) return 'none';
  switch (scheme.toLowerCase()) {
    case 'serviceprincipal':
      return (getString(params, 'authenticationType') ?? '').toLowerCase() === 'spncertificate'
        ? 'certificate'
        : 'secret';
    case 'workloadidentityfederation':
      return 'federated';
    case 'managedserviceidentity':
      return 'managed-identity';
    default:
      return 'none';
  }
}

function creationModeOf(type: string, data: Json | null): CreationMode {
  const mode = (getString(data, 'creationMode') ?? '').toLowerCase();
  if (mode === 'automatic') return 'automatic';
  if (mode === 'manual') return 'manual';
  // Container registry connections carry no creationMode. When Azure DevOps creates the principal it
  // records the object ids of the app and its service principal; without them we cannot tell.
  if (type === 'dockerregistry' && isGuid(getString(data, 'spnObjectId')) && isGuid(getString(data, 'appObjectId')))
    return 'automatic';
  return 'unknown';
}

const CLOUD_HOSTS: [RegExp, string][] = [
  [/\.azurecr\.us$|(^|\.)usgovcloudapi\.net$/i, 'AzureUSGovernment'],
  [/\.azurecr\.cn$|(^|\.)chinacloudapi\.cn$/i, 'AzureChinaCloud'],
  [/\.azurecr\.io$|(^|\.)management\.azure\.com$/i, 'AzureCloud'],
];

/** The host name of a URL or a bare host (`contoso.azurecr.us`), lower case; without building a URL per endpoint. */
const HOST = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/\\?#]*@)?([^/\\?#:@\s]+)/i;

function hostOf(value: string | null): string | null {
  const host = value ? HOST.exec(value)?.[1] : undefined;
  return host ? host.toLowerCase() : null;
}

/** The cloud: `data.environment` when Azure DevOps recorded it, else the registry's login server or the URL. */
function environmentOf(raw: Json, data: Json | null, params: Json | null): string {
  const recorded = getString(data, 'environment');
  if (recorded) return recorded;
  for (const host of [hostOf(getString(params, 'loginServer')), hostOf(getString(raw, 'url'))]) {
    const match = host ? CLOUD_HOSTS.find(([re]) => re.test(host)) : undefined;
    if (match) return match[1];
  }
  return 'AzureCloud';
}

/** What Azure DevOps writes as the principal id until it has created the principal. */
const PLACEHOLDER = /^<placeholder>$/i;

function projectsOf(raw: Json): ProjectRef[] {
  const refs = getKey(raw, 'serviceEndpointProjectReferences');
  if (!Array.isArray(refs)) return [];
  const out: ProjectRef[] = [];
  for (const ref of refs) {
    const project = asObject(getKey(asObject(ref), 'projectReference'));
    const id = getString(project, 'id');
    const name = getString(project, 'name');
    if (id || name) out.push({ id: id ?? '', name: name ?? id ?? '' });
  }
  return out;
}

/**
 * Turns one raw service endpoint, in either REST shape, into a Connection.
 * Never throws on a malformed endpoint: what could not be read goes to `parseProblems`.
 */
export function parseEndpoint(input: unknown): Connection {
  const raw = asObject(input) ?? {};
  const problems: string[] = [];
  const authorization = asObject(getKey(raw, 'authorization'));
  const params = asObject(getKey(authorization, 'parameters'));
  const data = asObject(getKey(raw, 'data'));
  const type = (getString(raw, 'type') ?? '').toLowerCase();
  const scheme = getString(authorization, 'scheme') ?? '';
  const schemeKind = schemeKindOf(scheme, params, isEntraType(type, data));
  // An Azure type with an explicit non-Entra scheme (publish profile, Kubernetes service-account
  // token, …) has nothing in Entra to expire; one whose scheme we could not read stays in scope.
  const entraBacked = isEntraType(type, data) && (schemeKind !== 'none' || scheme === '');
  if (entraBacked && schemeKind === 'none') problems.push('Azure DevOps returned no authorization scheme');

  const appId = getString(params, 'serviceprincipalid');
  const tenantId = getString(params, 'tenantid') ?? getString(params, 'azureTenantId');
  const needsApp = credentialKindOf({ schemeKind }) !== null;
  if (needsApp && !appId) problems.push('the connection names no service principal (appId)');
  else if (needsApp && PLACEHOLDER.test(appId ?? ''))
    problems.push('Azure DevOps never created its service principal (the id is still "<placeholder>")');
  else if (needsApp && !isGuid(appId)) problems.push(`the service principal id "${appId}" is not a GUID`);
  if (needsApp && tenantId && !isGuid(tenantId)) problems.push(`the tenant id "${tenantId}" is not a GUID`);

  const operation = asObject(getKey(raw, 'operationStatus'));
  const projects = projectsOf(raw);
  return {
    id: getString(raw, 'id') ?? '',
    name: getString(raw, 'name') ?? '(unnamed connection)',
    type,
    scheme,
    schemeKind,
    entraBacked,
    creationMode: creationModeOf(type, data),
    tenantId,
    appId,
    appObjectId: getString(data, 'appObjectId'),
    environment: environmentOf(raw, data, params),
    wifIssuer: getString(params, 'workloadIdentityFederationIssuer'),
    wifSubject: getString(params, 'workloadIdentityFederationSubject'),
    description: getString(raw, 'description') ?? '',
    subscriptionName: getString(data, 'subscriptionName'),
    projects,
    isShared: getBool(raw, 'isShared', projects.length > 1),
    isReady: getBool(raw, 'isReady', true),
    isDisabled: getBool(raw, 'isDisabled', false),
    operationState: getString(operation, 'state'),
    operationMessage: getString(operation, 'statusMessage'),
    createdAt: parseDate(getKey(raw, 'creationDate')),
    modifiedAt: parseDate(getKey(raw, 'modificationDate')),
    parseProblems: problems,
    createdBy: parseCreator(getKey(raw, 'createdBy')),
  };
}

/**
 * The endpoints of a list answer, in either REST shape: a bare array (noArrayWrap=true) or `{count, value}`.
 * Anything else is an error to show, never an empty project.
 */
export function readEndpointList(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const value = asObject(body) ? getKey(body as Json, 'value') : undefined;
  if (Array.isArray(value)) return value;
  throw new Error('Azure DevOps answered the endpoint list with something that is not a list');
}
