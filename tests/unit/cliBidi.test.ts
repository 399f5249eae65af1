import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { run } from '../../src/cli/run';
import { captureIo, createFakeOrg } from '../support/fakeOrg';
import { listen } from '../support/listen';
import { application, armEndpoint, iso, NOW } from '../support/payloads';
import { graphToken } from '../support/tokens';

/**
 * Issue 21 item 5: a connection named `acr-\u202Egnp.exe-push` reads "acr-hsup-exe.png" wherever the
 * override is honoured. Every text output (table, CSV, Markdown, pipeline issue lines and summary) shows
 * it as `acr-<U+202E>gnp.exe-push`; JSON keeps the name exactly as Azure DevOps sent it.
 */

const BIDI = 'acr-\u202Egnp.exe-push';
const SHOWN = 'acr-<U+202E>gnp.exe-push';
const ZERO_WIDTH = 'prod\u200B\u2066-\uFEFFweb\u2069';
const ZERO_WIDTH_SHOWN = 'prod<U+200B><U+2066>-<U+FEFF>web<U+2069>';
const APP_ID = '0b0000b1-0000-4000-8000-000000000001';
const PROJECT = { id: '9b0b0c0d-0000-4000-8000-0000000000bb', name: 'Web' };
/** How Markdown shows the escape: `\<U\+202E\>` (mdText escapes the markup characters) reads `<U+202E>`. */
const md = (text: string) => text.replace(/[<>+]/g, '\\$&');
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/;

/** Graph's $batch answer ("JSON batching"): the app's secret expires in 3 days, its name bidi too. */
function graph(req: IncomingMessage, res: ServerResponse): void {
  let text = '';
  req.on('data', (c) => (text += c));
  req.on('end', () => {
    const { requests } = JSON.parse(text || '{"requests":[]}') as { requests: { id: string }[] };
    const app = application([{ start: iso(-80), end: iso(3), name: `key-\u202Etxt` }], [], APP_ID);
    const responses = requests.map((r) => ({
      id: r.id,
      status: 200,
      body: { ...app, displayName: `app-\u202E${BIDI}` },
    }));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ responses }));
  });
}

let dir: string;
let orgUrl: string;
let graphUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sc-expiry-bidi-'));
  const endpoints = [BIDI, ZERO_WIDTH].map((name, i) =>
    armEndpoint({ id: `e00000b${i}-0000-4000-8000-00000000000${i}`, name, appId: APP_ID, projects: [PROJECT] }),
  );
  const org = createFakeOrg({ projects: [{ ...PROJECT, endpoints }] });
  const orgServer = await listen(org.handle);
  const graphServer = await listen(graph);
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

async function scan(format: string) {
  const { io, captured } = captureIo(NOW, false);
  const env = {
    AZURE_DEVOPS_EXT_PAT: 'bidi-test-pat-1234',
    GRAPH_ACCESS_TOKEN: graphToken(),
    AGENT_TEMPDIRECTORY: dir,
    TF_BUILD: 'True',
  };
  const code = await run(['scan', '--org', orgUrl, '--graph-url', graphUrl, '--format', format], env, io);
  expect(code).toBe(0); // in a pipeline, critical connections end the step SucceededWithIssues
  return captured;
}

describe('bidi and invisible characters in the scanner output', () => {
  it.each(['table', 'csv', 'markdown'])('--format %s shows them as <U+…> escapes, in every line', async (format) => {
    const { stdout, stderr } = await scan(format);
    expect(stdout + stderr).not.toMatch(INVISIBLE);
    const shown = format === 'markdown' ? md(SHOWN) : SHOWN;
    expect(stdout).toContain(shown);
    expect(stdout).toContain(format === 'markdown' ? md(ZERO_WIDTH_SHOWN) : ZERO_WIDTH_SHOWN);
    // The pipeline's issue lines name the connection with the escape too.
    const issues = (stdout + stderr).split('\n').filter((l) => l.startsWith('##vso[task.logissue '));
    expect(issues.length).toBeGreaterThanOrEqual(2);
    expect(issues.some((l) => l.includes(SHOWN))).toBe(true);
    // And the summary uploaded to the run.
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) {
      const summary = readFileSync(join(dir, f), 'utf8');
      expect(summary).not.toMatch(INVISIBLE);
      expect(summary).toContain(md(SHOWN));
    }
  });

  it('--format json keeps every name exactly; its pipeline lines show the escapes', async () => {
    const { stdout, stderr } = await scan('json');
    const json = stdout.slice(0, stdout.lastIndexOf('}') + 1);
    const report = JSON.parse(json.slice(json.indexOf('{'))) as { connections: { name: string }[] };
    expect(report.connections.map((c) => c.name).sort()).toEqual([BIDI, ZERO_WIDTH].sort());
    const lines = (stdout + stderr).split('\n').filter((l) => l.startsWith('##vso['));
    for (const l of lines) expect(l).not.toMatch(INVISIBLE);
  });
});
