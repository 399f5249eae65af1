import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { run } from '../../src/cli/run';
import { safeJson, safeLines } from '../../src/core/logSafe';
import { captureIo, createFakeOrg } from '../support/fakeOrg';
import { listen } from '../support/listen';
import { application, armEndpoint, iso, NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

/**
 * Names written by other people must never become an Azure Pipelines logging command nor a terminal
 * escape, in any format, with or without TF_BUILD. The detector below follows the agent, not our code:
 * it splits lines on CR or LF (.NET's process output), drops what ICU's culture-sensitive IndexOf
 * ignores (controls, format characters) and looks for `##vso[` (Command.cs) and `##[` (Logging.cs)
 * anywhere in the line.
 */

const HOSTILE = {
  setVariable: '##vso[task.setvariable variable=PWNED]1',
  afterNewline: 'prod 100%; [x]\n##vso[task.setvariable variable=NL;]2',
  ignorable: 'ok #\u200b#vso[task.complete result=Failed;]done',
  group: 'grp ##[group]hidden \u001b]0;title\u0007 \u009b31mred\u001b[0m',
  upperCase: '##VSO[task.uploadfile]/etc/passwd',
};
const APP_NAME = '##[error]app \u001b[2J cleared';
const SECRET_NAME = '##vso[task.setsecret]abc';
const ECHOED = `Insufficient privileges for '${HOSTILE.setVariable}' \u009b2J`;
const APP_IDS = ['0a0000a1-0000-4000-8000-000000000001', '0a0000a2-0000-4000-8000-000000000002'];
const PROJECT = { id: '9a0b0c0d-0000-4000-8000-0000000000aa', name: 'Web' };

const AGENT_IGNORES = /\p{Cc}|\p{Cf}|\u034F|\p{Variation_Selector}/gu;

/** Lines the agent would run as a command or format as a log command, other than our own issues. */
function agentCommands(text: string): string[] {
  const found: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(AGENT_IGNORES, '');
    // Our own commands start the line; what follows their first `]` is data and must hold none.
    const own = /^##vso\[task\.(logissue|uploadsummary|complete)(?: [^\]]*)?\]/.exec(raw);
    const rest = own ? line.slice(own[0].replace(AGENT_IGNORES, '').length) : line;
    if (/##vso\[/i.test(rest) || /##\[/.test(rest)) found.push(raw);
  }
  return found;
}

function ownCommands(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.startsWith('##vso['));
}

// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;

function endpoints() {
  const names = Object.values(HOSTILE);
  return names.map((name, i) =>
    armEndpoint({
      id: `e00000f${i}-0000-4000-8000-00000000000${i}`,
      name,
      appId: APP_IDS[i % 2],
      projects: [PROJECT],
      modificationDate: iso(-60),
    }),
  );
}

/** A Graph whose first app carries hostile names and whose second answers 403 echoing a hostile name. */
function hostileGraph(req: IncomingMessage, res: ServerResponse): void {
  let text = '';
  req.on('data', (c) => (text += c));
  req.on('end', () => {
    const { requests } = JSON.parse(text || '{"requests":[]}') as { requests: { id: string; url: string }[] };
    const responses = requests.map((r) => {
      if (r.url.includes(APP_IDS[1]))
        return { id: r.id, status: 403, body: { error: { code: 'Authorization_RequestDenied', message: ECHOED } } };
      const app = application([{ start: iso(-80), end: iso(3), name: SECRET_NAME }], [], APP_IDS[0]);
      return { id: r.id, status: 200, body: { ...app, displayName: APP_NAME } };
    });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ responses }));
  });
}

