import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** What src/ui may not import (the ui layer, and again for each page folder below). */
const UI_FORBIDS = ['jobs', 'cli', 'task', 'devhost', 'bench', 'tests'];
const LAYERS_MESSAGE =
  'Imports flow one way: cli/task → jobs → adapters → core, ui → adapters → core (see CONTRIBUTING.md).';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-dev', 'lib', 'out', 'coverage', 'task/*/index.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...layerRules(),
  ...pageRules(),
  // The shells, the jobs and the pages read top to bottom: a function longer than this is split by what a reader
  // looks for (a job's or a loader's steps, a panel's sections).
  {
    files: ['src/cli/**/*.ts', 'src/task/**/*.ts', 'src/jobs/**/*.ts', 'src/ui/**/*.{ts,tsx}'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true, IIFEs: true }] },
  },
);

/**
 * Imports flow one way: cli/task → jobs → adapters → core, and ui → adapters → core. Each layer lists
 * the folders under src/ it must not import; a relative import that names one of them (`../adapters/x`,
 * `../../ui/hub/y`) fails. tests/unit/layerLint.test.ts proves each rule fails on a wrong-direction import.
 */
function layerRules() {
  const forbidden = (layers) => ({
    regex: `(^|/)(${layers.join('|')})(/|$)`,
    message: LAYERS_MESSAGE,
  });
  const layer = (name, layers, extra = []) => ({
    files: [`src/${name}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: [forbidden(layers), ...extra] }] },
  });
  const core = layer(
    'core',
    ['adapters', 'jobs', 'ui', 'cli', 'task', 'devhost', 'bench', 'tests'],
    [{ group: ['react*', 'azure-devops-*', '@azure/*', 'node:*', 'http', 'https', 'fs'] }],
  );
  return [
    // The core is pure: no network, clock, React or SDK, and nothing outside src/core.
    {
      ...core,
      rules: {
        ...core.rules,
        'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass the clock in.' }],
        'no-restricted-globals': ['error', 'fetch', 'XMLHttpRequest', 'window', 'document'],
        'no-restricted-syntax': [
          'error',
          { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass the clock in.' },
        ],
      },
    },
    layer('adapters', ['jobs', 'ui', 'cli', 'task', 'devhost', 'bench', 'tests']),
    // The jobs both shells run (scan, publish, …): core decides, adapters do the I/O, a job sequences them.
    layer('jobs', ['ui', 'cli', 'task', 'devhost', 'bench', 'tests']),
    // The pages never run a shell's job (jobs are Node: files, the process's environment).
    layer('ui', UI_FORBIDS),
    // The two shells: each reads its inputs, calls a job, writes its result; neither imports the other.
    layer('cli', ['ui', 'task', 'devhost', 'bench', 'tests']),
    layer('task', ['cli', 'ui', 'devhost', 'bench', 'tests']),
    // The local host plays Azure DevOps and Graph: it serves the bundles, it never imports them.
    layer('devhost', ['ui', 'jobs', 'cli', 'task', 'adapters', 'bench', 'tests']),
  ];
}

/**
 * Inside src/ui, each page's folder holds only what is its own: what both hubs use lives in ui/shared,
 * what the warning surfaces share in ui/surface. A page never imports another page's folder (the widget's
 * configuration reads the widget's settings), and ui/shared imports no page. These configs repeat the ui
 * layer's patterns, since a later config's `no-restricted-imports` replaces an earlier one's for its files.
 * tests/unit/layerLint.test.ts proves each rule fails on an import it forbids.
 */
function pageRules() {
  const PAGES = ['hub', 'orgHub', 'pill', 'runSection', 'widget', 'widgetConfig'];
  const page = (folders, pages) => ({
    files: folders.map((f) => `src/ui/${f}/**/*.{ts,tsx}`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `(^|/)(${UI_FORBIDS.join('|')})(/|$)`,
              message: LAYERS_MESSAGE,
            },
            {
              regex: `^\\.\\.?/(.*/)?(${pages.join('|')})(/|$)`,
              message:
                "A page imports no other page's folder: take what two pages use from ui/shared (see CONTRIBUTING.md).",
            },
          ],
        },
      ],
    },
  });
  return [
    page(['hub'], ['orgHub']),
    page(['orgHub'], ['hub']),
    page(['pill', 'runSection', 'widget', 'widgetConfig'], ['hub', 'orgHub']),
    page(['shared', 'surface'], PAGES),
  ];
}
