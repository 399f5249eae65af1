import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { computeVerdict } from '../../src/core/verdict';
import type { AppLookup, HealthCheck, Status, Thresholds } from '../../src/core/types';
import { APP, NOW, OTHER_TENANT, TENANT, application, armEndpoint, iso, seedEndpoint } from '../support/payloads';

function found(raw: Record<string, unknown>): AppLookup {
  const app = parseApplication(raw);
  if (!app) throw new Error('bad app');
  return { kind: 'found', app };
}

interface Case {
  name: string;
  endpoint: Record<string, unknown>;
  lookup?: AppLookup;
  health?: HealthCheck;
  thresholds?: Thresholds;
  now?: number;
  homeTenantId?: string;
  status: Status;
  daysLeft?: number | null;
  confidence?: string | null;
  inUse?: string;
  findings?: string[];
  reason?: RegExp;
}

const saved = iso(-60); // the connection's last save, 60 days ago
const secret = (startDays: number, endDays: number, keyId?: string) => ({
  start: iso(startDays),
  end: iso(endDays),
  keyId,
});

const cases: Case[] = [
  {
    name: 'seed trap: the newest secret was added by hand after the last save; the verdict follows the older one',
    endpoint: { ...seedEndpoint(), modificationDate: iso(-100) },
    lookup: found(application([secret(-100, -10, 'ado-made'), secret(-5, 725, 'hand-made')])),
    status: 'expired',
    daysLeft: -10,
    confidence: 'matched',
    inUse: 'ado-made',
    findings: ['expired', 'secret-based'],
  },
  {
    name: 'automatic secret, healthy with 80 days left',
    endpoint: armEndpoint({ modificationDate: saved }),
    lookup: found(application([secret(-60, 80)])),
    status: 'healthy',
    daysLeft: 80,
    confidence: 'single',
    findings: ['secret-based'],
    reason: /valid until/,
  },
  {
    name: 'one credential only: taken even when it started after the last save',
    endpoint: armEndpoint({ modificationDate: saved }),
    lookup: found(application([secret(-10, 50)])),
    status: 'healthy',
    confidence: 'single',
  },
  {
    name: 'expired yesterday',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-91, -1)])),
    status: 'expired',
    daysLeft: -1,
    reason: /expired yesterday/,
  },
  {
    name: 'expired earlier today',
    endpoint: armEndpoint(),
    lookup: found(application([{ start: iso(-90), end: iso(0, -2) }])),
    status: 'expired',
    daysLeft: 0,
    reason: /expired today/,
  },
  {
    name: 'expiring later today is critical, not expired',
    endpoint: armEndpoint(),
    lookup: found(application([{ start: iso(-90), end: iso(0, 6) }])),
    status: 'critical',
    daysLeft: 0,
    reason: /expires today/,
  },
  {
    name: 'exactly on the critical threshold (7 days)',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-83, 7)])),
    status: 'critical',
    daysLeft: 7,
  },
  {
    name: 'one day past the critical threshold (8 days)',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-82, 8)])),
    status: 'warning',
    daysLeft: 8,
  },
  {
    name: 'exactly on the warning threshold (30 days)',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-60, 30)])),
    status: 'warning',
    daysLeft: 30,
    findings: ['expiring', 'secret-based'],
  },
  {
    name: 'one day past the warning threshold (31 days)',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-59, 31)])),
    status: 'healthy',
    daysLeft: 31,
  },
  {
    name: 'custom thresholds 60/14 turn 31 days into a warning',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-59, 31)])),
    thresholds: { warningDays: 60, criticalDays: 14 },
    status: 'warning',
  },
  {
    name: 'custom thresholds 60/14 turn 14 days critical',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-76, 14)])),
    thresholds: { warningDays: 60, criticalDays: 14 },
    status: 'critical',
  },
  {
    name: 'endDateTime in year 9999 is healthy',
    endpoint: armEndpoint(),
    lookup: found(application([{ start: iso(-60), end: '9999-12-31T23:59:59Z' }])),
    status: 'healthy',
  },
  {
    name: 'a credential that starts after it ends is never picked when another fits',
    endpoint: armEndpoint({ modificationDate: saved }),
    lookup: found(application([secret(-61, 29, 'good'), { start: iso(-62), end: iso(-70), keyId: 'broken' }])),
    status: 'warning',
    inUse: 'good',
    confidence: 'matched',
  },
  {
    name: 'two secrets before the last save: the most recently started one is in use',
    endpoint: armEndpoint({ modificationDate: saved }),
    lookup: found(application([secret(-200, 5, 'older'), secret(-60, 30, 'renewed')])),
    status: 'warning',
    inUse: 'renewed',
    confidence: 'matched',
  },
  {
    name: 'a secret created a minute after the save still matches (tolerance)',
    endpoint: armEndpoint({ modificationDate: saved }),
    lookup: found(
      application([
        secret(-200, -110, 'old'),
        { start: new Date(Date.parse(saved) + 60_000).toISOString(), end: iso(30), keyId: 'new' },
      ]),
    ),
    status: 'warning',
    inUse: 'new',
    confidence: 'matched',
  },
  {
    name: 'no secret existed at the last save: earliest-expiring active one, ambiguous',
    endpoint: armEndpoint({ modificationDate: iso(-300) }),
    lookup: found(application([secret(-20, 5, 'soon'), secret(-10, 700, 'later')])),
    status: 'critical',
    inUse: 'soon',
    confidence: 'ambiguous',
    findings: ['expiring', 'credentials-ambiguous', 'secret-based'],
  },
  {
    name: 'no modification date: ambiguous',
    endpoint: armEndpoint({ modificationDate: null }),
    lookup: found(application([secret(-20, 50), secret(-10, 700)])),
    status: 'healthy',
    confidence: 'ambiguous',
  },
  {
    name: 'ambiguous and all expired: expired',
    endpoint: armEndpoint({ modificationDate: iso(-300) }),
    lookup: found(application([secret(-200, -20), secret(-100, -5)])),
    status: 'expired',
    confidence: 'ambiguous',
    daysLeft: -5,
  },
  {
    name: 'the extension client shape (/Date(ms)/) matches like ISO',
    endpoint: armEndpoint({ modificationDate: `/Date(${Date.parse(saved)})/` }),
    lookup: found(application([secret(-60, 12, 'matched'), secret(-1, 700, 'manual')])),
    status: 'warning',
    inUse: 'matched',
    confidence: 'matched',
  },
  {
    name: 'no secret left on the app: expired',
    endpoint: armEndpoint(),
    lookup: found(application([])),
    status: 'expired',
    findings: ['no-credentials', 'secret-based'],
  },
  {
    name: 'manual connection: manual steps and the manual finding',
    endpoint: armEndpoint({ creationMode: 'Manual' }),
    lookup: found(application([secret(-80, 10)])),
    status: 'warning',
    findings: ['expiring', 'secret-based', 'manual-connection'],
  },
  {
    name: 'certificate: the verdict follows keyCredentials, not secrets',
    endpoint: armEndpoint({ authenticationType: 'spnCertificate' }),
    lookup: found(application([secret(-10, 700)], [{ start: iso(-300), end: iso(4) }])),
    status: 'critical',
    daysLeft: 4,
    findings: ['expiring', 'certificate-based'],
    reason: /^Certificate expires in 4 days/,
  },
  {
    name: 'workload identity federation, new issuer',
    endpoint: armEndpoint({ scheme: 'WorkloadIdentityFederation' }),
    status: 'no-secret',
    findings: [],
  },
  {
    // The issuer's retirement is an expiry (issue 17): far off, healthy like a secret with months left.
    name: 'workload identity federation, legacy issuer, seven months ahead',
    endpoint: armEndpoint({
      scheme: 'WorkloadIdentityFederation',
      issuer: 'https://vstoken.dev.azure.com/0f5e8d6c-0000-4000-8000-000000000001',
    }),
    status: 'healthy',
    findings: ['legacy-wif-issuer'],
  },
  {
    name: 'legacy issuer 20 days before retirement: warning',
    endpoint: armEndpoint({
      scheme: 'WorkloadIdentityFederation',
      issuer: 'https://vstoken.dev.azure.com/0f5e8d6c-0000-4000-8000-000000000001',
    }),
    now: Date.parse('2027-06-11T09:00:00Z'),
    status: 'warning',
    daysLeft: 20,
  },
  {
    name: 'legacy issuer after retirement: expired',
    endpoint: armEndpoint({
      scheme: 'WorkloadIdentityFederation',
      issuer: 'https://vstoken.dev.azure.com/0f5e8d6c-0000-4000-8000-000000000001',
    }),
    now: Date.parse('2027-07-02T00:00:00Z'),
    status: 'expired',
  },
  { name: 'managed identity', endpoint: armEndpoint({ scheme: 'ManagedServiceIdentity' }), status: 'no-secret' },
  {
    name: 'github',
    endpoint: { id: 'g', name: 'gh', type: 'github', authorization: { scheme: 'OAuth', parameters: {} } },
    status: 'not-applicable',
    reason: /GitHub connection/,
  },
  {
    name: 'generic',
    endpoint: { id: 'x', name: 'generic', type: 'generic', authorization: null },
    status: 'not-applicable',
  },
  {
    name: 'azurerm with no authorization at all: unknown with a reason',
    endpoint: { id: 'a', name: 'broken', type: 'azurerm' },
    status: 'unknown',
    findings: ['missing-app-id'],
    reason: /no authorization scheme/,
  },
  {
    name: 'non-GUID service principal id: unknown, never looked up',
    endpoint: armEndpoint({ appId: 'not-a-guid' }),
    status: 'unknown',
    reason: /not a GUID/,
  },
  {
    name: 'Graph not asked: unknown',
    endpoint: armEndpoint(),
    status: 'unknown',
    reason: /not asked/,
  },
  {
    name: 'app registration deleted (404)',
    endpoint: armEndpoint(),
    lookup: { kind: 'not-found' },
    status: 'unknown',
    findings: ['app-not-found', 'secret-based'],
  },
  {
    name: 'Graph 403: no access',
    endpoint: armEndpoint(),
    lookup: { kind: 'forbidden', message: 'Graph answered 403' },
    homeTenantId: TENANT,
    status: 'unknown',
    findings: ['no-graph-access', 'secret-based'],
  },
  {
    name: 'Graph 403 for an app in another tenant',
    endpoint: armEndpoint({ tenantId: OTHER_TENANT }),
    lookup: { kind: 'forbidden', message: 'Graph answered 403' },
    homeTenantId: TENANT,
    status: 'unknown',
    findings: ['other-tenant', 'secret-based'],
  },
  {
    name: 'Graph 5xx',
    endpoint: armEndpoint(),
    lookup: { kind: 'error', message: 'Graph answered 503' },
    status: 'unknown',
    findings: ['graph-error', 'secret-based'],
  },
  {
    name: 'no Graph, proxy check says the secret expired: expired',
    endpoint: armEndpoint(),
    lookup: { kind: 'no-access', message: 'no token' },
    health: { ok: false, message: "AADSTS7000222: The provided client secret keys for app '" + APP + "' are expired." },
    status: 'expired',
    findings: ['broken-now', 'expired', 'no-graph-access', 'secret-based'],
  },
  {
    name: 'no Graph, proxy check fails for another cause: unknown plus broken-now',
    endpoint: armEndpoint(),
    health: { ok: false, message: 'The subscription could not be found.' },
    status: 'unknown',
    findings: ['broken-now', 'no-graph-access', 'secret-based'],
  },
  {
    name: 'Graph says healthy but Entra refuses the secret: expired wins',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-10, 80)])),
    health: { ok: false, message: 'unauthorized: Invalid clientid or client secret' },
    status: 'expired',
  },
  {
    name: 'a passing check changes nothing',
    endpoint: armEndpoint(),
    lookup: found(application([secret(-80, 10)])),
    health: { ok: true, message: '' },
    status: 'warning',
  },
];

