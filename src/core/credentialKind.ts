import type { Connection, CredentialKind } from './types';

/**
 * The one place that says whether a connection holds a credential that expires: a client secret or
 * a certificate (service principal), or null (federation, managed identity, no Entra app).
 */
export function credentialKindOf(c: Pick<Connection, 'schemeKind'>): CredentialKind | null {
  return c.schemeKind === 'secret' || c.schemeKind === 'certificate' ? c.schemeKind : null;
}
