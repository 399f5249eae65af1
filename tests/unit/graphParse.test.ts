import { mergeServicePrincipal, parseApplication, parseServicePrincipal } from '../../src/core/graph';
import { APP, application, iso } from '../support/payloads';

const sp = (appId: string) => ({
  id: 'sp-object-id',
  appId,
  displayName: 'contoso-sp',
  passwordCredentials: [{ keyId: 'sp-secret', startDateTime: iso(-10), endDateTime: iso(80), hint: 'Xy1' }],
  keyCredentials: [
    {
      keyId: 'saml-signing',
      usage: 'Sign',
      type: 'AsymmetricX509Cert',
      startDateTime: iso(-10),
      endDateTime: iso(300),
    },
  ],
});

describe('Graph objects', () => {
  it.each([
    ['not an object', 'nope'],
    ['no appId', { id: 'x', passwordCredentials: [] }],
  ])('an input that is %s is not an application', (_n, raw) => {
    expect(parseApplication(raw)).toBeNull();
  });

  it('reads secrets and verify certificates, and never a secret value', () => {
    const raw = application([{ start: iso(-1), end: iso(89) }], [{ start: iso(-5), end: iso(360) }]);
    (raw.passwordCredentials as Record<string, unknown>[])[0].secretText = 'LeakedValue~123';
    const app = parseApplication(raw);
    expect(app?.credentials.map((c) => [c.kind, c.source])).toEqual([
      ['secret', 'application'],
      ['certificate', 'application'],
    ]);
    expect(JSON.stringify(app)).not.toContain('LeakedValue');
  });

  it('marks service principal credentials and skips signing keys', () => {
    const principal = parseServicePrincipal(sp(APP));
    expect(principal?.credentials.map((c) => [c.keyId, c.source])).toEqual([['sp-secret', 'servicePrincipal']]);
  });

  it.each([
    ['the same app (any case)', APP.toUpperCase(), 2],
    ['another app', '00000000-0000-4000-8000-000000000999', 1],
  ])('merges service principal credentials only for %s', (_n, spAppId, count) => {
    const app = parseApplication(application([{ start: iso(-1), end: iso(89) }]))!;
    expect(mergeServicePrincipal(app, parseServicePrincipal(sp(spAppId))).credentials).toHaveLength(count);
  });
});
