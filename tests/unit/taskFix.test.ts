import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { runTask } from '../../src/task/main';
import { agentEnvironment, parseCommands } from '../task/support/runAsAgent';
import { GRAPH_TOKEN } from '../support/fixRun';
import { fixWorldFixture, IDS, startFixWorld, type FixWorld } from '../support/fixWorld';
import { iso, PROJECT } from '../support/payloads';

/** The task's `fix` input, run in process as the agent would start it, against the local host's fakes. */

const use = (id: number, name: string) => ({
  data: {
    id,
    planType: 'Build',
    definition: { id, name },
    owner: { id, name: `${id}` },
    startTime: iso(0, -3),
    finishTime: iso(0, -2),
    result: 'succeeded',
  },
});

async function task(w: FixWorld, inputs: Record<string, string>) {
  const tempDir = mkdtempSync(join(tmpdir(), 'sc-task-fix-'));
  const env = agentEnvironment({
    collectionUri: `${w.orgUrl}/`,
    teamProject: PROJECT.name,
    tempDir,
    systemAccessToken: FAKE_ADO_TOKEN,
    oidcRequestUri: 'http://127.0.0.1:9/unused',
    inputs: {
      failOn: 'none',
      warningDays: '30',
      criticalDays: '7',
      publishReadings: 'false',
      graphUrl: w.graphUrl,
      ...inputs,
    },
    extra: { GRAPH_ACCESS_TOKEN: GRAPH_TOKEN },
  });
  let stdout = '';
  const result = await runTask(
    env,
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stdout += s) } },
    () => w.clock.now,
  );
  const commands = parseCommands(stdout);
  const summaries = commands.filter((c) => c.name === 'task.uploadsummary').map((c) => readFileSync(c.data, 'utf8'));
  return { result, stdout, commands, summaries, complete: commands.filter((c) => c.name === 'task.complete').at(-1) };
}

async function within<T>(history: Record<string, unknown[]>, body: (w: FixWorld) => Promise<T>): Promise<T> {
  const w = await startFixWorld(fixWorldFixture({ executionHistory: history }));
  try {
    return await body(w);
  } finally {
    await w.close();
  }
}

const scheme = (w: FixWorld) => (w.fixture.endpoints[0] as { authorization: { scheme: string } }).authorization.scheme;

describe('task input fix', () => {
  it('plan: the plan goes in the run summary; nothing is written', async () => {
    await within({ [IDS.automatic]: [use(1, 'web-ci')] }, async (w) => {
      const run = await task(w, { fix: 'plan' });
      expect(w.devops.stats.methods.PUT ?? 0).toBe(0);
      expect(w.graph.stats.passwordWrites).toBe(0);
      const plan = run.summaries.find((s) => s.includes('Service connection fixes'));
      expect(plan).toMatch(/plan \(nothing was changed\)/);
      expect(plan).toMatch(/\| \[arm-auto\]\(.*adminservices\?resourceId=.*\) \| My DevOps project \| convert \|/);
      expect(plan).toMatch(/\| \[arm-manual\]\(.*\) \| My DevOps project \| rotate \|/);
    });
  });

  it('convertAutomatic: converts only critical automatic connections without flagged risks, never rotates', async () => {
    await within({ [IDS.automatic]: [use(1, 'web-ci')], [IDS.manual]: [use(1, 'web-ci')] }, async (w) => {
      const run = await task(w, { fix: 'convertAutomatic', criticalDays: '25' });
      expect(scheme(w)).toBe('WorkloadIdentityFederation');
      expect(w.graph.stats.passwordWrites).toBe(0);
      expect(run.complete?.data).toMatch(/Converted 1 connection\(s\) to workload identity federation/);
      expect(run.summaries.find((s) => s.includes('Service connection fixes'))).toMatch(
        /\| convert \|.*\| converted \|/,
      );
    });
  });

  it.each([
    ['outside the critical window', { [IDS.automatic]: [use(1, 'web-ci')] }, '7'],
    ['a pipeline reads the secret', { [IDS.automatic]: [use(2, 'infra')] }, '25'],
  ])('convertAutomatic leaves a connection %s', async (_name, history, criticalDays) => {
    await within(history, async (w) => {
      await task(w, { fix: 'convertAutomatic', criticalDays });
      expect(scheme(w)).toBe('ServicePrincipal');
      expect(w.devops.stats.methods.PUT ?? 0).toBe(0);
    });
  });

  it('a bad value fails the step before anything is read', async () => {
    await within({}, async (w) => {
      const run = await task(w, { fix: 'everything' });
      expect(run.result).toBe('Failed');
      expect(run.complete?.data).toMatch(/Input "fix" must be one of none, plan, convertAutomatic/);
      expect(w.devops.stats.requests).toBe(0);
    });
  });
});
