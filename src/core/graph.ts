import { asObject, getKey, getString, parseDate, type Json } from './raw';
import type { AppRecord, Credential } from './types';

function readCredentials(list: unknown, kind: Credential['kind'], source: Credential['source']): Credential[] {
  if (!Array.isArray(list)) return [];
  const out: Credential[] = [];
  for (const item of list) {
    const obj = asObject(item);
    if (!obj) continue;
    // Signing keys (usage "Sign", e.g. SAML token signing) never authenticate a connection.
    if (kind === 'certificate' && (getString(obj, 'usage') ?? 'Verify').toLowerCase() !== 'verify') continue;
    out.push({
      keyId: getString(obj, 'keyId') ?? '',
      kind,
      displayName: getString(obj, 'displayName'),
      hint: kind === 'secret' ? getString(obj, 'hint') : null,
      startDateTime: parseDate(getKey(obj, 'startDateTime')),
      endDateTime: parseDate(getKey(obj, 'endDateTime')),
      source,
    });
  }
  return out;
}

function parseObject(input: unknown, source: Credential['source']): AppRecord | null {
  const raw: Json | null = asObject(input);
  const appId = getString(raw, 'appId');
  if (!raw || !appId) return null;
  return {
    objectId: getString(raw, 'id'),
    appId,
    displayName: getString(raw, 'displayName'),
    credentials: [
      ...readCredentials(getKey(raw, 'passwordCredentials'), 'secret', source),
      ...readCredentials(getKey(raw, 'keyCredentials'), 'certificate', source),
    ],
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

/** Adds a service principal's credentials to its application's. */
export function mergeServicePrincipal(app: AppRecord, sp: AppRecord | null): AppRecord {
  if (!sp || sp.appId.toLowerCase() !== app.appId.toLowerCase()) return app;
  return { ...app, credentials: [...app.credentials, ...sp.credentials] };
}
