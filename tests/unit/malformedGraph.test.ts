import { parseEndpoint } from '../../src/core/endpoint';
import { mergeServicePrincipal, parseApplication, parseServicePrincipal } from '../../src/core/graph';
import { computeVerdict } from '../../src/core/verdict';
import type { Status } from '../../src/core/types';
import { APP, NOW, application, armEndpoint, iso } from '../support/payloads';

/** Graph answers as a proxy, a bug or a hostile writer can damage them: never a verdict from what we cannot read. */

const secretApp = (over: Record<string, unknown>) => ({ ...application([{ start: iso(-60), end: iso(80) }]), ...over });
const certApp = (over: Record<string, unknown>) => ({
  ...application([], [{ start: iso(-60), end: iso(300) }]),
  ...over,
});

function verdictFor(raw: Record<string, unknown>, authenticationType = 'spnKey') {
  const app = parseApplication(raw);
  if (!app) throw new Error('not an application');
  return computeVerdict({
    connection: parseEndpoint(armEndpoint({ modificationDate: iso(-60), authenticationType })),
    lookup: { kind: 'found', app },
    nowMs: NOW,
  });
}

describe('a malformed Graph answer is unknown, never a verdict', () => {
  it.each<[string, Record<string, unknown>, string, Status, RegExp]>([
    [
      'passwordCredentials missing',
      secretApp({ passwordCredentials: undefined }),
      'spnKey',
      'unknown',
      /holds no passwordCredentials/,
    ],
    [
      'passwordCredentials null',
      secretApp({ passwordCredentials: null }),
      'spnKey',
      'unknown',
      /passwordCredentials: null/,
    ],
    [
      'passwordCredentials an object',
      secretApp({ passwordCredentials: { keyId: 'x' } }),
      'spnKey',
      'unknown',
      /not a list/,
    ],
    [
      'passwordCredentials empty: no secret left',
      secretApp({ passwordCredentials: [] }),
      'spnKey',
      'expired',
      /No client secret left/,
    ],
    [
      'keyCredentials null for a certificate connection',
      certApp({ keyCredentials: null }),
      'spnCertificate',
      'unknown',
      /keyCredentials: null/,
    ],
    [
      'keyCredentials empty: no certificate left',
      certApp({ keyCredentials: [] }),
      'spnCertificate',
      'expired',
      /No certificate left/,
    ],
    [
      'keyCredentials missing does not matter to a secret connection',
      secretApp({ keyCredentials: undefined }),
      'spnKey',
      'healthy',
      /valid until/,
    ],
  ])('%s', (_n, raw, authenticationType, status, reason) => {
    const v = verdictFor(raw, authenticationType);
    expect(v.status).toBe(status);
    expect(v.reason).toMatch(reason);
  });

  it.each<[string, unknown, unknown]>([
    ['a number (yyyymmdd)', iso(-60), 20991201],
    ['a number of milliseconds', iso(-60), 4_102_444_800_000],
    ['free text', iso(-60), 'next year'],
    ['a start date that is garbage', 'soon', iso(80)],
  ])('a credential date that is %s is unreadable, not 1970', (_n, start, end) => {
    const raw = application([{ start: start as string, end: end as string }]);
    const app = parseApplication(raw)!;
    expect(app.credentials[0].problem).toMatch(/is not an ISO-8601 date/);
    const v = verdictFor(raw);
    expect(v.status).toBe('unknown');
    expect(v.reason).toMatch(/cannot be read/);
    expect(v.daysLeft).toBeNull();
  });

  it('a single credential that starts after it ends is unknown, not healthy', () => {
    const v = verdictFor(application([{ start: iso(200), end: iso(80) }]));
    expect(v.status).toBe('unknown');
    expect(v.reason).toMatch(/starts .* after it ends/);
    expect(v.findings.map((f) => f.code)).toContain('graph-error');
  });

  it('an ISO date with an offset is read as that instant', () => {
    const app = parseApplication(application([{ start: '2026-01-01T00:00:00+02:00', end: '2027-01-01T10:00:00Z' }]))!;
    expect(app.credentials[0].startDateTime).toBe('2025-12-31T22:00:00.000Z');
    expect(app.credentials[0].problem).toBeUndefined();
  });
});

describe('service principal credentials that do not authenticate the app', () => {
  // Shape from Graph's servicePrincipal: addTokenSigningCertificate: a Sign key, its Verify twin and the
  // password that opens the PFX share customKeyIdentifier; the password and the Sign key share keyId.
  const samlPrincipal = {
    id: 'sp-object-id',
    appId: APP,
    passwordCredentials: [
      { keyId: 'pfx-key', customKeyIdentifier: 'THUMB', startDateTime: iso(-10), endDateTime: iso(1000) },
      { keyId: 'real-secret', customKeyIdentifier: null, startDateTime: iso(-10), endDateTime: iso(30) },
    ],
    keyCredentials: [
      {
        keyId: 'pfx-key',
        customKeyIdentifier: 'THUMB',
        usage: 'Sign',
        type: 'X509CertAndPassword',
        startDateTime: iso(-10),
        endDateTime: iso(1000),
      },
      {
        keyId: 'verify-key',
        customKeyIdentifier: 'THUMB',
        usage: 'Verify',
        type: 'AsymmetricX509Cert',
        startDateTime: iso(-10),
        endDateTime: iso(1000),
      },
    ],
  };

  it.each<[string, Record<string, unknown>, string[]]>([
    ['the PFX password of a SAML signing key (same keyId)', samlPrincipal, ['real-secret']],
    [
      'a password paired only by customKeyIdentifier',
      {
        ...samlPrincipal,
        passwordCredentials: [
          { keyId: 'other', customKeyIdentifier: 'THUMB', startDateTime: iso(-1), endDateTime: iso(9) },
        ],
      },
      [],
    ],
  ])('drops %s', (_n, raw, secrets) => {
    const sp = parseServicePrincipal(raw);
    expect(sp?.credentials.filter((c) => c.kind === 'secret').map((c) => c.keyId)).toEqual(secrets);
  });

  it('a merged SAML principal leaves the verdict to the secret the connection uses', () => {
    const app = parseApplication(application([{ start: iso(-60), end: iso(20) }]))!;
    const merged = mergeServicePrincipal(app, parseServicePrincipal(samlPrincipal));
    expect(merged.credentials.map((c) => c.keyId)).not.toContain('pfx-key');
  });
});
