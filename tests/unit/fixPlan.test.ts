import { parseEndpoint } from '../../src/core/endpoint';
import { fixHint } from '../../src/core/fix/command';
import { decideAction, isSelected } from '../../src/core/fix/decide';
import { fixExitCode, isNamed, mayApply, planAction, withPipelineReads } from '../../src/core/fix/plan';
import { secretUses } from '../../src/core/fix/yamlSecretUse';
import type { PlannedAction } from '../../src/core/fix/types';
import { parseApplication } from '../../src/core/graph';
import { computeVerdict } from '../../src/core/verdict';
import { DEFAULT_THRESHOLDS } from '../../src/core/thresholds';
import type { AppLookup } from '../../src/core/types';
import type { ConnectionUsage } from '../../src/core/usage';
import { application, armEndpoint, iso, NOW, seedEndpoint } from '../support/payloads';

const OTHER = { id: '2a0c6c9d-0000-4000-8000-000000000099', name: 'Other project' };

function found(secrets = [{ start: iso(-60, -1), end: iso(20) }]): AppLookup {
  const app = parseApplication(application(secrets));
  if (!app) throw new Error('fixture app');
  return { kind: 'found', app };
}

function line(raw: Record<string, unknown>, lookup: AppLookup | undefined = found(), usage?: ConnectionUsage) {
  const connection = parseEndpoint(raw);
  const verdict = computeVerdict({ connection, lookup, nowMs: NOW, thresholds: DEFAULT_THRESHOLDS, usage });
  return {
    connection,
    verdict,
    lookup,
    usage,
    project: 'My DevOps project',
    orgUrl: 'https://dev.azure.com/contoso',
    nowMs: NOW,
    removeOld: false,
  };
}

const used = (names: string[], daysAgo = 3): ConnectionUsage => ({
  readAt: iso(0),
  complete: true,
  pipelines: names.map((n, i) => ({
    definitionId: i + 1,
    definitionName: n,
    planType: 'build',
    lastUsedAt: iso(-daysAgo),
    result: 'succeeded',
    runId: 100 + i,
    runName: `2026.${i}`,
  })),
});

describe('fix: which action for which connection', () => {
  it.each([
    ['automatic, one project', armEndpoint(), found(), 'convert', /one project/],
    [
      'automatic, shared',
      armEndpoint({ projects: [{ id: '1f31cb4d-5a69-419f-86f0-ee3a8ed9ced2', name: 'My DevOps project' }, OTHER] }),
      found(),
      'renew-in-ui',
      /Shared across projects/,
    ],
    ['manual, app read', armEndpoint({ creationMode: 'Manual' }), found(), 'rotate', /Created by hand/],
    [
      'manual, app 403',
      armEndpoint({ creationMode: 'Manual' }),
      { kind: 'forbidden', message: 'Graph 403' } as AppLookup,
      'renew-in-ui',
      /could not be read \(Graph 403\)/,
    ],
    [
      'manual, app deleted',
      armEndpoint({ creationMode: 'Manual' }),
      { kind: 'not-found' } as AppLookup,
      'renew-in-ui',
      /not found/,
    ],
    ['certificate', armEndpoint({ authenticationType: 'spnCertificate' }), found(), 'renew-in-ui', /Certificate-based/],
    [
      'already WIF',
      armEndpoint({ scheme: 'WorkloadIdentityFederation' }),
      undefined,
      'none',
      /Already uses workload identity federation/,
    ],
    ['managed identity', armEndpoint({ scheme: 'ManagedServiceIdentity' }), undefined, 'none', /managed identity/],
    ['ACR (docker registry)', seedEndpoint(), found(), 'renew-in-ui', /Only Azure Resource Manager/],
    [
      'github',
      { ...armEndpoint(), type: 'github', authorization: { scheme: 'PersonalAccessToken', parameters: {} } },
      undefined,
      'none',
      /No Entra ID credential/,
    ],
    [
      'not ready',
      { ...armEndpoint(), isReady: false, operationStatus: { state: 'Failed' } },
      found(),
      'renew-in-ui',
      /not ready \(Failed\)/,
    ],
  ])('%s → %s', (_name, raw, lookup, action, reason) => {
    const input = line(raw, lookup);
    const decision = decideAction(input);
    expect(decision.action).toBe(action);
    expect(decision.reason).toMatch(reason);
    expect(decision.checked[0]).toMatch(/^type /);
    if (action === 'renew-in-ui') expect(decision.steps.length).toBeGreaterThan(0);
  });

  it.each([
    ['warning by default', iso(20), false, true],
    ['healthy by default', iso(200), false, false],
    ['healthy with --all', iso(200), true, true],
  ])('%s', (_name, end, all, selected) => {
    const input = line(armEndpoint(), found([{ start: iso(-60, -1), end }]));
    expect(isSelected(input.connection, input.verdict, all)).toBe(selected);
  });

  it('--all never selects a federated connection', () => {
    const input = line(armEndpoint({ scheme: 'WorkloadIdentityFederation' }), undefined);
    expect(isSelected(input.connection, input.verdict, true)).toBe(false);
  });
});