describe('computeVerdict', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const v = computeVerdict({
      connection: parseEndpoint(c.endpoint),
      lookup: c.lookup,
      health: c.health,
      nowMs: c.now ?? NOW,
      thresholds: c.thresholds,
      homeTenantId: c.homeTenantId,
    });
    expect(v.status).toBe(c.status);
    expect(v.reason.length).toBeGreaterThan(0);
    if (c.daysLeft !== undefined) expect(v.daysLeft).toBe(c.daysLeft);
    if (c.confidence !== undefined) expect(v.credential?.confidence ?? null).toBe(c.confidence);
    if (c.inUse) {
      expect(v.credential?.keyId).toBe(c.inUse);
      expect(v.credentials.filter((cr) => cr.inUse).map((cr) => cr.keyId)).toEqual([c.inUse]);
    }
    if (c.findings) expect(v.findings.map((f) => f.code)).toEqual(c.findings);
    if (c.reason) expect(v.reason).toMatch(c.reason);
    for (const f of v.findings) expect(f.fix.length).toBeGreaterThan(0);
  });

  it('lists every credential even when only one is in use', () => {
    const v = computeVerdict({
      connection: parseEndpoint(armEndpoint({ modificationDate: saved })),
      lookup: found(application([secret(-60, 30), secret(-1, 700)], [{ start: iso(-5), end: iso(360) }])),
      nowMs: NOW,
    });
    expect(v.credentials).toHaveLength(3);
    expect(v.credentials.filter((c) => c.inUse)).toHaveLength(1);
  });

  it.each([
    ['automatic, not expired', armEndpoint(), 20, /Verify and Save/],
    ['automatic, already expired', armEndpoint(), -3, /change something/],
    ['manual', armEndpoint({ creationMode: 'Manual' }), -3, /New client secret/],
  ])('renewal steps fit the case: %s', (_n, endpoint, endDays, step) => {
    const v = computeVerdict({
      connection: parseEndpoint(endpoint),
      lookup: found(application([secret(-80, endDays as number)])),
      nowMs: NOW,
    });
    expect(v.findings[0].fix.join('\n')).toMatch(step as RegExp);
  });

  it('offers Convert only for an automatic connection that is not shared', () => {
    const own = computeVerdict({
      connection: parseEndpoint(armEndpoint()),
      lookup: found(application([secret(-1, 80)])),
      nowMs: NOW,
    });
    const shared = computeVerdict({
      connection: parseEndpoint(
        armEndpoint({
          projects: [
            { id: 'a', name: 'A' },
            { id: 'b', name: 'B' },
          ],
        }),
      ),
      lookup: found(application([secret(-1, 80)])),
      nowMs: NOW,
    });
    expect(own.findings.find((f) => f.code === 'secret-based')?.fix[0]).toMatch(/Convert/);
    expect(shared.findings.find((f) => f.code === 'secret-based')?.fix[0]).toMatch(
      /only for Azure Resource Manager connections it created that one project uses/,
    );
  });
});
