import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createAppPasswords, GRAPH_WRITE_GRANT } from '../../src/adapters/fix/appPasswords';
import { createEndpointWrites, MANAGE_GRANT } from '../../src/adapters/fix/endpointWrites';
import { createPipelineYamlReader } from '../../src/adapters/fix/pipelineYaml';
import { probeSecret, waitUntilAccepted } from '../../src/adapters/fix/secretProbe';
import { WriteError } from '../../src/adapters/fix/writeRequest';
import { writeFileAtomic } from '../../src/adapters/writeFileAtomic';
import { newSecretBody, schemeChangeBody, verifyDetails } from '../../src/core/fix/endpointBody';
import { FAKE_ADO_READONLY_TOKEN } from '../../src/devhost/fakeDevOps';
import { APP_MANUAL, APP_MANUAL_OBJECT, fixWorldFixture, IDS, startFixWorld, type FixWorld } from '../support/fixWorld';
import { PROJECT, TENANT } from '../support/payloads';

const DAY = 86_400_000;

async function within<T>(fixture: ReturnType<typeof fixWorldFixture>, body: (w: FixWorld) => Promise<T>): Promise<T> {
  const w = await startFixWorld(fixture);
  try {
    return await body(w);
  } finally {
    await w.close();
  }
}

const writesOf = (w: FixWorld, token?: string) =>
  createEndpointWrites(w.orgUrl, {
    fetch: (i, init) => fetch(i, init),
    timeoutMs: 5000,
    authorization: token ? async () => `Basic ${Buffer.from(`:${token}`).toString('base64')}` : w.authorization,
  });
const graphOf = (w: FixWorld) =>
  createAppPasswords(w.graphUrl, {
    fetch: (i, init) => fetch(i, init),
    timeoutMs: 5000,
    authorization: async () => 'Bearer graph-token',
  });
const scheme = (e: Record<string, unknown> | null) => (e?.authorization as { scheme?: string } | undefined)?.scheme;

