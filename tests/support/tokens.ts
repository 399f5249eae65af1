import { NOW, TENANT } from './payloads';

/** Unsigned JWTs shaped like Entra's, for checks that read claims (never for anything that verifies). */
export function fakeJwt(claims: Record<string, unknown>, signature = 'c2lnbmF0dXJl'): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64(claims)}.${signature}`;
}

/**
 * A Graph access token as `az account get-access-token --resource-type ms-graph` returns it: `aud` is
 * the resource URI of the cloud's Graph (v1 tokens may carry Graph's app id
 * 00000003-0000-0000-c000-000000000000 instead), valid for years after the tests' NOW.
 */
export function graphToken(
  aud = 'https://graph.microsoft.com',
  overrides: Record<string, unknown> = {},
  signature?: string,
): string {
  return fakeJwt(
    {
      aud,
      iss: `https://sts.windows.net/${TENANT}/`,
      tid: TENANT,
      scp: 'Application.Read.All',
      exp: Math.floor(NOW / 1000) + 10 * 365 * 86_400,
      ...overrides,
    },
    signature,
  );
}
