import { readFileSync } from 'fs';
import type { PlannedAction } from '../../src/core/fix/types';
import { FAKE_ADO_READONLY_TOKEN } from '../../src/devhost/fakeDevOps';
import { fix, journalPath, readJournalFile } from '../support/fixRun';
import { APP_MANUAL, APP_MANUAL_OBJECT, fixWorldFixture, IDS, startFixWorld, type FixWorld } from '../support/fixWorld';
import { iso, PROJECT } from '../support/payloads';

const record = (endpointId: string, definitionId: number, name: string, hoursAgo: number) => ({
  endpointId,
  data: {
    id: 9000 + definitionId,
    planType: 'Build',
    definition: { id: definitionId, name },
    owner: { id: 700 + definitionId, name: `2026.${definitionId}` },
    startTime: iso(0, -hoursAgo - 1),
    finishTime: iso(0, -hoursAgo),
    result: 'succeeded',
  },
});

function world(extra: Record<string, unknown> = {}) {
  return fixWorldFixture({
    executionHistory: {
      [IDS.automatic]: [record(IDS.automatic, 1, 'web-ci', 5), record(IDS.automatic, 2, 'infra', 30)],
      [IDS.manual]: [record(IDS.manual, 1, 'web-ci', 7)],
    },
    ...extra,
  });
}

async function within<T>(fixture: ReturnType<typeof world>, body: (w: FixWorld) => Promise<T>): Promise<T> {
  const w = await startFixWorld(fixture);
  try {
    return await body(w);
  } finally {
    await w.close();
  }
}

const actionOf = (actions: PlannedAction[], id: string) => actions.find((a) => a.connectionId === id);
const schemeNow = (w: FixWorld, id: string) =>
  (w.fixture.endpoints.find((e) => (e as { id: string }).id === id) as { authorization: { scheme: string } })
    .authorization.scheme;
const passwordsOf = (w: FixWorld) =>
  (
    (w.fixture.applications as { id: string; passwordCredentials: { keyId: string }[] }[]).find(
      (a) => a.id === APP_MANUAL_OBJECT,
    )?.passwordCredentials ?? []
  ).map((p) => p.keyId);
const writes = (w: FixWorld) => ({ puts: w.devops.stats.methods.PUT ?? 0, passwords: w.graph.stats.passwordWrites });

describe('sc-expiry fix: the plan', () => {
  it('writes nothing: no PUT, no Graph write, no journal; YAML risks flagged; exit 1', async () => {
    await within(world(), async (w) => {
      const journal = journalPath();
      const r = await fix(w, { all: true, journal });
      expect(r.code).toBe(1);
      expect(writes(w)).toEqual({ puts: 0, passwords: 0 });
      expect(Object.keys(w.devops.stats.methods).sort()).toEqual(
        ['GET', 'POST'].filter((m) => w.devops.stats.methods[m]),
      );
      expect(readJournalFile(journal)).toBeNull();
      const plan = JSON.parse(r.stdout) as { actions: PlannedAction[] };
      expect(Object.keys(plan)).toEqual(['actions']);
      const auto = actionOf(plan.actions, IDS.automatic);
      expect(auto).toMatchObject({ action: 'convert', project: PROJECT.name, name: 'arm-auto' });
      expect(auto?.risks.map((x) => [x.code, x.flagged])).toEqual([
        ['used-by', false],
        ['reads-secret', true],
      ]);
      expect(auto?.risks[1].message).toMatch(
        /"infra" reads the secret \(\/infra\/deploy.yml: addSpnToEnvironment: true line 5\)/,
      );
      expect(actionOf(plan.actions, IDS.manual)).toMatchObject({ action: 'rotate' });
      expect(w.devops.stats.definitionLists).toBe(1);
      expect(w.devops.stats.gitItems).toBe(2);
    });
  });

  it('--apply skips a flagged convert unless it is named with --connection', async () => {
    await within(world(), async (w) => {
      const r = await fix(w, {
        connections: [IDS.automatic, 'arm-manual'],
        apply: true,
        yes: true,
        journal: journalPath(),
      }).catch((e) => e);
      expect(actionOf(r.actions, IDS.automatic)?.result).toBe('converted');
    });
    await within(world(), async (w) => {
      const r = await fix(w, { all: true, apply: true, yes: true, journal: journalPath(), secretDays: '90' });
      expect(actionOf(r.actions, IDS.automatic)?.result).toBe('skipped-risks');
      expect(schemeNow(w, IDS.automatic)).toBe('ServicePrincipal');
      expect(r.code).toBe(1);
    });
  });

  it('--apply without --yes and nobody to ask: exit 2 before any request', async () => {
    await within(world(), async (w) => {
      const r = await fix(w, { all: true, apply: true });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/needs --yes/);
      expect(w.devops.stats.requests + w.graph.stats.requests).toBe(0);
    });
  });

  it('an admin who answers no at the terminal changes nothing', async () => {
    await within(world(), async (w) => {
      const asked: string[] = [];
      const r = await fix(
        w,
        { connections: ['arm-auto'], apply: true },
        { confirm: async (q) => (asked.push(q), false) },
      );
      expect(asked[0]).toMatch(/Apply 1 change\(s\) to http:\/\/127\.0\.0\.1:\d+\/contoso\?/);
      expect(actionOf(r.actions, IDS.automatic)?.result).toBe('skipped-not-confirmed');
      expect(writes(w)).toEqual({ puts: 0, passwords: 0 });
    });
  });
});

