import { readFileSync } from 'fs';
import { join } from 'path';
import { EXIT } from '../../src/jobs/exitCodes';
import { buildReport } from '../../src/core/report';
import { SNAPSHOT_COLLECTION, SNAPSHOT_STALE_DAYS } from '../../src/core/snapshot';
import { STATUS_ORDER, summaryKey } from '../../src/core/status';
import { computeVerdict } from '../../src/core/verdict';
import { parseEndpoint } from '../../src/core/endpoint';
import { normalizeFixture } from '../../src/devhost/fixture';
import { CLIENT_ID_SETTING } from '../../src/devhost/server';
import { ATTACHMENT_TYPE } from '../../src/task/main';
import { armEndpoint, NOW } from '../support/payloads';
import { FIX_EXIT } from '../../src/core/fix/plan';

/** docs/contracts.md names what the code does: these checks fail when one changes without the other. */

const ROOT = join(__dirname, '..', '..');
const doc = readFileSync(join(ROOT, 'docs/contracts.md'), 'utf8');

function section(title: string): string {
  const start = doc.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`docs/contracts.md has no section "${title}"`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe('docs/contracts.md', () => {
  it('names every key of the fixture file the local host reads', () => {
    const keys = Object.keys(normalizeFixture({ endpoints: [] }));
    for (const key of keys) expect(section('Fixture file')).toContain(`\`${key}\``);
  });

  it('names every field of a scanner JSON connection and every summary key', () => {
    const connection = parseEndpoint(armEndpoint());
    const report = buildReport(
      [{ connection, verdict: computeVerdict({ connection, nowMs: NOW }), project: 'Web' }],
      'https://dev.azure.com/contoso',
      { warningDays: 30, criticalDays: 7 },
      new Date(NOW).toISOString(),
    );
    const text = section('Scanner JSON');
    for (const key of Object.keys(report)) expect(text).toContain(`"${key}"`);
    for (const key of Object.keys(report.connections[0])) expect(text).toContain(`\`${key}\``);
    for (const status of STATUS_ORDER) {
      expect(text).toContain(`\`${status}\``);
      expect(text).toContain(`"${summaryKey(status)}"`);
    }
  });

  it('lists every finding code of the core', () => {
    const types = readFileSync(join(ROOT, 'src/core/types.ts'), 'utf8');
    const union = /export type FindingCode =([^;]+);/.exec(types)?.[1] ?? '';
    const codes = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(10);
    for (const code of codes) expect(section('Scanner JSON')).toContain(`\`${code}\``);
  });

  it('gives the meaning of every exit code', () => {
    for (const code of Object.values(EXIT)) expect(section('Exit codes')).toMatch(new RegExp(`\\n\\| ${code} +\\|`));
  });

  it('names where snapshots and settings live', () => {
    expect(section('Snapshot document')).toContain(`\`${SNAPSHOT_COLLECTION}\``);
    expect(section('Snapshot document')).toMatch(new RegExp(`after\\s+${SNAPSHOT_STALE_DAYS} days`));
    expect(section('Settings documents')).toContain(`\`${CLIENT_ID_SETTING}\``);
  });

  it('describes the pipeline task: its id, every input, the attachment and the results', () => {
    const task = JSON.parse(readFileSync(join(ROOT, 'task/ServiceConnectionExpiry/task.json'), 'utf8')) as {
      id: string;
      name: string;
      version: { Major: number };
      inputs: { name: string }[];
      execution: Record<string, unknown>;
    };
    const text = section('Pipeline task');
    expect(text).toContain(`\`${task.name}@${task.version.Major}\``);
    expect(text).toContain(`\`${task.id}\``);
    for (const input of task.inputs) expect(text).toContain(`\`${input.name}\``);
    for (const handler of Object.keys(task.execution)) expect(text).toContain(`\`${handler}\``);
    expect(text).toContain(`type=${ATTACHMENT_TYPE};name=report;`);
    for (const result of ['Succeeded', 'SucceededWithIssues', 'Failed']) expect(text).toContain(`\`${result}\``);
  });

  it('describes sc-expiry fix: every plan field, risk code, journal step and state, and exit code', () => {
    const text = section('Fix');
    const read = (file: string, union: string) => {
      const source = readFileSync(join(ROOT, file), 'utf8');
      const body = new RegExp(`export type ${union} =([^;]+);`).exec(source)?.[1] ?? '';
      return [...body.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
    };
    const unions: [string, string][] = [
      ['src/core/fix/types.ts', 'RiskCode'],
      ['src/core/fix/types.ts', 'FixAction'],
      ['src/core/fix/types.ts', 'FixResult'],
      ['src/core/fix/journal.ts', 'StepName'],
      ['src/core/fix/journal.ts', 'EntryState'],
    ];
    for (const [file, union] of unions) {
      const codes = read(file, union);
      expect(codes.length).toBeGreaterThan(2);
      for (const code of codes) expect(text).toContain(code);
    }
    const fields =
      /export interface PlannedAction \{([\s\S]+?)\n\}/.exec(
        readFileSync(join(ROOT, 'src/core/fix/types.ts'), 'utf8'),
      )?.[1] ?? '';
    const keys = [...fields.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(8);
    for (const key of keys) expect(text).toContain(`"${key}"`);
    for (const code of Object.values(FIX_EXIT)) expect(text).toMatch(new RegExp(`\\n\\| ${code} +\\|`));
  });
});