describe('fix: risks', () => {
  it.each([
    [
      'one other secret',
      [
        { start: iso(-60, -1), end: iso(20) },
        { start: iso(-10), end: iso(300), name: 'by hand' },
      ],
      /1 other secret on this app will be removed; whatever uses them breaks/,
    ],
    [
      'two other secrets',
      [
        { start: iso(-60, -1), end: iso(20) },
        { start: iso(-10), end: iso(300) },
        { start: iso(-5), end: iso(300) },
      ],
      /2 other secrets on this app will be removed/,
    ],
  ])('convert: %s on the app is flagged', (_name, secrets, message) => {
    const action = planAction(line(armEndpoint(), found(secrets), used(['ci'])));
    const risk = action.risks.find((r) => r.code === 'other-credentials');
    expect(risk?.message).toMatch(message);
    expect(risk?.flagged).toBe(true);
    expect(mayApply(action, false)).toBe(false);
    expect(mayApply(action, true)).toBe(true);
  });

  it('convert with only the secret in use, history read: nothing flagged', () => {
    const action = planAction(line(armEndpoint(), found(), used(['ci', 'deploy'])));
    expect(action.risks).toEqual([
      { code: 'used-by', flagged: false, message: 'Used by 2 pipelines in the last 90 days: "ci", "deploy".' },
    ]);
    expect(mayApply(action, false)).toBe(true);
  });

  it('an unread history is flagged, never "unused"', () => {
    const action = planAction(line(armEndpoint(), found(), undefined));
    expect(action.risks[0]).toMatchObject({ code: 'usage-unknown', flagged: true });
  });

  it('pipelines not used in 90 days are not listed', () => {
    const action = planAction(line(armEndpoint(), found(), used(['old'], 120)));
    expect(action.risks[0].message).toBe('No pipeline used it in the last 90 days.');
  });

  it.each([
    [
      { kind: 'read', path: '/azure-pipelines.yml', uses: [{ line: 12, what: 'addSpnToEnvironment: true' }] },
      'reads-secret',
      /reads the secret \(\/azure-pipelines.yml: addSpnToEnvironment: true line 12\)/,
    ],
    [
      { kind: 'not-read', why: 'repository on GitHub: Azure Repos only' },
      'not-read',
      /not read \(repository on GitHub/,
    ],
  ] as const)('YAML read %#: %s', (read, code, message) => {
    const base = planAction(line(armEndpoint(), found(), used(['ci'])));
    const pipeline = used(['ci']).pipelines[0];
    const action = withPipelineReads(base, [{ pipeline, read: read as never }]);
    const risk = action.risks.find((r) => r.code === code);
    expect(risk?.message).toMatch(message);
    expect(risk).toMatchObject({ flagged: true, pipeline: { definitionId: 1, name: 'ci' } });
    expect(mayApply(action, false)).toBe(false);
  });

  it('a YAML file without secret use adds no risk', () => {
    const base = planAction(line(armEndpoint(), found(), used(['ci'])));
    const pipeline = used(['ci']).pipelines[0];
    expect(withPipelineReads(base, [{ pipeline, read: { kind: 'read', path: '/a.yml', uses: [] } }])).toBe(base);
  });

  it.each([
    [false, false, /is kept/],
    [true, false, /keyId 00000000-0000-4000-8000-000000000100\) is removed/],
  ])('rotate with --remove-old=%s', (removeOld, flagged, message) => {
    const input = { ...line(armEndpoint({ creationMode: 'Manual' }), found(), used(['ci'])), removeOld };
    const risk = planAction(input).risks.find((r) => r.code === 'old-secret');
    expect(risk?.message).toMatch(message);
    expect(risk?.flagged).toBe(flagged);
  });

  it('rotate never removes an ambiguous credential', () => {
    const secrets = [
      { start: iso(10), end: iso(20) },
      { start: iso(11), end: iso(25) },
    ];
    const input = {
      ...line(armEndpoint({ creationMode: 'Manual', modificationDate: iso(-300) }), found(secrets), used([])),
      removeOld: true,
    };
    expect(planAction(input).risks.find((r) => r.code === 'old-secret')).toMatchObject({
      flagged: true,
      message: expect.stringMatching(/ambiguous/),
    });
  });
});

