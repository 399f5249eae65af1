/** Unsigned JWTs shaped like Entra's, for checks that read claims (never for anything that verifies). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ typ: 'JWT', alg: 'RS256' })}.${b64(claims)}.c2lnbmF0dXJl`;
}
