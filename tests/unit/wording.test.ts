import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { typeLabel } from '../../src/core/connectionTypes';
import { computeVerdict } from '../../src/core/verdict';
import { NOW, application, armEndpoint, iso, seedEndpoint } from '../support/payloads';

/** Wording that real payloads exposed. */

const legacy = () =>
  parseEndpoint(
    armEndpoint({ scheme: 'WorkloadIdentityFederation', issuer: 'https://vstoken.dev.azure.com/7a9c1b2d' }),
  );

describe('wording', () => {
  it.each([
    ['a year before', NOW, /which is retired on 2027-07-01: update it before then/],
    ['the day before', Date.parse('2027-06-30T12:00:00Z'), /which is retired on 2027-07-01/],
    ['on the day', Date.parse('2027-07-01T00:00:00Z'), /\), retired on 2027-07-01\.$/],
    ['after', Date.parse('2027-09-01T00:00:00Z'), /\), retired on 2027-07-01\.$/],
  ])('the legacy issuer finding %s the retirement speaks in the right tense', (_n, nowMs, message) => {
    const finding = computeVerdict({ connection: legacy(), nowMs }).findings.find(
      (f) => f.code === 'legacy-wif-issuer',
    );
    expect(finding?.message).toMatch(message);
  });

  it.each([
    ['Azure', 'Azure Classic'],
    ['azurerm', 'Azure Resource Manager'],
  ])('REST type "%s" has the label %s', (type, label) => {
    const c = parseEndpoint({ ...armEndpoint(), type, authorization: { scheme: 'Certificate', parameters: {} } });
    expect(typeLabel(c)).toBe(label);
    expect(computeVerdict({ connection: c, nowMs: NOW }).reason).not.toMatch(/^azure connection/);
  });

  it('"<placeholder>" as the principal id says Azure DevOps never created the principal', () => {
    const v = computeVerdict({ connection: parseEndpoint(armEndpoint({ appId: '<placeholder>' })), nowMs: NOW });
    expect(v.status).toBe('unknown');
    expect(v.reason).toMatch(/never created its service principal/);
    expect(v.reason).not.toMatch(/not a GUID/);
    expect(v.findings[0].fix.join(' ')).toMatch(/did not finish creating this connection/);
  });

  it.each([
    [
      'with the principal object ids: Azure DevOps made it',
      seedEndpoint(),
      [/Verify and Save/],
      [/If someone created it by hand/],
    ],
    [
      'without them: both fixes',
      { ...seedEndpoint(), data: { registrytype: 'ACR' } },
      [
        /If Azure DevOps created the app registration: .*Verify and Save/,
        /If someone created it by hand: .*New client secret/,
      ],
      [],
    ],
  ])('an ACR connection without creationMode, %s', (_n, endpoint, present, absent) => {
    const v = computeVerdict({
      connection: parseEndpoint({ ...endpoint, modificationDate: iso(-100) }),
      lookup: { kind: 'found', app: parseApplication(application([{ start: iso(-100), end: iso(3) }]))! },
      nowMs: NOW,
    });
    const fix = v.findings[0].fix.join('\n');
    for (const re of present) expect(fix).toMatch(re);
    for (const re of absent) expect(fix).not.toMatch(re);
  });
});
