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
  if (health.ok) return v;
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