describe('sc-expiry fix --apply: convert', () => {
  it.each([
    ['200 Ready', {}, ['convert', 'check']],
    [
      '202 InProgress then Ready',
      { conversions: { [IDS.automatic]: { answer: 202, polls: 2 } } },
      ['convert', 'wait-ready', 'check'],
    ],
  ])('%s: converted, checked, journaled, revertible for seven days', async (_name, extra, steps) => {
    await within(world(extra), async (w) => {
      const journal = journalPath();
      const r = await fix(w, { connections: ['arm-auto'], apply: true, yes: true, journal });
      expect(r.code).toBe(0);
      expect(actionOf(r.actions, IDS.automatic)).toMatchObject({ result: 'converted', revertBy: expect.any(String) });
      expect(schemeNow(w, IDS.automatic)).toBe('WorkloadIdentityFederation');
      const j = readJournalFile(journal);
      expect(j?.entries[0]).toMatchObject({
        action: 'convert',
        state: 'done',
        before: { scheme: 'ServicePrincipal' },
        after: { scheme: 'WorkloadIdentityFederation' },
      });
      expect(j?.entries[0].steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual(steps);
      expect(j?.leftToDo[0]).toMatch(/converted; revertible until .* with: sc-expiry fix --revert/);
      expect(j?.finishedAt).not.toBeNull();
    });
  });

  it.each([
    [
      'Azure DevOps answers Failed',
      {
        conversions: {
          [IDS.automatic]: {
            answer: 202,
            polls: 1,
            outcome: 'Failed',
            message: 'Could not add the federated credential.',
          },
        },
      },
      /reported the conversion Failed: Could not add the federated credential/,
    ],
    [
      'the check fails after converting',
      {
        writeChecks: {
          [IDS.automatic]: {
            statusCode: 400,
            errorMessage: 'AADSTS700213: No matching federated identity record found',
          },
        },
      },
      /check failed after converting: AADSTS700213.*reverted to its secret/,
    ],
  ])('%s: reverted at once, both steps reported, exit 3', async (_name, extra, error) => {
    await within(world(extra), async (w) => {
      const journal = journalPath();
      const r = await fix(w, { connections: ['arm-auto'], apply: true, yes: true, journal });
      expect(r.code).toBe(3);
      expect(actionOf(r.actions, IDS.automatic)).toMatchObject({
        result: 'rolled-back',
        error: expect.stringMatching(error),
      });
      expect(schemeNow(w, IDS.automatic)).toBe('ServicePrincipal');
      expect(readJournalFile(journal)?.entries[0].state).toBe('rolled-back');
    });
  });

  it('a token without the manage scope: the PUT is refused, the message names what to grant, nothing changed', async () => {
    await within(world(), async (w) => {
      const r = await fix(
        w,
        { connections: ['arm-auto'], apply: true, yes: true, journal: journalPath() },
        { pat: FAKE_ADO_READONLY_TOKEN },
      );
      expect(r.code).toBe(3);
      expect(actionOf(r.actions, IDS.automatic)?.error).toMatch(
        /vso\.serviceendpoint_manage.*Administrator role on the connection.*not changed/,
      );
      expect(schemeNow(w, IDS.automatic)).toBe('ServicePrincipal');
    });
  });

  it('an already converted connection is none: runs are idempotent', async () => {
    await within(world(), async (w) => {
      await fix(w, { connections: ['arm-auto'], apply: true, yes: true, journal: journalPath() });
      const again = await fix(w, { connections: ['arm-auto'], apply: true, yes: true, journal: journalPath() });
      expect(actionOf(again.actions, IDS.automatic)?.action).toBe('none');
      expect(again.code).toBe(0);
    });
  });
});

describe('sc-expiry fix --apply: rotate a manual secret', () => {
  const issued = (w: FixWorld) => w.entra.issued();
  const noSecretIn = (w: FixWorld, texts: string[]) => {
    const secrets = issued(w);
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) for (const t of texts) expect(t).not.toContain(s);
  };

  it('waits for Entra ID, verifies, saves, checks; keeps the old secret; the secret is in no output or journal', async () => {
    await within(world({ secretPropagationSeconds: 20 }), async (w) => {
      const before = passwordsOf(w);
      const journal = journalPath();
      const r = await fix(w, { connections: ['arm-manual'], apply: true, yes: true, journal, verbose: true });
      expect(actionOf(r.actions, IDS.manual)?.result).toBe('rotated');
      expect(r.code).toBe(0);
      expect(passwordsOf(w)).toHaveLength(before.length + 1);
      expect(passwordsOf(w)).toEqual(expect.arrayContaining(before));
      const j = readJournalFile(journal);
      expect(j?.entries[0].steps.filter((s) => s.status === 'done').map((s) => s.step)).toEqual([
        'add-password',
        'wait-token',
        'verify',
        'save',
        'check',
      ]);
      expect(w.entra.stats.refused).toBeGreaterThan(0);
      noSecretIn(w, [r.stdout, r.stderr, readFileSync(journal, 'utf8')]);
    });
  });

  it('--remove-old removes exactly the secret in use, after the check', async () => {
    await within(world(), async (w) => {
      const [old] = passwordsOf(w);
      const journal = journalPath();
      const r = await fix(w, { connections: ['arm-manual'], apply: true, yes: true, journal, removeOld: true });
      expect(actionOf(r.actions, IDS.manual)?.result).toBe('rotated');
      expect(passwordsOf(w)).not.toContain(old);
      expect(passwordsOf(w)).toHaveLength(1);
      expect(readJournalFile(journal)?.entries[0]).toMatchObject({ removedKeyId: old });
    });
  });

  it.each([
    [
      'Graph refuses addPassword (403)',
      { graphWriteFaults: { [APP_MANUAL]: 403 } },
      {},
      'failed',
      /Application\.ReadWrite\.OwnedBy.*nothing was changed/,
      0,
    ],
    [
      'Entra never accepts the secret in time',
      { secretPropagationSeconds: 3600 },
      {},
      'rolled-back',
      /did not accept the new secret.*new secret was removed/,
      0,
    ],
    [
      'Azure DevOps refuses the save (no manage scope)',
      {},
      { pat: FAKE_ADO_READONLY_TOKEN },
      'rolled-back',
      /vso\.serviceendpoint_manage.*new secret was removed/,
      0,
    ],
    [
      'the check fails after saving',
      { writeChecks: { [IDS.manual]: { statusCode: 403, errorMessage: 'The subscription was not found' } } },
      {},
      'failed',
      /check failed after saving.*holds the new secret/,
      1,
    ],
  ])('%s: %s, exit 3, no secret in any output', async (_name, extra, deps, result, error, added) => {
    await within(world(extra), async (w) => {
      const before = passwordsOf(w);
      const journal = journalPath();
      const r = await fix(w, { connections: ['arm-manual'], apply: true, yes: true, journal }, deps);
      expect(r.code).toBe(3);
      expect(actionOf(r.actions, IDS.manual)).toMatchObject({ result, error: expect.stringMatching(error) });
      expect(passwordsOf(w)).toHaveLength(before.length + added);
      if (issued(w).length) noSecretIn(w, [r.stdout, r.stderr, readFileSync(journal, 'utf8')]);
    });
  });
});