describe('fake Azure DevOps: converting to workload identity federation', () => {
  it('200: Ready at once, with a revert deadline seven days ahead; revert inside it restores the secret scheme', async () => {
    await within(fixWorldFixture(), async (w) => {
      const api = writesOf(w);
      const read = await api.read(PROJECT.name, IDS.automatic);
      const put = await api.update(
        IDS.automatic,
        schemeChangeBody(read, 'WorkloadIdentityFederation'),
        'ConvertAuthenticationScheme',
      );
      expect(put.status).toBe(200);
      expect(put.endpoint?.operationStatus).toEqual({ state: 'Ready', statusMessage: '' });
      const converted = await api.read(PROJECT.name, IDS.automatic);
      expect(scheme(converted)).toBe('WorkloadIdentityFederation');
      expect(Date.parse((converted.data as { revertSchemeDeadline: string }).revertSchemeDeadline)).toBe(
        w.clock.now + 7 * DAY,
      );
      w.clock.now += 6 * DAY;
      const back = await api.update(
        IDS.automatic,
        schemeChangeBody(converted, 'ServicePrincipal'),
        'ConvertAuthenticationScheme',
      );
      expect(scheme(back.endpoint)).toBe('ServicePrincipal');
      expect(scheme(await api.read(PROJECT.name, IDS.automatic))).toBe('ServicePrincipal');
    });
  });

  it('revert after the deadline: 400 CouldNotDowngradeMissingRecoveryData', async () => {
    await within(fixWorldFixture(), async (w) => {
      const api = writesOf(w);
      const read = await api.read(PROJECT.name, IDS.automatic);
      await api.update(
        IDS.automatic,
        schemeChangeBody(read, 'WorkloadIdentityFederation'),
        'ConvertAuthenticationScheme',
      );
      w.clock.now += 8 * DAY;
      const converted = await api.read(PROJECT.name, IDS.automatic);
      const e = await api
        .update(IDS.automatic, schemeChangeBody(converted, 'ServicePrincipal'), 'ConvertAuthenticationScheme')
        .catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WriteError);
      expect(e).toMatchObject({ status: 400, message: expect.stringMatching(/CouldNotDowngradeMissingRecoveryData/) });
    });
  });

  it.each([
    ['Ready', 'WorkloadIdentityFederation'],
    ['Failed', 'ServicePrincipal'],
  ] as const)('202: InProgress for two reads, then %s', async (outcome, finalScheme) => {
    const fixture = fixWorldFixture({
      conversions: {
        [IDS.automatic]: { answer: 202, polls: 2, outcome, message: 'Could not add the federated credential.' },
      },
    });
    await within(fixture, async (w) => {
      const api = writesOf(w);
      const read = await api.read(PROJECT.name, IDS.automatic);
      const put = await api.update(
        IDS.automatic,
        schemeChangeBody(read, 'WorkloadIdentityFederation'),
        'ConvertAuthenticationScheme',
      );
      expect(put.status).toBe(202);
      expect(put.endpoint?.operationStatus).toMatchObject({ state: 'InProgress' });
      const states = [];
      for (let i = 0; i < 3; i++)
        states.push(((await api.read(PROJECT.name, IDS.automatic)).operationStatus as { state: string }).state);
      expect(states).toEqual(['InProgress', 'InProgress', outcome]);
      expect(scheme(await api.read(PROJECT.name, IDS.automatic))).toBe(finalScheme);
    });
  });

  it.each([
    ['name', (b: Record<string, unknown>) => (b.name = 'renamed')],
    ['data', (b: Record<string, unknown>) => ((b.data as Record<string, unknown>).subscriptionName = 'Other')],
    [
      'authorization.parameters',
      (b: Record<string, unknown>) =>
        (((b.authorization as Record<string, unknown>).parameters as Record<string, unknown>).tenantid = 'x'),
    ],
  ])('any other change (%s) is refused: UpgradeCannotChangeProperties, connection untouched', async (what, change) => {
    await within(fixWorldFixture(), async (w) => {
      const api = writesOf(w);
      const body = schemeChangeBody(await api.read(PROJECT.name, IDS.automatic), 'WorkloadIdentityFederation');
      change(body);
      const e = await api.update(IDS.automatic, body, 'ConvertAuthenticationScheme').catch((x: unknown) => x);
      expect(e).toMatchObject({
        status: 400,
        code: 'ArgumentException',
        message: expect.stringContaining(`UpgradeCannotChangeProperties`),
      });
      expect((e as Error).message).toContain(what);
      expect(scheme(await api.read(PROJECT.name, IDS.automatic))).toBe('ServicePrincipal');
    });
  });

  it('a token without the manage scope reads but gets 403 on the PUT, naming what to grant', async () => {
    await within(fixWorldFixture(), async (w) => {
      const api = writesOf(w, FAKE_ADO_READONLY_TOKEN);
      const read = await api.read(PROJECT.name, IDS.automatic);
      const e = await api
        .update(IDS.automatic, schemeChangeBody(read, 'WorkloadIdentityFederation'), 'ConvertAuthenticationScheme')
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ status: 403 });
      expect((e as Error).message).toContain(MANAGE_GRANT);
      expect(scheme(await api.read(PROJECT.name, IDS.automatic))).toBe('ServicePrincipal');
    });
  });
});

