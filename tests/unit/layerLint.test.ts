import { spawnSync } from 'child_process';
import { join } from 'path';

/**
 * The project's ESLint config guards the direction of imports in every layer: ui/cli → adapters →
 * core, ui and cli never import each other or the local host, the local host imports none of them.
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
  ['src/core/sample.ts', '../devhost/fixture', false],
  ['src/core/sample.ts', 'azure-devops-extension-sdk', false],
  ['src/adapters/graph/sample.ts', '../../core/raw', true],
  ['src/adapters/graph/sample.ts', '../http', true],
  ['src/adapters/graph/sample.ts', '../../ui/hub/deps', false],
  ['src/adapters/sample.ts', '../cli/io', false],
  ['src/adapters/sdk/sample.ts', '../../devhost/fixture', false],
  ['src/ui/hub/sample.ts', '../../adapters/http', true],
  ['src/ui/hub/sample.tsx', '../../core/status', true],
  ['src/ui/hub/sample.tsx', '../../cli/io', false],
  ['src/ui/hub/sample.ts', '../../devhost/fixture', false],
  ['src/cli/sample.ts', '../adapters/http', true],
  ['src/cli/format/sample.ts', '../../core/status', true],
  ['src/cli/sample.ts', '../ui/hub/deps', false],
  ['src/cli/format/sample.ts', '../../ui/hub/hubRows', false],
  ['src/cli/sample.ts', '../devhost/fixture', false],
  ['src/cli/sample.ts', '../task/main', false],
  ['src/task/sample.ts', '../cli/run', true],
  ['src/task/sample.ts', '../core/status', true],
  ['src/task/sample.ts', '../ui/hub/deps', false],
  ['src/task/sample.ts', '../devhost/fixture', false],
  ['src/devhost/sample.ts', './httpUtil', true],
  ['src/devhost/sample.ts', '../ui/hub/deps', false],
  ['src/devhost/sample.ts', '../cli/io', false],
  ['src/devhost/sample.ts', '../adapters/http', false],
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

let results: Linted[];

beforeAll(() => {
  const input = JSON.stringify(
    [...CASES, ...PAGE_CASES].map(([filePath, from]) => ({ filePath, code: snippet(from) })),
  );
  const run = spawnSync(process.execPath, [join(ROOT, 'tests/support/lintSnippets.mjs')], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`ESLint did not run: ${run.stderr}`);
  results = JSON.parse(run.stdout) as Linted[];
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
