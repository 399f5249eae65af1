import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { command, escapeData, escapeProperty } from '../../src/jobs/pipelineCommands';
import { run } from '../../src/cli/run';
import { APPS, BETA, captureIo, sampleOrg, startFakes, type Fakes } from '../support/fakeOrg';
import { armEndpoint, iso, NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

let fakes: Fakes;
let agentTemp: string;
const baseEnv = () => ({
  AZURE_DEVOPS_EXT_PAT: 'pipeline-test-pat-1234',
  GRAPH_ACCESS_TOKEN: graphToken(),
  TF_BUILD: 'True',
  AGENT_TEMPDIRECTORY: agentTemp,
});

beforeAll(async () => {
  const { projects, applications } = sampleOrg();
  // Shares the critical connection's app, so it is critical too; its name needs escaping.
  const odd = armEndpoint({
    id: 'e0000009-0000-4000-8000-000000000009',
    name: 'odd 100%; [x]\nname',
    appId: APPS.critical,
    projects: [BETA],
    modificationDate: iso(-60),
  });
  projects[1].endpoints.push(odd);
  fakes = await startFakes({ projects, maxPageSize: 2 }, applications);
  agentTemp = mkdtempSync(join(tmpdir(), 'sc-expiry-agent-'));
});

afterAll(async () => {
  await fakes.close();
  rmSync(agentTemp, { recursive: true, force: true });
});

async function scan(args: string[], env: Record<string, string> = baseEnv()) {
  const { io, captured } = captureIo(NOW);
  const code = await run(['scan', '--org', fakes.orgUrl, '--graph-url', fakes.graphUrl, ...args], env, io);
  const vso = (text: string) => text.split('\n').filter((l) => l.startsWith('##vso['));
  return { code, ...captured, stdoutCommands: vso(captured.stdout), stderrCommands: vso(captured.stderr) };
}

describe('Azure Pipelines logging commands (TF_BUILD=True)', () => {
  it('escapes data and properties as the agent unescapes them', () => {
    expect(escapeData('100% done\r\nnext]; ok')).toBe('100%AZP25 done%0D%0Anext]; ok');
    expect(escapeProperty('a]b;c%d\ne')).toBe('a%5Db%3Bc%AZP25d%0Ae');
    expect(command('task.logissue', { type: 'warning', code: 'x;y]' }, 'line1\nline2 50%')).toBe(
      '##vso[task.logissue type=warning;code=x%3By%5D;]line1%0Aline2 50%AZP25',
    );
  });

  it('logs one error per expired and one warning per critical or warning connection, then uploads the summary', async () => {
    const { code, stdoutCommands, stderr } = await scan(['--format', 'table']);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const issues = stdoutCommands.filter((l) => l.startsWith('##vso[task.logissue'));
    expect(issues).toHaveLength(4);
    expect(issues[0]).toMatch(
      /^##vso\[task\.logissue type=error;\]Expired: service connection "arm-expired" \(project Alpha, expired 3 days ago\)\. Client secret expired 3 days ago \(2026-11-25\)\. Fix: In Azure DevOps open Project settings → Service connections → "arm-expired" and choose Rotate secret: Azure DevOps creates a new secret valid for three months\./,
    );
    expect(issues[1]).toMatch(
      /^##vso\[task\.logissue type=warning;\]Critical: service connection "arm-critical" \(project Beta, expires in 5 days\)\. .* Fix: In Azure DevOps open /,
    );
    // Line breaks in names become spaces and % is escaped: one issue stays one line.
    expect(issues[2]).toMatch(
      /^##vso\[task\.logissue type=warning;\]Critical: service connection "odd 100%AZP25; \[x\] name" \(project Beta, expires in 5 days\)/,
    );
    expect(issues[3]).toMatch(
      /^##vso\[task\.logissue type=warning;\]Warning: service connection "arm-shared" \(project Alpha \(\+1 more\), expires in 20 days\)/,
    );
    const upload = stdoutCommands.find((l) => l.startsWith('##vso[task.uploadsummary]'));
    const path = upload?.slice('##vso[task.uploadsummary]'.length) ?? '';
    expect(path.startsWith(agentTemp)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('### Needs action (4)');
    // Exit 1 fails the step already: no task.complete.
    expect(stdoutCommands.some((l) => l.startsWith('##vso[task.complete'))).toBe(false);
  });

  it('turns the step yellow (SucceededWithIssues) when issues were logged but nothing reached --fail-on', async () => {
    const { code, stdoutCommands } = await scan(['--format', 'markdown', '--project', 'Beta']);
    expect(code).toBe(0);
    expect(stdoutCommands.filter((l) => l.startsWith('##vso[task.logissue type=warning'))).toHaveLength(3);
    expect(stdoutCommands.at(-1)).toBe(
      '##vso[task.complete result=SucceededWithIssues;]Service connections need attention: see the warnings.',
    );
  });

  it('stays green with no issue when everything is healthy', async () => {
    const { code, stdoutCommands } = await scan(['--project', 'Gamma']);
    expect(code).toBe(0);
    expect(stdoutCommands).toHaveLength(1);
    expect(stdoutCommands[0]).toMatch(/^##vso\[task\.uploadsummary\]/);
  });

  it('uploads the --output file itself when the format is markdown', async () => {
    const out = join(agentTemp, 'out', 'summary.md');
    const { stdoutCommands } = await scan(['--format', 'markdown', '--output', out, '--project', 'Gamma']);
    expect(stdoutCommands).toEqual([`##vso[task.uploadsummary]${out}`]);
    expect(existsSync(out)).toBe(true);
  });

  it('keeps a JSON report on stdout parseable: the commands go to stderr then', async () => {
    const { stdout, stderrCommands, stdoutCommands } = await scan(['--format', 'json', '--fail-on', 'none']);
    expect(() => JSON.parse(stdout)).not.toThrow();
    expect(stdoutCommands).toEqual([]);
    expect(stderrCommands.filter((l) => l.includes('task.logissue'))).toHaveLength(4);
    expect(stderrCommands.at(-1)).toMatch(/task\.complete result=SucceededWithIssues/);
  });

  it('logs an error issue per unreachable project', async () => {
    const { code, stdoutCommands } = await scan(['--project', 'Gamma', '--project', 'Missing']);
    expect(code).toBe(3);
    expect(stdoutCommands).toContainEqual(
      expect.stringMatching(
        /^##vso\[task\.logissue type=error;\]Scan incomplete: project "Missing": .*not found \(404\)/,
      ),
    );
  });

  it('writes no logging command outside Azure Pipelines', async () => {
    const { stdout, stderr } = await scan(['--format', 'table'], {
      AZURE_DEVOPS_EXT_PAT: 'pipeline-test-pat-1234',
      GRAPH_ACCESS_TOKEN: graphToken(),
    });
    expect(stdout + stderr).not.toContain('##vso[');
  });
});
