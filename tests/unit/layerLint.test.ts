import { spawnSync } from 'child_process';
import { join } from 'path';

/**
 * The project's ESLint config guards the direction of imports in every layer: cli/task → jobs →
 * adapters → core and ui → adapters → core; the shells never import each other, the pages or the
 * local host; jobs import no shell and no page; the local host imports none of them. In src/ui, a page
 * imports no other page's folder; in the shells, the jobs and src/ui no function is longer than 100 lines.
 * Each snippet is linted with the real config as if it sat at `filePath`.
 */

const ROOT = join(__dirname, '..', '..');

interface Linted {
  filePath: string;
  messages: { ruleId: string | null; message: string }[];
}

const snippet = (from: string) => `import { thing } from '${from}';\nexport const used = thing;\n`;

// [layer file, import, allowed]
const CASES: [string, string, boolean][] = [
  ['src/core/sample.ts', './raw', true],
  ['src/core/sample.ts', '../adapters/http', false],
  ['src/core/sample.ts', '../ui/hub/deps', false],
  ['src/core/sample.ts', '../cli/io', false],
  ['src/core/sample.ts', '../jobs/scan', false],
  ['src/core/sample.ts', '../devhost/fixture', false],
  ['src/core/sample.ts', 'azure-devops-extension-sdk', false],
  ['src/adapters/graph/sample.ts', '../../core/raw', true],
  ['src/adapters/graph/sample.ts', '../http', true],
  ['src/adapters/graph/sample.ts', '../../ui/hub/deps', false],
  ['src/adapters/sample.ts', '../cli/io', false],
  ['src/adapters/sdk/sample.ts', '../../devhost/fixture', false],
  ['src/adapters/rest/sample.ts', '../../jobs/scan', false],
  ['src/ui/hub/sample.ts', '../../adapters/http', true],
  ['src/ui/hub/sample.tsx', '../../core/status', true],
  ['src/ui/hub/sample.tsx', '../../cli/io', false],
  ['src/ui/hub/sample.ts', '../../devhost/fixture', false],
  ['src/ui/orgHub/sample.ts', '../../jobs/publish', false],
  ['src/ui/shared/sample.ts', '../../jobs/scanOptions', false],
  ['src/jobs/sample.ts', '../core/status', true],
  ['src/jobs/sample.ts', '../adapters/http', true],
  ['src/jobs/format/sample.ts', '../../core/report', true],
  ['src/jobs/sample.ts', './deps', true],
  ['src/jobs/sample.ts', '../cli/args', false],
  ['src/jobs/sample.ts', '../task/agentEnv', false],
  ['src/jobs/format/sample.ts', '../../ui/hub/hubRows', false],
  ['src/jobs/sample.ts', '../devhost/fixture', false],
  ['src/cli/sample.ts', '../adapters/http', true],
  ['src/cli/format/sample.ts', '../../core/status', true],
  ['src/cli/sample.ts', '../ui/hub/deps', false],
  ['src/cli/format/sample.ts', '../../ui/hub/hubRows', false],
  ['src/cli/sample.ts', '../devhost/fixture', false],
  ['src/cli/sample.ts', '../task/main', false],
  ['src/cli/sample.ts', '../jobs/runScan', true],
  ['src/task/sample.ts', '../jobs/runScan', true],
  ['src/task/sample.ts', '../adapters/auth/scannerAuth', true],
  ['src/task/sample.ts', '../cli/run', false],
  ['src/task/sample.ts', '../cli/args', false],
  ['src/task/sample.ts', '../core/status', true],
  ['src/task/sample.ts', '../ui/hub/deps', false],
  ['src/task/sample.ts', '../devhost/fixture', false],
  ['src/devhost/sample.ts', './httpUtil', true],
  ['src/devhost/sample.ts', '../ui/hub/deps', false],
  ['src/devhost/sample.ts', '../cli/io', false],
  ['src/devhost/sample.ts', '../adapters/http', false],
  ['src/devhost/sample.ts', '../jobs/scan', false],
];