describe('fake Graph and Entra: a manual rotation', () => {
  const probe = (w: FixWorld, secret: string) =>
    probeSecret(
      (i, init) => fetch(i, init),
      w.graphUrl,
      TENANT,
      APP_MANUAL,
      secret,
      'https://graph.microsoft.com/.default',
      5000,
    );

  it('addPassword → the token endpoint accepts it only after the delay → Verify, save, check; removePassword then breaks the check', async () => {
    await within(fixWorldFixture({ secretPropagationSeconds: 30 }), async (w) => {
      const graph = graphOf(w);
      const added = await graph.add(
        APP_MANUAL_OBJECT,
        'sc-expiry fix: arm-manual',
        new Date(w.clock.now + 180 * DAY).toISOString(),
      );
      expect(added.secretText.length).toBeGreaterThan(16);
      expect(await probe(w, added.secretText)).toEqual({ kind: 'refused', code: 'invalid_client AADSTS7000215' });
      const sleeps: number[] = [];
      const outcome = await waitUntilAccepted(() => probe(w, added.secretText), {
        budgetMs: 120_000,
        firstWaitMs: 5000,
        maxWaitMs: 20_000,
        now: () => w.clock.now,
        sleep: async (ms) => void (sleeps.push(ms), (w.clock.now += ms)),
      });
      expect(outcome).toEqual({ kind: 'accepted' });
      expect(sleeps).toEqual([5000, 10000, 20000]);
      const api = writesOf(w);
      const body = newSecretBody(await api.read(PROJECT.name, IDS.manual), added.secretText);
      expect(await api.check(PROJECT.name, IDS.manual, verifyDetails(body))).toEqual({ ok: true, message: '' });
      const saved = await api.update(IDS.manual, body, null);
      expect(JSON.stringify(saved.endpoint)).not.toContain(added.secretText);
      expect(JSON.stringify(await api.read(PROJECT.name, IDS.manual))).not.toContain(added.secretText);
      expect(await api.check(PROJECT.name, IDS.manual)).toEqual({ ok: true, message: '' });
      expect(await graph.remove(APP_MANUAL_OBJECT, added.keyId)).toBe('removed');
      expect(await graph.remove(APP_MANUAL_OBJECT, added.keyId)).toBe('already-gone');
      expect(await api.check(PROJECT.name, IDS.manual)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/AADSTS7000215/),
      });
    });
  });

  it('gives up waiting when the budget is spent, refused', async () => {
    await within(fixWorldFixture({ secretPropagationSeconds: 600 }), async (w) => {
      const added = await graphOf(w).add(APP_MANUAL_OBJECT, 'x', new Date(w.clock.now + DAY).toISOString());
      const outcome = await waitUntilAccepted(() => probe(w, added.secretText), {
        budgetMs: 60_000,
        firstWaitMs: 10_000,
        maxWaitMs: 20_000,
        now: () => w.clock.now,
        sleep: async (ms) => void (w.clock.now += ms),
      });
      expect(outcome.kind).toBe('refused');
    });
  });

  it.each([
    [403, GRAPH_WRITE_GRANT],
    [400, 'app management policy may limit secret lifetimes'],
  ])('Graph %i on addPassword names the fix', async (status, text) => {
    await within(fixWorldFixture({ graphWriteFaults: { [APP_MANUAL]: status } }), async (w) => {
      const e = await graphOf(w)
        .add(APP_MANUAL_OBJECT, 'x', '2027-06-01T00:00:00Z')
        .catch((x: unknown) => x);
      expect(e).toMatchObject({ status });
      expect((e as Error).message).toContain(text);
    });
  });
});

describe('pipeline YAML risks: build definition → repository + yamlFilename → Git item', () => {
  it('reads Azure Repos files, says why others are not read, in one definitions request', async () => {
    await within(fixWorldFixture(), async (w) => {
      const reader = createPipelineYamlReader(w.orgUrl, {
        fetch: (i, init) => fetch(i, init),
        timeoutMs: 5000,
        authorization: w.authorization,
      });
      const reads = await reader.read(PROJECT.name, [1, 2, 3, 4, 99]);
      expect(reads.get(1)).toEqual({ kind: 'read', path: '/azure-pipelines.yml', uses: [] });
      expect(reads.get(2)).toEqual({
        kind: 'read',
        path: '/infra/deploy.yml',
        uses: [{ line: 5, what: 'addSpnToEnvironment: true' }],
      });
      expect(reads.get(3)).toEqual({ kind: 'not-read', why: 'repository on GitHub: Azure Repos only' });
      expect(reads.get(4)).toEqual({ kind: 'not-read', why: 'classic pipeline, not YAML' });
      expect(reads.get(99)).toEqual({ kind: 'not-read', why: 'pipeline definition not found' });
      expect(reader.stats).toEqual({ definitionLists: 1, items: 2 });
      expect(w.devops.stats.methods).toEqual({ GET: 3 });
    });
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'sub', 'journal.json');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['journal.json']);
  });
});
