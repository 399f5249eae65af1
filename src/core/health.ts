import { credentialKindOf } from './credentialKind';
import { finding, renewalSteps } from './findings';
import type { Connection, Finding, HealthCheck, Verdict } from './types';

const SECRET_REJECTED = [
  /AADSTS7000222/i, // the provided client secret keys are expired
  /AADSTS7000215/i, // invalid client secret provided
  /invalid\s+client\s*id\s+or\s+client\s+secret/i,
  /client secret keys? .*expired/i,
  /secret has expired/i,
];

/** True when Azure DevOps's check failed because Entra ID refused the secret. */
export function isSecretRejected(message: string): boolean {
  return SECRET_REJECTED.some((re) => re.test(message));
}

/**
 * Folds the result of Azure DevOps's own connection check (the Verify-like proxy call) into a
 * verdict. A secret Entra refuses is expired whatever Graph said; any other failure is a finding.
 */
export function applyHealthCheck<V extends Verdict>(v: V, c: Connection, health: HealthCheck): V {
  if (health.ok) return passedCheck(v);
  const message = health.message.trim() || 'no message';
  const broken: Finding = finding('broken-now', 'error', `Azure DevOps's connection check failed: ${message}`, [
    `Open the connection in Azure DevOps → Edit → Verify to see the full error.`,
  ]);
  const secretBased = credentialKindOf(c) !== null;
  if (!secretBased || !isSecretRejected(message) || v.status === 'expired') {
    return { ...v, findings: [broken, ...v.findings] };
  }
  const renew = finding(
    'expired',
    'error',
    'Entra ID refuses the secret the connection holds: it has expired.',
    renewalSteps(c, true),
  );
  return {
    ...v,
    status: 'expired',
    reason: `Broken now: Entra ID refuses the connection's secret (${message}).`,
    findings: [broken, renew, ...v.findings.filter((f) => f.code !== 'expiring')],
  };
}

/**
 * A passing check beside a reading that says the connection cannot work: the reason says which wins. The check
 * proves it signs in today; Graph's reading is about when its credential ends, so the status stands.
 */
function passedCheck<V extends Verdict>(v: V): V {
  if (v.findings.some((f) => f.code === 'app-not-found'))
    return {
      ...v,
      reason: `${v.reason} Yet Azure DevOps's connection test passes, so the app still signs in: the test wins for today, and Graph is likely looking in the wrong tenant. Its expiry stays unknown.`,
    };
  if (v.status === 'expired')
    return {
      ...v,
      reason: `${v.reason} Yet Azure DevOps's connection test passes: it holds a credential that still works, which is not the one Graph dates. The test wins for today; check which secret it holds before it fails.`,
    };
  return v;
}

// System.Net.HttpStatusCode names of the 2xx codes, as Azure DevOps writes enums without enumsAsNumbers.
const SUCCESS_NAMES = new Set([
  'ok',
  'created',
  'accepted',
  'nonauthoritativeinformation',
  'nocontent',
  'resetcontent',
  'partialcontent',
]);

/** True for a 2xx status code in any form the endpoint proxy sends it: 200, "200", "ok". */
export function isSuccessStatus(statusCode: unknown): boolean {
  if (typeof statusCode === 'number') return statusCode >= 200 && statusCode < 300;
  if (typeof statusCode !== 'string') return false;
  const text = statusCode.trim();
  if (/^\d{3}$/.test(text)) return text.startsWith('2');
  return SUCCESS_NAMES.has(text.toLowerCase());
}

/**
 * The endpoint proxy's TestConnection answer (ServiceEndpointRequestResult) as a health check: success by
 * what the status code means, and on failure Azure DevOps's own message.
 */
export function readCheckResult(result: unknown): HealthCheck {
  const r = (result && typeof result === 'object' ? result : {}) as { statusCode?: unknown; errorMessage?: unknown };
  if (isSuccessStatus(r.statusCode)) return { ok: true, message: '' };
  const said = typeof r.errorMessage === 'string' ? r.errorMessage.trim() : '';
  const code =
    typeof r.statusCode === 'number' || typeof r.statusCode === 'string' ? String(r.statusCode) : 'no status';
  return { ok: false, message: said || `the check answered ${code} without a message` };
}
