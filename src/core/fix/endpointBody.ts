import { asObject, getKey, getString, type Json } from '../raw';

/**
 * The PUT bodies of `sc-expiry fix`, built from the connection exactly as GET returned it.
 * Convert/revert: only `authorization.scheme` changes and `data.revertSchemeDeadline` is dropped (any
 * other difference is refused with UpgradeCannotChangeProperties): geekzter/azure-identity-scripts
 * convert_azurerm_service_connection_to_oidc.ps1, REST reference "Endpoints - Update Service Endpoint".
 * Manual rotation: the same connection with the new `serviceprincipalkey` and every other field unchanged.
 */

export const WIF_SCHEME = 'WorkloadIdentityFederation';
export const SPN_SCHEME = 'ServicePrincipal';

function copy(raw: unknown): Json {
  const obj = asObject(raw);
  if (!obj) throw new Error('the connection as read is not an object');
  return JSON.parse(JSON.stringify(obj)) as Json;
}

/** The body of a ConvertAuthenticationScheme PUT towards `scheme`. */
export function schemeChangeBody(raw: unknown, scheme: typeof WIF_SCHEME | typeof SPN_SCHEME): Json {
  const body = copy(raw);
  const auth = asObject(body.authorization);
  if (!auth) throw new Error('the connection as read has no authorization');
  auth.scheme = scheme;
  const data = asObject(body.data);
  if (data) for (const key of Object.keys(data)) if (key.toLowerCase() === 'revertschemedeadline') delete data[key];
  return body;
}

/** Sets a parameter whatever its casing on the wire (`serviceprincipalkey` on azurerm). */
function setParameter(params: Json, key: string, value: string): void {
  const existing = Object.keys(params).find((k) => k.toLowerCase() === key.toLowerCase());
  params[existing ?? key] = value;
}

/** The body of a plain PUT that saves a new secret in a manual connection. */
export function newSecretBody(raw: unknown, secret: string): Json {
  const body = copy(raw);
  const auth = asObject(body.authorization);
  const params = asObject(auth?.parameters);
  if (!auth || !params) throw new Error('the connection as read has no authorization parameters');
  setParameter(params, 'serviceprincipalkey', secret);
  setParameter(params, 'authenticationType', 'spnKey');
  return body;
}

/** The unsaved details Verify sends to the endpoint proxy (ServiceEndpointDetails: type, url, authorization, data). */
export function verifyDetails(body: Json): Json {
  return { type: body.type, url: body.url, authorization: body.authorization, data: body.data ?? {} };
}

/** What the journal keeps of a connection: no secret, no parameter values but the scheme's. */
export interface EndpointState {
  scheme: string | null;
  authenticationType: string | null;
  isReady: boolean | null;
  operationState: string | null;
  revertSchemeDeadline: string | null;
}

export function endpointState(raw: unknown): EndpointState {
  const obj = asObject(raw);
  const auth = asObject(obj ? getKey(obj, 'authorization') : null);
  const data = asObject(obj ? getKey(obj, 'data') : null);
  const status = asObject(obj ? getKey(obj, 'operationStatus') : null);
  const ready = obj ? getKey(obj, 'isReady') : null;
  return {
    scheme: getString(auth, 'scheme'),
    authenticationType: getString(asObject(auth ? getKey(auth, 'parameters') : null), 'authenticationType'),
    isReady: typeof ready === 'boolean' ? ready : null,
    operationState: getString(status, 'state'),
    revertSchemeDeadline: getString(data, 'revertSchemeDeadline'),
  };
}
