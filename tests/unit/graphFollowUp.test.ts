import { lookupAppsWithFollowUp } from '../../src/adapters/graph/notFoundFollowUp';
import { parseEndpoint } from '../../src/core/endpoint';
import { appKey, queriesFor } from '../../src/core/graphQueries';
import type { AppLookup } from '../../src/core/types';
import { computeVerdict } from '../../src/core/verdict';
import { APP, NOW, OTHER_TENANT, TENANT, application, armEndpoint, iso } from '../support/payloads';

/** A Graph with an app registration per tenant; the token says which tenant a request reads. */
function tenantGraph(
  tenants: Record<string, { applications?: Record<string, unknown>[]; principals?: Record<string, unknown>[] }>,
) {
  const urls: string[] = [];
  let batches = 0;
  const fetch = async (_url: string, init?: RequestInit) => {
    batches += 1;
    const tenant = String((init?.headers as Record<string, string>).Authorization).replace('Bearer tok-', '');
    const { requests } = JSON.parse(String(init?.body)) as { requests: { id: string; url: string }[] };
    const responses = requests.map((r) => {
      urls.push(`${tenant} ${r.url}`);
      const appId = /appId='([^']+)'/.exec(r.url)?.[1] ?? '';
      const list = r.url.startsWith('/servicePrincipals') ? tenants[tenant]?.principals : tenants[tenant]?.applications;
      const found = list?.find((a) => String(a.appId).toLowerCase() === appId.toLowerCase());
      return found
        ? { id: r.id, status: 200, body: found }
        : { id: r.id, status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'gone' } } };
    });
    const text = JSON.stringify({ responses });
    return { ok: true, status: 200, headers: { get: () => null }, text: async () => text } as unknown as Response;
  };
  return { fetch, urls, batches: () => batches };
}

const connection = (authenticationType = 'spnKey') =>
  parseEndpoint(armEndpoint({ modificationDate: iso(-60), authenticationType }));
const app = application([{ start: iso(-60), end: iso(80) }]);
const principal = (owner: string) => ({ id: 'sp', appId: APP, displayName: 'contoso', appOwnerOrganizationId: owner });

async function read(graph: ReturnType<typeof tenantGraph>, atHand: string[], kind = 'spnKey') {
  const seen: [string, AppLookup][] = [];
  const results = await lookupAppsWithFollowUp(queriesFor([connection(kind)]), {
    getToken: async (tenant) => `tok-${tenant}`,
    tokenAtHand: async (tenant) => (atHand.includes(tenant) ? `tok-${tenant}` : null),
    fetch: graph.fetch,
    graphRootFor: () => 'https://graph.test',
    onResult: (key, lookup) => seen.push([key, lookup]),
  });
  const lookup = results.get(appKey(TENANT, APP));
  return { lookup, seen, verdict: computeVerdict({ connection: connection(kind), lookup, nowMs: NOW }) };
}

describe('app registration not found (404): deleted, or registered in another tenant', () => {
  it('an app that is found costs no extra request', async () => {
    const graph = tenantGraph({ [TENANT]: { applications: [app] } });
    const { verdict } = await read(graph, []);
    expect(verdict.status).toBe('healthy');
    expect(graph.batches()).toBe(1);
    expect(graph.urls).toEqual([
      `${TENANT} /applications(appId='${APP}')?$select=id,appId,displayName,publisherDomain,passwordCredentials&$expand=owners`,
    ]);
  });

  it('neither the app nor its service principal: deleted (one more request)', async () => {
    const graph = tenantGraph({ [TENANT]: {} });
    const { lookup, verdict } = await read(graph, []);
    expect(lookup).toEqual({ kind: 'not-found', servicePrincipal: 'absent' });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toMatch(/was deleted: neither it nor its service principal exists/);
    expect(graph.urls[1]).toBe(
      `${TENANT} /servicePrincipals(appId='${APP}')?$select=id,appId,displayName,appOwnerOrganizationId`,
    );
    expect(graph.batches()).toBe(2);
  });

  it('registered in another tenant, no token for it at hand: says where it lives', async () => {
    const graph = tenantGraph({
      [TENANT]: { principals: [principal(OTHER_TENANT)] },
      [OTHER_TENANT]: { applications: [app] },
    });
    const { lookup, verdict } = await read(graph, []);
    expect(lookup).toEqual({ kind: 'not-found', servicePrincipal: { ownerTenantId: OTHER_TENANT } });
    expect(verdict.status).toBe('unknown');
    expect(verdict.reason).toMatch(new RegExp(`registered in tenant ${OTHER_TENANT}`));
    expect(verdict.findings[0].code).toBe('other-tenant');
    expect(graph.batches()).toBe(2);
  });

  it('registered in another tenant with a token at hand: read there, dated, and said so', async () => {
    const graph = tenantGraph({
      [TENANT]: { principals: [principal(OTHER_TENANT)] },
      [OTHER_TENANT]: { applications: [app] },
    });
    const { lookup, seen, verdict } = await read(graph, [OTHER_TENANT]);
    expect(lookup).toMatchObject({ kind: 'found', registeredIn: OTHER_TENANT });
    expect(verdict.status).toBe('healthy');
    expect(verdict.daysLeft).toBe(80);
    expect(verdict.findings.map((f) => f.code)).toContain('other-tenant');
    expect(graph.urls[2]).toMatch(new RegExp(`^${OTHER_TENANT} /applications`));
    expect(graph.batches()).toBe(3);
    // The page learns each outcome as it is known: not found, then where it lives, then the dates.
    expect(seen.map(([, l]) => l.kind)).toEqual(['not-found', 'not-found', 'found']);
  });

  it('a certificate app is read without $select (keyCredentials in $select is throttled to 150/min/tenant)', async () => {
    const certApp = application([], [{ start: iso(-10), end: iso(200) }]);
    const graph = tenantGraph({ [TENANT]: { applications: [certApp] } });
    const { verdict } = await read(graph, [], 'spnCertificate');
    expect(graph.urls).toEqual([`${TENANT} /applications(appId='${APP}')?$expand=owners`]);
    expect(verdict.status).toBe('healthy');
    expect(verdict.credential?.kind).toBe('certificate');
  });
});
