import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseArgs } from '../../src/cli/args';
import { run } from '../../src/cli/run';
import { openStep } from '../../src/core/fix/journal';
import { FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { fix, GRAPH_TOKEN, journalPath, readJournalFile } from '../support/fixRun';
import { fixWorldFixture, IDS, startFixWorld, type FixWorld } from '../support/fixWorld';
import { iso } from '../support/payloads';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'lib', 'cli', 'main.js');

beforeAll(() => {
  // `npm test` builds lib/ in pretest; a bare `npx jest` may not have.
  if (!existsSync(BIN)) execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'inherit' });
}, 120_000);

describe('sc-expiry fix: arguments', () => {
  it.each([
    [
      ['fix', '--org', 'contoso'],
      {
        kind: 'fix',
        options: expect.objectContaining({
          orgUrl: 'https://dev.azure.com/contoso',
          apply: false,
          secretDays: 180,
          format: 'table',
        }),
      },
    ],
    [
      [
        'fix',
        '--org',
        'contoso',
        '--connection',
        'a',
        '--connection',
        'b',
        '--apply',
        '--yes',
        '--remove-old',
        '--secret-days',
        '90',
      ],
      {
        kind: 'fix',
        options: expect.objectContaining({
          connections: ['a', 'b'],
          apply: true,
          yes: true,
          removeOld: true,
          secretDays: 90,
        }),
      },
    ],
    [['fix', '--help'], { kind: 'help', command: 'fix' }],
    [
      ['fix', '--org', 'contoso', '--output', 'x'],
      { kind: 'error', message: '--output is not an option of "fix" (see sc-expiry fix --help)' },
    ],
    [
      ['scan', '--org', 'contoso', '--apply'],
      { kind: 'error', message: '--apply is not an option of "scan" (see sc-expiry scan --help)' },
    ],
    [
      ['fix', '--org', 'contoso', '--revert', 'j.json', '--apply'],
      { kind: 'error', message: '--revert undoes a journal: it takes no --apply, --all or --connection' },
    ],
    [
      ['fix', '--org', 'contoso', '--secret-days', '0'],
      { kind: 'error', message: '--secret-days must be a whole number between 1 and 730 (got "0")' },
    ],
    [
      ['fix', '--org', 'contoso', '--format', 'csv'],
      { kind: 'error', message: '--format must be one of table, json (got "csv")' },
    ],
    [['fix', '--org', 'contoso', '--journal', ''], { kind: 'error', message: '--journal needs a file name' }],
    [
      ['fix', '--org', 'contoso', '--journal', 'a', '--journal', 'b'],
      { kind: 'error', message: '--journal was given more than once' },
    ],
    [
      ['fix'],
      { kind: 'error', message: '--org is required (the organization URL, e.g. https://dev.azure.com/contoso)' },
    ],
    [['fix', '--org', 'http://example.com'], { kind: 'error', message: expect.stringMatching(/--org must use https/) }],
  ])('%j', (argv, parsed) => {
    expect(parseArgs(argv)).toEqual(parsed);
  });

  it('fix --help prints the fix help', async () => {
    let stdout = '';
    const code = await run(
      ['fix', '--help'],
      {},
      { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => undefined } },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/sc-expiry fix --revert JOURNAL --org URL/);
    expect(stdout).toMatch(/vso\.serviceendpoint_manage/);
  });

  it('in a pipeline (TF_BUILD) --apply without --yes is refused even at a terminal', async () => {
    let stderr = '';
    const code = await run(
      ['fix', '--org', 'contoso', '--apply'],
      { TF_BUILD: 'True', AZURE_DEVOPS_EXT_PAT: 'pat-123456789' },
      { stdout: { write: () => undefined }, stderr: { write: (s: string) => (stderr += s) } },
      { confirm: async () => true },
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(/TF_BUILD.*needs --yes/);
  });
});

/** The compiled bin against the fakes, killed or interrupted between steps. */
function spawnFix(
  w: FixWorld,
  journal: string,
  connections: string[],
): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const args = [
    BIN,
    'fix',
    '--org',
    w.orgUrl,
    '--graph-url',
    w.graphUrl,
    '--login-url',
    w.graphUrl,
    '--apply',
    '--yes',
    '--journal',
    journal,
  ];
  for (const c of connections) args.push('--connection', c);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', AZURE_DEVOPS_EXT_PAT: FAKE_ADO_TOKEN, GRAPH_ACCESS_TOKEN: GRAPH_TOKEN },
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
  return { child, done };
}

async function untilJournalSays(path: string, text: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (existsSync(path) && readFileSync(path, 'utf8').includes(text)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`the journal never said ${text}`);
}

const history = () => ({
  [IDS.automatic]: [
    {
      data: {
        id: 1,
        planType: 'Build',
        definition: { id: 1, name: 'web-ci' },
        owner: { id: 1, name: '1' },
        startTime: iso(0, -2),
        finishTime: iso(0, -1),
        result: 'succeeded',
      },
    },
  ],
});
const scheme = (w: FixWorld) => (w.fixture.endpoints[0] as { authorization: { scheme: string } }).authorization.scheme;

describe('sc-expiry fix: interrupted runs', () => {
  it('killed while a conversion is in progress: the journal names the step, and --revert finishes from it', async () => {
    const w = await startFixWorld(
      fixWorldFixture({ executionHistory: history(), conversions: { [IDS.automatic]: { answer: 202, polls: 3 } } }),
    );
    try {
      const journal = journalPath();
      const { child, done } = spawnFix(w, journal, ['arm-auto']);
      await untilJournalSays(journal, '"step": "wait-ready"');
      child.kill('SIGKILL');
      await done;
      const left = readJournalFile(journal);
      expect(left?.finishedAt).toBeNull();
      expect(left?.entries[0]).toMatchObject({ state: 'in-progress', before: { scheme: 'ServicePrincipal' } });
      expect(openStep(left!.entries[0])).toBe('wait-ready');
      expect(left?.leftToDo[0]).toMatch(
        new RegExp(
          `interrupted during "wait-ready".*sc-expiry fix --revert ${journal.replace(/[/\\.]/g, '\\$&')} --org`,
        ),
      );
      const r = await fix(w, { revert: journal, yes: true, format: 'table' });
      expect(r.stdout).toMatch(/reverted +"arm-auto"/);
      expect(r.code).toBe(0);
      expect(scheme(w)).toBe('ServicePrincipal');
      expect(readJournalFile(journal)?.entries[0].state).toBe('reverted');
    } finally {
      await w.close();
    }
  }, 30_000);

  it('Ctrl-C: the action in progress finishes, no other starts, exit 1', async () => {
    const w = await startFixWorld(
      fixWorldFixture({ executionHistory: history(), conversions: { [IDS.automatic]: { answer: 202, polls: 1 } } }),
    );
    try {
      const journal = journalPath();
      const { child, done } = spawnFix(w, journal, ['arm-auto', 'arm-manual']);
      await untilJournalSays(journal, '"step": "wait-ready"');
      child.kill('SIGINT');
      const { code, stderr } = await done;
      expect(stderr).toMatch(/stopping after the action in progress/);
      expect(code).toBe(1);
      const j = readJournalFile(journal);
      expect(j?.entries.map((e) => [e.name, e.state])).toEqual([['arm-auto', 'done']]);
      expect(scheme(w)).toBe('WorkloadIdentityFederation');
      expect(w.graph.stats.passwordWrites).toBe(0);
    } finally {
      await w.close();
    }
  }, 30_000);
});
