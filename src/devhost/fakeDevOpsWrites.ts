import { randomUUID } from 'crypto';
import type { Fixture } from './fixture';
import type { FakeEntra } from './fakeEntra';
import { vssError, SERVICE_ENDPOINTS } from './devopsShapes';
import type { JsonAnswer } from './httpUtil';
import { resolveNowTokens } from './fixture';

/**
 * The write side of the fake Azure DevOps for `sc-expiry fix`.
 * - `PUT {org}/_apis/serviceendpoint/endpoints/{id}?operation=ConvertAuthenticationScheme` (REST reference
 *   "Endpoints - Update Service Endpoint"; geekzter/azure-identity-scripts
 *   convert_azurerm_service_connection_to_oidc.ps1): only authorization.scheme may change, else 400
 *   (Azure DevOps Server: ServiceEndpointResources.UpgradeCannotChangeProperties); 200 Ready or 202
 *   InProgress then Ready/Failed (fixture `conversions`); a converted connection carries
 *   data.revertSchemeDeadline (seven days, docs "Convert an existing Azure Resource Manager service
 *   connection"); revert with scheme ServicePrincipal before it, else 400
 *   (ServiceEndpointResources.CouldNotDowngradeMissingRecoveryData). Shared connections are refused (400,
 *   as the script's catch of BadRequest for shared connections shows).
 * - The same PUT without `operation`: a manual connection saved with a new serviceprincipalkey (kept
 *   here, never returned: reads send secrets as null).
 * Writes need the manage scope: the read-only token gets 403.
 */

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const auth = (e: Raw) => (e.authorization ?? {}) as { scheme?: string; parameters?: Raw };
const DATES = new Set(['creationDate', 'modificationDate']);

