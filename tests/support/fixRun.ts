import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { scannerSignIn, secretsOf } from '../../src/adapters/auth/scannerAuth';
import type { Journal } from '../../src/core/fix/journal';
import { FAKE_ADO_TOKEN } from '../../src/devhost/fakeDevOps';
import { FIX_FLAG_NAMES } from '../../src/cli/fixArgs';
import { checkFixSettings, type FixSettings } from '../../src/jobs/fix/fixOptions';
import { runFix, type FixDeps } from '../../src/jobs/fix/runFix';
import type { FixWorld } from './fixWorld';
import { graphToken } from './tokens';

/** Runs the fix job in process against a fix world, with instant waits on the world's clock. */

export const GRAPH_TOKEN = graphToken(undefined, {}, 'graph-token-Fx7Lp0Xr8s-distinctive');

export function journalPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'sc-fix-')), 'journal.json');
}

export function readJournalFile(path: string): Journal | null {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Journal) : null;
}

export async function fix(w: FixWorld, settings: FixSettings, extra: Partial<FixDeps> & { pat?: string } = {}) {
  const checked = checkFixSettings(
    { org: w.orgUrl, graphUrl: w.graphUrl, loginUrl: w.graphUrl, format: 'json', ...settings },
    FIX_FLAG_NAMES,
  );
  if (!checked.ok) throw new Error(checked.message);
  const env = { AZURE_DEVOPS_EXT_PAT: extra.pat ?? FAKE_ADO_TOKEN, GRAPH_ACCESS_TOKEN: GRAPH_TOKEN };
  const secrets = secretsOf(env);
  const captured = { stdout: '', stderr: '' };
  const outcome = await runFix(checked.options, {
    io: {
      stdout: { write: (s: string) => (captured.stdout += s) },
      stderr: { write: (s: string) => (captured.stderr += s) },
    },
    secrets,
    now: () => w.clock.now,
    fetch: (input, init) => fetch(input, init),
    ...scannerSignIn(env, secrets, w.graphUrl),
    confirm: null,
    sleep: async (ms) => void (w.clock.now += ms),
    ...extra,
  });
  return { ...outcome, ...captured };
}
