import { expiresText } from '../../src/jobs/format/reportRows';
import { parseEndpoint } from '../../src/core/endpoint';
import { LEGACY_ISSUER_RETIREMENT } from '../../src/core/federated';
import { expiryCell } from '../../src/core/labels';
import { buildReport } from '../../src/core/report';
import type { Status, Thresholds } from '../../src/core/types';
import { computeVerdict } from '../../src/core/verdict';
import { armEndpoint, seedEndpoint, TENANT } from '../support/payloads';

/** Issue 17 item 4: the old Azure DevOps issuer's retirement (2027-07-01) is an expiry like a secret's end. */

const legacy = parseEndpoint(
  armEndpoint({
    scheme: 'WorkloadIdentityFederation',
    issuer: 'https://vstoken.dev.azure.com/0f5e8d6c-0000-4000-8000-000000000001',
  }),
);
const retirement = Date.parse(LEGACY_ISSUER_RETIREMENT);
const day = 86_400_000;

describe('legacy federation issuer: the retirement date is the expiry', () => {
  it.each([
    // days before retirement (negative: after), thresholds, status, Expires note
    [40, undefined, 'healthy', 'issuer retires, in 40 days'],
    [20, undefined, 'warning', 'issuer retires, in 20 days'],
    [5, undefined, 'critical', 'issuer retires, in 5 days'],
    [-1, undefined, 'expired', 'issuer retires, yesterday'],
    [-30, undefined, 'expired', 'issuer retires, 30 days ago'],
    // The project's own thresholds apply, as for a credential.
    [40, { warningDays: 60, criticalDays: 14 }, 'warning', 'issuer retires, in 40 days'],
    [10, { warningDays: 60, criticalDays: 14 }, 'critical', 'issuer retires, in 10 days'],
  ])('%s days before: %s → %s', (daysBefore, thresholds, status, note) => {
    // 01:00 UTC on that day.
    const nowMs = retirement - daysBefore * day + 3_600_000;
    const v = computeVerdict({ connection: legacy, nowMs, thresholds: thresholds as Thresholds | undefined });
    expect(v.status).toBe(status as Status);
    expect(v.expiresAt).toBe(LEGACY_ISSUER_RETIREMENT);
    expect(v.expiryOf).toBe('issuer');
    expect(expiryCell(v)).toEqual({ date: '2027-07-01', note });
    // The fix text stays: the new issuer, from the connection's tenant.
    const finding = v.findings.find((f) => f.code === 'legacy-wif-issuer');
    expect(finding?.fix.join(' ')).toContain(`https://login.microsoftonline.com/${TENANT}/v2.0`);
    expect(finding?.fix[0]).toMatch(/Edit to see the new issuer and subject/);
    // The scanner says the same: JSON and the table's Expires column.
    const report = buildReport(
      [{ connection: legacy, verdict: v, project: 'Web' }],
      'https://dev.azure.com/contoso',
      thresholds ?? { warningDays: 30, criticalDays: 7 },
      new Date(nowMs).toISOString(),
    );
    expect(report.connections[0].expiryOf).toBe('issuer');
    expect(expiresText(report.connections[0])).toBe(`2027-07-01 (${note})`);
  });

  it('a federation with the new issuer has nothing to expire', () => {
    const v = computeVerdict({
      connection: parseEndpoint(armEndpoint({ scheme: 'WorkloadIdentityFederation' })),
      nowMs: retirement - 5 * day,
    });
    expect(v.status).toBe('no-secret');
    expect(expiryCell(v)).toBeNull();
  });
});

describe('Convert is offered only where Azure DevOps offers it', () => {
  const acr = (creationMode?: string) => {
    const raw = seedEndpoint() as { data: Record<string, unknown> };
    return parseEndpoint({ ...raw, data: { ...raw.data, ...(creationMode ? { creationMode } : {}) } });
  };
  const A = { id: 'a', name: 'A' };
  const B = { id: 'b', name: 'B' };
  it.each([
    ['Azure Resource Manager, automatic, one project', parseEndpoint(armEndpoint()), true, /choose Convert/],
    [
      'Azure Resource Manager, automatic, shared',
      parseEndpoint(armEndpoint({ projects: [A, B] })),
      false,
      /only for Azure Resource Manager connections it created that one project uses/,
    ],
    [
      'Azure Resource Manager, manual',
      parseEndpoint(armEndpoint({ creationMode: 'Manual' })),
      false,
      /only for Azure Resource Manager connections it created/,
    ],
    ['Docker Registry (ACR), automatic', acr('Automatic'), false, /no Convert for Docker Registry connection/],
    ['Docker Registry (ACR), no creation mode', acr(), false, /no Convert for Docker Registry connection/],
  ])('%s: Convert %s', (_name, connection, convert, first) => {
    const v = computeVerdict({ connection, nowMs: Date.parse('2026-12-01T00:00:00Z') });
    const fix = v.findings.find((f) => f.code === 'secret-based')?.fix ?? [];
    expect(fix.join('\n').includes('choose Convert')).toBe(convert);
    expect(fix[0]).toMatch(first);
    // No step anywhere in the verdict offers Convert when Azure DevOps does not.
    if (!convert) expect(v.findings.flatMap((f) => f.fix).some((s) => /choose Convert/.test(s))).toBe(false);
  });
});
