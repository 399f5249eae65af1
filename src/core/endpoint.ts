import { isEntraType } from './connectionTypes';
import { credentialKindOf } from './credentialKind';
import { asObject, getBool, getKey, getString, isGuid, parseDate, type Json } from './raw';
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

function creationModeOf(data: Json | null): CreationMode {
  const mode = (getString(data, 'creationMode') ?? '').toLowerCase();
  if (mode === 'automatic') return 'automatic';
  if (mode === 'manual') return 'manual';
  return 'unknown';
}

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
    creationMode: creationModeOf(data),
    tenantId,
    appId,
    appObjectId: getString(data, 'appObjectId'),
    environment: getString(data, 'environment') ?? 'AzureCloud',
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
  };
}