let dir: string;
let orgUrl: string;
let graphUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sc-expiry-hostile-'));
  const org = createFakeOrg({ projects: [{ ...PROJECT, endpoints: endpoints() }] });
  const orgServer = await listen(org.handle);
  const graphServer = await listen(hostileGraph);
  orgUrl = org.url(orgServer.url);
  graphUrl = graphServer.url;
  close = async () => {
    await orgServer.close();
    await graphServer.close();
  };
});
afterAll(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
const cases = FORMATS.flatMap((format) =>
  [true, false].flatMap((pipeline) => [true, false].map((verbose) => [format, pipeline, verbose] as const)),
);

describe('sc-expiry: nothing from the data becomes a logging command or a terminal escape', () => {
  it.each(cases)('--format %s, TF_BUILD=%s, --verbose=%s', async (format, pipeline, verbose) => {
    const { io, captured } = captureIo(NOW, false);
    const env: Record<string, string> = {
      AZURE_DEVOPS_EXT_PAT: 'hostile-test-pat-1234',
      GRAPH_ACCESS_TOKEN: graphToken(),
      AGENT_TEMPDIRECTORY: dir,
      ...(pipeline ? { TF_BUILD: 'True' } : {}),
    };
    const args = ['scan', '--org', orgUrl, '--graph-url', graphUrl, '--format', format];
    const code = await run([...args, ...(verbose ? ['--verbose'] : [])], env, io);
    expect(code).toBe(3); // the 403 app leaves the scan incomplete

    expect(agentCommands(captured.stdout)).toEqual([]);
    expect(agentCommands(captured.stderr)).toEqual([]);
    // The hostile names did reach the output (neutralised, not dropped), and the echoed Graph error too.
    expect(captured.stderr).toContain('Insufficient privileges for');
    if (format !== 'json') expect(captured.stdout).not.toMatch(TERMINAL_CONTROL);
    expect(captured.stderr.replace(/\r?\n/g, '')).not.toMatch(TERMINAL_CONTROL);
    if (verbose) expect(captured.stderr).toMatch(/sc-expiry: GET /);

    const commands = ownCommands(captured.stdout + captured.stderr);
    if (!pipeline) expect(commands).toEqual([]);
    else {
      // One issue per expiring connection (3 on the first app) and one for the 403 app, the summary.
      expect(commands.filter((l) => l.startsWith('##vso[task.logissue '))).toHaveLength(4);
      expect(commands.some((l) => l.startsWith('##vso[task.uploadsummary]'))).toBe(true);
      const summary = readdirSync(dir).filter((f) => f.endsWith('.md'));
      for (const f of summary) expect(agentCommands(readFileSync(join(dir, f), 'utf8'))).toEqual([]);
    }

    if (format === 'json') {
      const report = JSON.parse(captured.stdout) as {
        connections: { name: string; appDisplayName: string | null }[];
        errors: { message: string }[];
      };
      // Same data: JSON.parse gives back every name exactly as Azure DevOps and Graph sent it.
      expect(report.connections.map((c) => c.name).sort()).toEqual(Object.values(HOSTILE).sort());
      expect(report.connections.map((c) => c.appDisplayName)).toContain(APP_NAME);
      expect(report.errors.map((e) => e.message).join(' ')).toContain(`'${HOSTILE.setVariable}'`);
    } else {
      expect(captured.stdout).toContain('PWNED');
    }
  });
});

describe('core/logSafe', () => {
  it.each([
    ['##vso[task.setvariable variable=X]y', '# #vso[task.setvariable variable=X]y'],
    ['###vso[a.b]c', '## #vso[a.b]c'],
    ['#\u200b#vso[a.b]', '# \u200b#vso[a.b]'],
    ['##[group]x', '# #[group]x'],
    ['##VsO[a.b]', '# #VsO[a.b]'],
    ['esc \u001b[31m csi \u009b0m\r\n', 'esc  [31m csi  0m\r\n'],
    ['lone\rcr\ttab', 'lone cr tab'],
    ['plain # text ## [ok]', 'plain # text ## [ok]'],
  ])('safeLines(%j) is %j', (input, expected) => {
    expect(safeLines(input)).toBe(expected);
    expect(agentCommands(safeLines(input))).toEqual([]);
  });

  it.each([
    { name: '##vso[task.setvariable variable=X]y', link: 'https://portal.azure.com/#view/x' },
    { name: '#\u200b#[error] \u009b31m \u007f', nested: ['##', '\\##vso['] },
  ])('safeJson keeps the data of %j and holds no command', (value) => {
    const text = safeJson(JSON.stringify(value, null, 2));
    expect(JSON.parse(text)).toEqual(value);
    expect(agentCommands(text)).toEqual([]);
    expect(text).not.toMatch(/[\u007f-\u009f]/);
  });
});