/** The properties Azure DevOps compares before a scheme change, without dates and secrets. */
function comparable(e: Raw): string {
  const params = { ...(auth(e).parameters ?? {}) };
  for (const k of Object.keys(params)) if (params[k] === null || /key$/i.test(k)) delete params[k];
  const data = { ...((e.data ?? {}) as Raw) };
  delete data.revertSchemeDeadline;
  const refs = Array.isArray(e.serviceEndpointProjectReferences) ? e.serviceEndpointProjectReferences : [];
  const rest = Object.fromEntries(
    Object.entries(e).filter(
      ([k]) =>
        !DATES.has(k) &&
        !['authorization', 'data', 'operationStatus', 'isReady', 'serviceEndpointProjectReferences'].includes(k),
    ),
  );
  return JSON.stringify([rest, params, data, refs], (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v,
  );
}

function firstDifference(read: Raw, sent: Raw): string | null {
  for (const key of new Set([...Object.keys(read), ...Object.keys(sent)])) {
    if (DATES.has(key) || key === 'authorization' || key === 'operationStatus' || key === 'isReady') continue;
    const a = key === 'data' ? comparable({ data: read.data }) : JSON.stringify(read[key] ?? null);
    const b = key === 'data' ? comparable({ data: sent.data }) : JSON.stringify(sent[key] ?? null);
    if (a !== b) return key;
  }
  return comparable(read) === comparable(sent) ? null : 'authorization.parameters';
}

export function createFakeDevOpsWrites(fixture: Fixture, entra: FakeEntra | null, now: () => number) {
  const recovery = new Map<string, Raw>();
  const pending = new Map<string, { polls: number; target: Raw; failed: Raw }>();
  const held = new Map<string, string>();
  const written = new Set<string>();
  const index = (id: string) =>
    fixture.endpoints.findIndex((e) => str((e as Raw).id).toLowerCase() === id.toLowerCase());
  const current = (i: number) => resolveNowTokens(fixture.endpoints[i], now()) as Raw;
  const store = (i: number, e: Raw) => void (fixture.endpoints[i] = e);
  const iso = (ms: number) => new Date(ms).toISOString();

  function converted(e: Raw, days: number): Raw {
    const params = { ...(auth(e).parameters ?? {}) };
    delete params.serviceprincipalkey;
    delete params.authenticationType;
    const tenant = str(params.tenantid ?? params.tenantId);
    params.workloadIdentityFederationIssuer = `https://login.microsoftonline.com/${tenant}/v2.0`;
    params.workloadIdentityFederationSubject = `/eid1/c/pub/t/${tenant}/a/fake/sc/${fixture.organization}/${str(e.id)}`;
    return {
      ...e,
      isReady: true,
      authorization: { ...auth(e), scheme: 'WorkloadIdentityFederation', parameters: params },
      data: { ...((e.data ?? {}) as Raw), revertSchemeDeadline: iso(now() + days * 86_400_000) },
      operationStatus: { state: 'Ready', statusMessage: '' },
    };
  }

  function convert(i: number, read: Raw, sent: Raw): JsonAnswer {
    const id = str(read.id).toLowerCase();
    const from = str(auth(read).scheme).toLowerCase();
    const to = str(auth(sent).scheme).toLowerCase();
    const changed = firstDifference(read, sent);
    if (changed)
      return vssError(
        400,
        'ArgumentException',
        `UpgradeCannotChangeProperties: the following properties cannot be changed when converting the authentication scheme: ${changed}.`,
        SERVICE_ENDPOINTS,
      );
    if (from === 'serviceprincipal' && to === 'workloadidentityfederation') {
      if (read.isShared)
        return vssError(
          400,
          'ArgumentException',
          `Service connection ${str(read.name)} is shared with other projects and cannot be converted.`,
          SERVICE_ENDPOINTS,
        );
      const script = fixture.conversions[id] ?? { answer: 200, polls: 0, outcome: 'Ready', message: '', revertDays: 7 };
      recovery.set(id, read);
      written.add(id);
      const target = converted(read, script.revertDays);
      if (script.answer === 200) return (store(i, target), { status: 200, body: target });
      const failed = { ...read, operationStatus: { state: 'Failed', statusMessage: script.message } };
      pending.set(id, { polls: script.polls, target: script.outcome === 'Ready' ? target : failed, failed });
      const inProgress = {
        ...read,
        isReady: false,
        operationStatus: { state: 'InProgress', statusMessage: 'converting_scheme' },
      };
      store(i, inProgress);
      return { status: 202, body: inProgress };
    }
    if (from === 'workloadidentityfederation' && to === 'serviceprincipal') {
      const deadline = Date.parse(str(((read.data ?? {}) as Raw).revertSchemeDeadline));
      const before = recovery.get(id);
      if (!before || !(deadline > now()))
        return vssError(
          400,
          'ArgumentException',
          `CouldNotDowngradeMissingRecoveryData: service connection ${str(read.name)} cannot be reverted: its recovery data is gone (revert deadline passed).`,
          SERVICE_ENDPOINTS,
        );
      const restored = { ...before, operationStatus: { state: 'Ready', statusMessage: '' } };
      recovery.delete(id);
      store(i, restored);
      return { status: 200, body: restored };
    }
    return vssError(
      400,
      'ArgumentException',
      `ConversionBetweenAuthSchemesNotSupported: ${from || 'none'} to ${to || 'none'}.`,
      SERVICE_ENDPOINTS,
    );
  }

  function save(i: number, read: Raw, sent: Raw): JsonAnswer {
    const id = str(read.id).toLowerCase();
    const params = { ...(auth(sent).parameters ?? {}) };
    const keyName = Object.keys(params).find((k) => k.toLowerCase() === 'serviceprincipalkey');
    if (keyName && typeof params[keyName] === 'string') held.set(id, params[keyName] as string);
    if (keyName) params[keyName] = null;
    const saved = {
      ...sent,
      authorization: { ...auth(sent), parameters: params },
      modificationDate: iso(now()),
      operationStatus: { state: 'Ready', statusMessage: '' },
    };
    written.add(id);
    store(i, saved);
    return { status: 200, body: saved };
  }

  /** PUT …/endpoints/{id}[?operation=…]. */
  function update(id: string, operation: string | null, bodyText: string, canManage: boolean): JsonAnswer {
    if (!canManage)
      return vssError(
        403,
        'UnauthorizedRequestException',
        'Access denied: the token lacks the scope vso.serviceendpoint_manage, or the caller is not an Administrator of this service connection.',
      );
    const i = index(id);
    if (i < 0)
      return vssError(
        404,
        'ServiceEndpointNotFoundException',
        `Service endpoint with id ${id} not found.`,
        SERVICE_ENDPOINTS,
      );
    let sent: Raw;
    try {
      sent = JSON.parse(bodyText) as Raw;
    } catch {
      return vssError(400, 'ArgumentException', 'The request body is not a service endpoint.');
    }
    if (str(sent.id).toLowerCase() !== id.toLowerCase())
      return vssError(400, 'ArgumentException', 'The endpoint id in the body does not match the URL.');
    const read = current(i);
    if (operation && operation.toLowerCase() === 'convertauthenticationscheme') return convert(i, read, sent);
    if (operation) return vssError(400, 'ArgumentException', `Unknown operation ${operation}.`);
    return save(i, read, sent);
  }

  /** Before a read of one connection: a conversion in progress moves on after its polls. */
  function beforeRead(id: string): void {
    const p = pending.get(id.toLowerCase());
    const i = index(id);
    if (!p || i < 0) return;
    if (p.polls > 0) return void (p.polls -= 1);
    pending.delete(id.toLowerCase());
    store(i, p.target);
  }

  /** The check after a write (or of an unsaved secret): null to answer from the fixture's proxyResults. */
  function check(id: string, request: Raw): { statusCode: number; errorMessage: string } | null {
    const details = (request.serviceEndpointDetails ?? null) as Raw | null;
    const refused = {
      statusCode: 401,
      errorMessage:
        'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.',
    };
    const verdict = (appId: string, secret: string) => (entra?.accepts(appId, secret) ? null : refused);
    if (details) {
      const p = auth(details).parameters ?? {};
      const key = Object.entries(p).find(([k]) => k.toLowerCase() === 'serviceprincipalkey')?.[1];
      const appId = str(Object.entries(p).find(([k]) => k.toLowerCase() === 'serviceprincipalid')?.[1]);
      if (typeof key === 'string') return verdict(appId, key) ?? { statusCode: 200, errorMessage: '' };
    }
    const lower = id.toLowerCase();
    const i = index(id);
    const secret = held.get(lower);
    if (secret && i >= 0) {
      const p = auth(current(i)).parameters ?? {};
      const appId = str(Object.entries(p).find(([k]) => k.toLowerCase() === 'serviceprincipalid')?.[1]);
      const no = verdict(appId, secret);
      if (no) return no;
    }
    if (!written.has(lower)) return null;
    const configured = fixture.writeChecks[lower];
    return configured
      ? { statusCode: Number(configured.statusCode) || 400, errorMessage: configured.errorMessage ?? '' }
      : { statusCode: 200, errorMessage: '' };
  }

  return { update, beforeRead, check, activity: () => randomUUID() };
}
