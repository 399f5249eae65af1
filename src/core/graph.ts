import { asObject, excerpt, getKey, getString, isGuid, isUnreadableDate, parseDate, type Json } from './raw';
import { EXPANDED_OWNERS_LIMIT, parseOwners } from './owners';
import { publisherDomainOf } from './tenantNames';
import type { AppRecord, Credential, CredentialKind } from './types';

const FIELD: Record<CredentialKind, string> = { secret: 'passwordCredentials', certificate: 'keyCredentials' };

/** Why a credential list cannot be read, or null when it is a list (an empty list is readable: none left). */
function listProblem(list: unknown, kind: CredentialKind): string | null {
  if (Array.isArray(list)) return null;
  if (list === undefined) return `Graph's answer holds no ${FIELD[kind]}`;
  if (list === null) return `Graph's answer has ${FIELD[kind]}: null`;
  return `Graph's ${FIELD[kind]} is not a list`;
}

function dateProblem(obj: Json): string | undefined {
  for (const key of ['startDateTime', 'endDateTime']) {
    const v = getKey(obj, key);
    if (isUnreadableDate(v)) return `its ${key} "${excerpt(v)}" is not an ISO-8601 date`;
  }
  return undefined;
}

/**
 * A signing key (usage "Sign", e.g. SAML token signing) never authenticates a connection; per Graph's
 * addTokenSigningCertificate, the password credential that opens its PFX has the same keyId (and all
 * pieces share customKeyIdentifier). Those passwords are not client secrets either.
 */
function signingKeyIds(raw: Json): { keyIds: Set<string>; customIds: Set<string> } {
  const keyIds = new Set<string>();
  const customIds = new Set<string>();
  const keys = getKey(raw, 'keyCredentials');
  for (const item of Array.isArray(keys) ? keys : []) {
    const obj = asObject(item);
    if ((getString(obj, 'usage') ?? '').toLowerCase() !== 'sign') continue;
    const keyId = getString(obj, 'keyId');
    const custom = getString(obj, 'customKeyIdentifier');
    if (keyId) keyIds.add(keyId.toLowerCase());
    if (custom) customIds.add(custom);
  }
  return { keyIds, customIds };
}

function readCredentials(raw: Json, kind: CredentialKind, source: Credential['source']): Credential[] {
  const list = getKey(raw, FIELD[kind]);
  if (!Array.isArray(list)) return [];
  const signing = signingKeyIds(raw);
  const out: Credential[] = [];
  for (const item of list) {
    const obj = asObject(item);
    if (!obj) continue;
    const keyId = getString(obj, 'keyId') ?? '';
    if (kind === 'certificate' && (getString(obj, 'usage') ?? 'Verify').toLowerCase() !== 'verify') continue;
    if (kind === 'secret') {
      const custom = getString(obj, 'customKeyIdentifier');
      if (signing.keyIds.has(keyId.toLowerCase()) || (custom && signing.customIds.has(custom))) continue;
    }
    const problem = dateProblem(obj);
    out.push({
      keyId,
      kind,
      displayName: getString(obj, 'displayName'),
      hint: kind === 'secret' ? getString(obj, 'hint') : null,
      startDateTime: parseDate(getKey(obj, 'startDateTime')),
      endDateTime: parseDate(getKey(obj, 'endDateTime')),
      source,
      ...(problem ? { problem } : {}),
    });
  }
  return out;
}

function parseObject(input: unknown, source: Credential['source']): AppRecord | null {
  const raw: Json | null = asObject(input);
  const appId = getString(raw, 'appId');
  if (!raw || !appId) return null;
  const unreadable: Partial<Record<CredentialKind, string>> = {};
  for (const kind of ['secret', 'certificate'] as const) {
    const problem = listProblem(getKey(raw, FIELD[kind]), kind);
    if (problem) unreadable[kind] = problem;
  }
  const owner = getString(raw, 'appOwnerOrganizationId');
  const owners = source === 'application' ? parseOwners(raw) : undefined;
  const domain = source === 'application' ? publisherDomainOf(getKey(raw, 'publisherDomain')) : null;
  return {
    objectId: getString(raw, 'id'),
    appId,
    ...(isGuid(owner) ? { ownerTenantId: owner.toLowerCase() } : {}),
    ...(domain ? { publisherDomain: domain } : {}),
    displayName: getString(raw, 'displayName'),
    credentials: [...readCredentials(raw, 'secret', source), ...readCredentials(raw, 'certificate', source)],
    ...(Object.keys(unreadable).length > 0 ? { unreadable } : {}),
    ...(owners ? { owners } : {}),
    ...(owners && owners.length >= EXPANDED_OWNERS_LIMIT ? { ownersIncomplete: true } : {}),
  };
}

/** Parses a Graph `application` object; null when it is not one (no appId). */
export function parseApplication(input: unknown): AppRecord | null {
  return parseObject(input, 'application');
}

/** Parses a Graph `servicePrincipal` object; its credentials are marked as such. */
export function parseServicePrincipal(input: unknown): AppRecord | null {
  return parseObject(input, 'servicePrincipal');
}

/** Adds a service principal's credentials to its application's (only those that authenticate the app). */
export function mergeServicePrincipal(app: AppRecord, sp: AppRecord | null): AppRecord {
  if (!sp || sp.appId.toLowerCase() !== app.appId.toLowerCase()) return app;
  return { ...app, credentials: [...app.credentials, ...sp.credentials] };
}