describe('fix: YAML that reads the secret', () => {
  it.each([
    ['      addSpnToEnvironment: true', ['addSpnToEnvironment: true']],
    ["  addSpnToEnvironment: 'true'", ['addSpnToEnvironment: true']],
    ['  addSpnToEnvironment: false', []],
    ['  # addSpnToEnvironment: true', []],
    ['    az login --service-principal -p $servicePrincipalKey', ['servicePrincipalKey']],
    ['    echo "$env:SERVICEPRINCIPALKEY"', ['servicePrincipalKey']],
    ['    ARM_CLIENT_SECRET: $(secret)', ['ARM_CLIENT_SECRET']],
    ['  env: { AZURE_CLIENT_SECRET: $(x) }', ['AZURE_CLIENT_SECRET']],
    ['  azureSubscription: arm-prod', []],
  ])('%s', (text, what) => {
    expect(secretUses(`steps:\n${text}\n`).map((u) => u.what)).toEqual(what);
    if (what.length) expect(secretUses(`steps:\n${text}\n`)[0].line).toBe(2);
  });
});

describe('fix: selection by name and exit codes', () => {
  it.each([
    [['arm-prod'], true],
    [['ARM-PROD'], true],
    [['3b2a1f0e-0000-4000-8000-000000000010'], true],
    [['arm'], false],
  ])('named %j', (names, named) => {
    expect(isNamed({ id: '3b2a1f0e-0000-4000-8000-000000000010', name: 'arm-prod' }, names)).toBe(named);
  });

  const a = (action: PlannedAction['action'], result?: PlannedAction['result']) =>
    ({ action, result }) as PlannedAction;
  it.each([
    ['nothing to do', [a('none')], 0],
    ['all done', [a('convert', 'converted'), a('rotate', 'rotated'), a('none')], 0],
    ['a plan with work', [a('convert')], 1],
    ['renew-in-ui left', [a('convert', 'converted'), a('renew-in-ui')], 1],
    ['risks skipped', [a('convert', 'skipped-risks')], 1],
    ['rolled back', [a('convert', 'rolled-back'), a('renew-in-ui')], 3],
    ['failed', [a('rotate', 'failed')], 3],
  ])('%s → exit %d', (_name, actions, code) => {
    expect(fixExitCode(actions)).toBe(code);
  });
});

describe('fix: the command the hubs show', () => {
  it.each([
    ['Web', '--project Web '],
    ["it's $(rm -rf ~); `x`", `--project 'it'\\''s $(rm -rf ~); \`x\`' `],
  ])('project %s is one shell word', (project, expected) => {
    const input = line(armEndpoint());
    const hint = fixHint(input.connection, input.verdict, 'https://dev.azure.com/contoso/', project);
    expect(hint?.command).toBe(
      `sc-expiry fix --org https://dev.azure.com/contoso ${expected}--connection 3b2a1f0e-0000-4000-8000-000000000010 --apply`,
    );
  });

  it('no command for a connection id that is not a GUID, or an app Graph did not read', () => {
    const bad = line({ ...armEndpoint(), id: 'x; rm -rf /' });
    expect(fixHint(bad.connection, bad.verdict, 'https://dev.azure.com/contoso', 'Web')).toBeNull();
    const manual = line(armEndpoint({ creationMode: 'Manual' }), { kind: 'forbidden', message: 'Graph 403' });
    expect(fixHint(manual.connection, manual.verdict, 'https://dev.azure.com/contoso', 'Web')).toBeNull();
  });
});
