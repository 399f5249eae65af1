import { spawnSync } from 'child_process';
import { join } from 'path';

/** .ci/audit.js: what CI does with `npm audit --omit=dev --json` (issue 21 item 8). */

const SCRIPT = join(__dirname, '../../.ci/audit.js');

function run(stdin: string) {
  const r = spawnSync(process.execPath, [SCRIPT], { input: stdin, encoding: 'utf8' });
  return { code: r.status, out: r.stdout.trim() };
}

/** npm's audit report as `npm audit --json` prints it (auditReportVersion 2, @npmcli/arborist audit-report). */
function report(vulnerabilities: Record<string, { severity: string; range?: string }>) {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 };
  for (const v of Object.values(vulnerabilities)) {
    counts[v.severity as keyof typeof counts] += 1;
    counts.total += 1;
  }
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulnerabilities).map(([name, v]) => [
        name,
        { name, isDirect: false, via: [], effects: [], fixAvailable: true, nodes: [], ...v },
      ]),
    ),
    metadata: {
      vulnerabilities: counts,
      dependencies: { prod: 100, dev: 0, optional: 0, peer: 0, peerOptional: 0, total: 100 },
    },
  });
}

describe('CI npm audit', () => {
  it('fails on a high or critical finding in production dependencies, naming it', () => {
    const r = run(report({ lodash: { severity: 'high', range: '<4.17.21' }, ms: { severity: 'low' } }));
    expect(r.code).toBe(1);
    expect(r.out).toBe('npm audit: 1 high or critical finding(s) in production dependencies:\n  high: lodash <4.17.21');
    expect(run(report({ x: { severity: 'critical' } })).code).toBe(1);
  });

  it('passes with only lower findings, and says so', () => {
    const r = run(report({ ms: { severity: 'moderate' } }));
    expect(r).toEqual({
      code: 0,
      out: 'npm audit: no high or critical findings in production dependencies (1 in all).',
    });
  });

  it.each([
    [
      'the audit endpoint answers 405 (this machine’s registry)',
      JSON.stringify({
        message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
        statusCode: 405,
        error: { summary: '', detail: '' },
      }),
      /\(405 Method Not Allowed - POST https:\/\/registry\.npmjs\.org\/-\/npm\/v1\/security\/advisories\/bulk\)/,
    ],
    ['no registry at all (npm prints nothing on stdout)', '', /\(no answer\)/],
    [
      'npm prints an error object',
      JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND registry.npmjs.org' } }),
      /ENOTFOUND registry\.npmjs\.org/,
    ],
  ])('says plainly that it did not run, without failing, when %s', (_label, stdin, why) => {
    const r = run(stdin);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^npm audit: not run, the registry's audit endpoint did not answer /);
    expect(r.out).toMatch(why);
    expect(r.out).toMatch(/production dependencies were not checked\.$/);
  });
});
