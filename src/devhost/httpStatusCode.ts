/**
 * .NET's System.Net.HttpStatusCode, the type of ServiceEndpointRequestResult.statusCode on the server
 * (REST reference: Endpointproxy - Execute Service Endpoint Request; the typings in
 * azure-devops-extension-api/ServiceEndpoint say `string` because the enum is not generated). Azure
 * DevOps serializes enums as numbers when the Accept header has enumsAsNumbers=true (what
 * RestClientBase sends) and as camelCase member names otherwise.
 */
const NAMES: Record<number, string> = {
  200: 'ok',
  201: 'created',
  202: 'accepted',
  203: 'nonAuthoritativeInformation',
  204: 'noContent',
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  408: 'requestTimeout',
  409: 'conflict',
  429: 'tooManyRequests',
  500: 'internalServerError',
  502: 'badGateway',
  503: 'serviceUnavailable',
  504: 'gatewayTimeout',
};

/** A fixture's status code (200, "200", "ok", "badRequest") as its number; unknown names are 500. */
export function statusNumber(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  const text = String(value ?? '').trim();
  if (/^\d{3}$/.test(text)) return Number(text);
  const found = Object.entries(NAMES).find(([, name]) => name.toLowerCase() === text.toLowerCase());
  return found ? Number(found[0]) : 500;
}

/** The status code as the server writes it for this Accept header. */
export function statusOnWire(code: number, enumsAsNumbers: boolean): number | string {
  return enumsAsNumbers ? code : (NAMES[code] ?? String(code));
}