describe('sc-expiry fix --revert', () => {
  it('reverts a conversion inside its deadline, and says plainly what it cannot undo', async () => {
    await within(world(), async (w) => {
      const journal = journalPath();
      await fix(w, { connections: ['arm-auto', 'arm-manual'], apply: true, yes: true, journal });
      expect(schemeNow(w, IDS.automatic)).toBe('WorkloadIdentityFederation');
      const r = await fix(w, { revert: journal, yes: true, format: 'table' });
      expect(schemeNow(w, IDS.automatic)).toBe('ServicePrincipal');
      expect(r.stdout).toMatch(/reverted +"arm-auto" \(My DevOps project\): back on its secret; the check passes/);
      expect(r.stdout).toMatch(
        /cannot +"arm-manual" .*a rotation cannot be undone by the tool; the old secret is still valid/,
      );
      expect(r.code).toBe(1);
      expect(readJournalFile(journal)?.entries[0].state).toBe('reverted');
    });
  });

  it('past the deadline: cannot, and why', async () => {
    await within(world(), async (w) => {
      const journal = journalPath();
      await fix(w, { connections: ['arm-auto'], apply: true, yes: true, journal });
      w.clock.now += 8 * 86_400_000;
      const r = await fix(w, { revert: journal, yes: true, format: 'table' });
      expect(r.stdout).toMatch(/cannot +"arm-auto".*past its revert deadline.*CouldNotDowngradeMissingRecoveryData/);
      expect(schemeNow(w, IDS.automatic)).toBe('WorkloadIdentityFederation');
      expect(r.code).toBe(1);
    });
  });

  it('refuses a journal of another organization or a file that is not one', async () => {
    await within(world(), async (w) => {
      const journal = journalPath();
      await fix(w, { connections: ['arm-auto'], apply: true, yes: true, journal });
      const other = await fix(w, { revert: journal, yes: true, org: 'https://dev.azure.com/fabrikam' });
      expect(other).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/journal is for http.*not https:\/\/dev\.azure\.com\/fabrikam/),
      });
      const bad = await fix(w, { revert: __filename, yes: true });
      expect(bad).toMatchObject({ code: 2, stderr: expect.stringMatching(/not JSON/) });
    });
  });
});