// Inside src/ui: [page file, import, allowed]. A page imports no other page's folder; ui/shared imports no page.
const PAGE_CASES: [string, string, boolean][] = [
  ['src/ui/orgHub/sample.tsx', '../shared/ConnectionsView', true],
  ['src/ui/orgHub/sample.ts', './projectLists', true],
  ['src/ui/orgHub/sample.tsx', '../hub/HubPage', false],
  ['src/ui/orgHub/sample.ts', '../hub/deps', false],
  ['src/ui/orgHub/sample.ts', '../../ui/hub/useHubData', false],
  ['src/ui/hub/sample.tsx', '../shared/DetailsPanel', true],
  ['src/ui/hub/sample.ts', '../orgHub/orgLoad', false],
  ['src/ui/pill/sample.ts', '../surface/StatusText', true],
  ['src/ui/pill/sample.ts', '../hub/deps', false],
  ['src/ui/runSection/sample.tsx', '../hub/StatusBadge', false],
  ['src/ui/runSection/sample.tsx', '../orgHub/deps', false],
  ['src/ui/widget/sample.tsx', '../hub/HubPage', false],
  ['src/ui/widgetConfig/sample.tsx', '../widget/widgetSettings', true],
  ['src/ui/widgetConfig/sample.tsx', '../orgHub/OrgHubPage', false],
  ['src/ui/shared/sample.ts', './rows', true],
  ['src/ui/shared/sample.ts', '../hub/deps', false],
  ['src/ui/shared/sample.tsx', '../orgHub/deps', false],
  ['src/ui/surface/sample.tsx', '../widget/widgetSettings', false],
  // The ui layer's own rules still hold in each page folder.
  ['src/ui/orgHub/sample.ts', '../../cli/io', false],
  ['src/ui/shared/sample.ts', '../../devhost/fixture', false],
  ['src/ui/pill/sample.ts', '../../adapters/sdk/surfaceData', true],
];

/** A function `lines` lines long, from its `function` line to its closing brace; `padding` blank and comment lines inside. */
const longFunction = (lines: number, padding = 0) =>
  `export function long(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(lines - 4)}${'\n  // why\n'.repeat(padding / 2)}  return n;\n}\n`;

// [file, function length in code lines, blank + comment lines inside, allowed]
const LENGTHS: [string, number, number, boolean][] = [
  ['src/jobs/sample.ts', 100, 0, true],
  ['src/jobs/sample.ts', 101, 0, false],
  ['src/jobs/format/sample.ts', 101, 0, false],
  ['src/cli/sample.ts', 101, 0, false],
  ['src/task/sample.ts', 101, 0, false],
  ['src/ui/shared/sample.tsx', 100, 0, true],
  ['src/ui/shared/sample.tsx', 101, 0, false],
  ['src/ui/orgHub/sample.ts', 140, 0, false],
  ['src/ui/hub/sample.tsx', 101, 0, false],
  ['src/ui/widget/sample.tsx', 101, 0, false],
  // Blank lines and comments do not count.
  ['src/jobs/sample.ts', 100, 20, true],
];

function lint(snippets: { filePath: string; code: string }[]): Linted[] {
  const run = spawnSync(process.execPath, [join(ROOT, 'tests/support/lintSnippets.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(snippets),
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`ESLint did not run: ${run.stderr}`);
  return JSON.parse(run.stdout) as Linted[];
}

let results: Linted[];
let lengths: Linted[];

beforeAll(() => {
  results = lint([...CASES, ...PAGE_CASES].map(([filePath, from]) => ({ filePath, code: snippet(from) })));
  lengths = lint(LENGTHS.map(([filePath, lines, padding]) => ({ filePath, code: longFunction(lines, padding) })));
}, 60_000);

describe('lint guards the direction of imports in each layer', () => {
  it.each(CASES.map((c, i) => [...c, i] as const))('%s importing %s: allowed %s', (_file, from, allowed, i) => {
    const restricted = results[i].messages.filter((m) => m.ruleId === 'no-restricted-imports');
    const others = results[i].messages.filter((m) => m.ruleId !== 'no-restricted-imports');
    expect(others).toEqual([]);
    if (allowed) {
      expect(restricted).toEqual([]);
    } else {
      const expected = from.startsWith('.') ? /Imports flow one way/ : /restricted/;
      expect(restricted.some((m) => expected.test(m.message))).toBe(true);
    }
  });
});

describe("lint keeps each page's folder its own", () => {
  it.each(PAGE_CASES.map((c, i) => [...c, CASES.length + i] as const))(
    '%s importing %s: allowed %s',
    (_file, from, allowed, i) => {
      const restricted = results[i].messages.filter((m) => m.ruleId === 'no-restricted-imports');
      const others = results[i].messages.filter((m) => m.ruleId !== 'no-restricted-imports');
      expect(others).toEqual([]);
      if (allowed) {
        expect(restricted).toEqual([]);
      } else {
        const expected = /(cli|devhost)\//.test(from) ? /Imports flow one way/ : /imports no other page's folder/;
        expect(restricted.some((m) => expected.test(m.message))).toBe(true);
      }
    },
  );
});

describe('lint keeps the functions of the shells, the jobs and the pages at most 100 lines', () => {
  it.each(LENGTHS.map((c, i) => [...c, i] as const))(
    '%s, a function of %i code lines (+%i blank or comment): allowed %s',
    (_file, _lines, _padding, allowed, i) => {
      const long = lengths[i].messages.filter((m) => m.ruleId === 'max-lines-per-function');
      expect(lengths[i].messages.filter((m) => m.ruleId !== 'max-lines-per-function')).toEqual([]);
      expect(long.length).toBe(allowed ? 0 : 1);
    },
  );
});
