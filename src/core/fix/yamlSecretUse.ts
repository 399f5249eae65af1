/**
 * Does a pipeline's YAML read the service principal's secret? After a conversion to workload identity
 * federation there is no secret: `addSpnToEnvironment: true` then exposes `idToken` instead of
 * `servicePrincipalKey`, and scripts reading the key (or the Terraform/azure-identity variables) break.
 * Sources: AzureCLI@2 task reference (addSpnToEnvironment: "servicePrincipalId, servicePrincipalKey or
 * idToken, and tenantId"); Terraform azurerm provider docs (ARM_CLIENT_SECRET); @azure/identity
 * EnvironmentCredential (AZURE_CLIENT_SECRET).
 */

export interface SecretUse {
  /** 1-based line number in the file. */
  line: number;
  what: string;
}

const PATTERNS: { what: string; re: RegExp }[] = [
  { what: 'addSpnToEnvironment: true', re: /\baddSpnToEnvironment\s*:\s*["']?true["']?\s*(#.*)?$/i },
  { what: 'servicePrincipalKey', re: /\bservicePrincipalKey\b/i },
  { what: 'ARM_CLIENT_SECRET', re: /\bARM_CLIENT_SECRET\b/i },
  { what: 'AZURE_CLIENT_SECRET', re: /\bAZURE_CLIENT_SECRET\b/i },
];

/** Every line that uses the secret; YAML comment lines are not uses. */
export function secretUses(yaml: string): SecretUse[] {
  const out: SecretUse[] = [];
  const lines = yaml.split(/\r?\n/);
  lines.forEach((text, i) => {
    const trimmed = text.trim();
    if (trimmed.startsWith('#')) return;
    for (const { what, re } of PATTERNS) if (re.test(trimmed)) out.push({ line: i + 1, what });
  });
  return out;
}
