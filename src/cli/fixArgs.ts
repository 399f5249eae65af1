import type { FixNames, FixSettings } from '../jobs/fix/fixOptions';
import type { ScanSettings } from '../jobs/scanOptions';

/** The flags only `sc-expiry fix` takes, read by args.ts's one tokenizer and checked by jobs/fix/fixOptions.ts. */

export const FIX_VALUE_FLAGS = ['connection', 'journal', 'secret-days', 'revert', 'login-url'] as const;
export const FIX_BOOLEAN_FLAGS = ['all', 'apply', 'yes', 'remove-old'] as const;
export const FIX_ONLY_FLAGS: readonly string[] = [...FIX_VALUE_FLAGS, ...FIX_BOOLEAN_FLAGS];
/** Scan flags that mean nothing to fix (its output is the plan; it publishes nothing). */
export const SCAN_ONLY_FLAGS: readonly string[] = [
  'output',
  'json-file',
  'fail-on',
  'publish',
  'extension-publisher',
  'extension-id',
  'usage',
  'usage-max-age',
];

export const FIX_FLAG_NAMES: FixNames = {
  org: '--org',
  projects: '--project',
  warningDays: '--warning-days',
  criticalDays: '--critical-days',
  graphUrl: '--graph-url',
  concurrency: '--concurrency',
  timeoutSeconds: '--timeout-seconds',
  connections: '--connection',
  journal: '--journal',
  format: '--format',
  secretDays: '--secret-days',
  revert: '--revert',
  loginUrl: '--login-url',
  apply: '--apply',
  all: '--all',
};

class FixUsageError extends Error {}

function single(values: Map<string, string[]>, flag: string): string | undefined {
  const list = values.get(flag);
  if (list && list.length > 1) throw new FixUsageError(`--${flag} was given more than once`);
  return list?.[0];
}

/** The scan settings fix shares, plus its own flags. Throws a one-line Error for a repeated flag. */
export function fixSettingsFrom(values: Map<string, string[]>, shared: ScanSettings): FixSettings {
  return {
    org: shared.org,
    projects: shared.projects,
    warningDays: shared.warningDays,
    criticalDays: shared.criticalDays,
    graphUrl: shared.graphUrl,
    concurrency: shared.concurrency,
    timeoutSeconds: shared.timeoutSeconds,
    verbose: shared.verbose,
    format: shared.format,
    connections: values.get('connection') ?? [],
    journal: single(values, 'journal'),
    secretDays: single(values, 'secret-days'),
    revert: single(values, 'revert'),
    loginUrl: single(values, 'login-url'),
    all: values.has('all'),
    apply: values.has('apply'),
    yes: values.has('yes'),
    removeOld: values.has('remove-old'),
  };
}

export { FixUsageError };
