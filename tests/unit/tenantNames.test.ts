import { parseApplication, parseServicePrincipal } from '../../src/core/graph';
import { appKey } from '../../src/core/graphQueries';
import { publisherDomainOf, tenantDomains, tenantLabel } from '../../src/core/tenantNames';
import type { AppLookup } from '../../src/core/types';
import { APP, application, iso, OTHER_TENANT, TENANT } from '../support/payloads';

/** A tenant named by the publisherDomain Graph gives for its applications (Azure DevOps gives only the id). */

describe('publisherDomainOf: only a domain name is shown', () => {
  it.each([
    ['contoso.onmicrosoft.com', 'contoso.onmicrosoft.com'],
    [' Fabrikam.COM ', 'fabrikam.com'],
    ['contosogov.onmicrosoft.us', 'contosogov.onmicrosoft.us'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['', null],
    ['localhost', null],
    ['contoso', null],
    ['evil.com/path', null],
    ['a..b.com', null],
    ['-bad.com', null],
    ['<script>.com', null],
    ['contoso\u202E.com', null],
    [`${'a'.repeat(64)}.com`, null],
    [`${'abc.'.repeat(64)}com`, null],
    [null, null],
    [42, null],
    [{ domain: 'contoso.com' }, null],
  ])('%j → %j', (value, expected) => {
    expect(publisherDomainOf(value)).toBe(expected);
  });

  it("is read from an application, never from a service principal (that has no publisherDomain of its own tenant's)", () => {
    const raw = { ...application([{ start: iso(-10), end: iso(20) }]), publisherDomain: 'Contoso.onmicrosoft.com' };
    expect(parseApplication(raw)?.publisherDomain).toBe('contoso.onmicrosoft.com');
    expect(parseApplication({ ...raw, publisherDomain: 'not a domain' })).not.toHaveProperty('publisherDomain');
    expect(parseServicePrincipal(raw)).not.toHaveProperty('publisherDomain');
  });
});

describe('tenantLabel: as short as it stays unambiguous', () => {
  it.each([
    ['contoso.onmicrosoft.com', 'contoso'],
    ['contosogov.onmicrosoft.us', 'contosogov'],
    ['contoso.partner.onmschina.cn', 'contoso'],
    // A verified custom domain is shown whole: contoso.com and contoso.onmicrosoft.com may be two tenants.
    ['contoso.com', 'contoso.com'],
    ['fabrikam.co.uk', 'fabrikam.co.uk'],
    ['sub.contoso.onmicrosoft.com', 'sub.contoso.onmicrosoft.com'],
    ['onmicrosoft.com', 'onmicrosoft.com'],
  ])('%s → %s', (domain, expected) => {
    expect(tenantLabel(domain)).toBe(expected);
  });
});

const found = (domain: string | undefined, appId = APP, registeredIn?: string): AppLookup => ({
  kind: 'found',
  app: { objectId: null, appId, displayName: null, credentials: [], ...(domain ? { publisherDomain: domain } : {}) },
  ...(registeredIn ? { registeredIn } : {}),
});
const A2 = '2c03163f-7e4e-4fab-8b41-6f040a8361b9';
const A3 = '3c03163f-7e4e-4fab-8b41-6f040a8361b9';

describe('tenantDomains', () => {
  it.each<[string, [string, AppLookup][], Record<string, string>]>([
    ['one app', [[appKey(TENANT, APP), found('contoso.onmicrosoft.com')]], { [TENANT]: 'contoso.onmicrosoft.com' }],
    [
      'the domain most apps of the tenant give',
      [
        [appKey(TENANT, APP), found('fabrikam.com')],
        [appKey(TENANT, A2), found('contoso.onmicrosoft.com')],
        [appKey(TENANT, A3), found('contoso.onmicrosoft.com')],
      ],
      { [TENANT]: 'contoso.onmicrosoft.com' },
    ],
    [
      'a tie: the first in text order',
      [
        [appKey(TENANT, APP), found('fabrikam.com')],
        [appKey(TENANT, A2), found('contoso.com')],
      ],
      { [TENANT]: 'contoso.com' },
    ],
    [
      'each tenant its own',
      [
        [appKey(TENANT, APP), found('contoso.onmicrosoft.com')],
        [appKey(OTHER_TENANT, A2), found('partner.onmicrosoft.com')],
      ],
      { [TENANT]: 'contoso.onmicrosoft.com', [OTHER_TENANT]: 'partner.onmicrosoft.com' },
    ],
    [
      "an app read in its owner's tenant names that tenant, not the connection's: left out",
      [[appKey(TENANT, APP), found('owner.onmicrosoft.com', APP, OTHER_TENANT)]],
      {},
    ],
    [
      'no domain, not found, no access: nothing',
      [
        [appKey(TENANT, APP), found(undefined)],
        [appKey(TENANT, A2), { kind: 'not-found' }],
        [appKey(TENANT, A3), { kind: 'no-access', message: 'x' }],
      ],
      {},
    ],
  ])('%s', (_name, lookups, expected) => {
    expect(Object.fromEntries(tenantDomains(lookups))).toEqual(expected);
  });
});
