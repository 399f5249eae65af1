import type { Thresholds } from '../../core/types';
import { numberIn, oneOf, OptionError } from '../optionChecks';
import { checkScanSettings, type OptionNames as ScanNames, type ScanSettings } from '../scanOptions';
import { baseUrl } from '../optionChecks';

/**
 * The options of `sc-expiry fix` and the one step that checks them for both shells (the command line's
 * flags, the pipeline task's inputs). What fix shares with scan (organization, projects, thresholds,
 * Graph URL, concurrency, timeout) is checked by the scan's own step.
 */

export const FIX_FORMATS = ['table', 'json'] as const;
export type FixFormat = (typeof FIX_FORMATS)[number];

export const FIX_DEFAULTS = { secretDays: 180, format: 'table' as FixFormat } as const;

export interface FixOptions {
  orgUrl: string;
  projects: string[];
  /** --connection: ids or names; a named connection is applied even with flagged risks. */
  connections: string[];
  all: boolean;
  apply: boolean;
  yes: boolean;
  /** The journal file; null: sc-expiry-fix-<UTC timestamp>.json in the working directory. */
  journal: string | null;
  format: FixFormat;
  secretDays: number;
  removeOld: boolean;
  /** --revert JOURNAL: undo what that journal did, instead of planning. */
  revert: string | null;
  graphUrl: string | null;
  /** The Microsoft identity platform root for the new-secret probe (a local fake); default the cloud's. */
  loginUrl: string | null;
  thresholds: Thresholds;
  concurrency: number;
  timeoutMs: number;
  verbose: boolean;
  /** The task's `fix: convertAutomatic`: only convert actions within the critical window, never flagged ones. */
  onlyCriticalConverts: boolean;
}

export interface FixSettings extends Pick<
  ScanSettings,
  'org' | 'projects' | 'warningDays' | 'criticalDays' | 'graphUrl' | 'concurrency' | 'timeoutSeconds' | 'verbose'
> {
  connections?: string[];
  all?: boolean;
  apply?: boolean;
  yes?: boolean;
  journal?: string;
  format?: string;
  secretDays?: string;
  removeOld?: boolean;
  revert?: string;
  loginUrl?: string;
  onlyCriticalConverts?: boolean;
}

export type FixNames = Pick<
  ScanNames,
  'org' | 'projects' | 'warningDays' | 'criticalDays' | 'graphUrl' | 'concurrency' | 'timeoutSeconds'
> &
  Record<'connections' | 'journal' | 'format' | 'secretDays' | 'revert' | 'loginUrl' | 'apply' | 'all', string>;

function check(s: FixSettings, names: FixNames): FixOptions {
  const shared = checkScanSettings(
    { ...s, format: undefined },
    {
      ...names,
      format: names.format,
      output: '',
      jsonFile: '',
      failOn: '',
      extensionPublisher: '',
      extensionId: '',
      // fix tracks no work items: these scan options are never given to it.
      workItemType: '',
      areaPath: '',
      assignTo: '',
      // fix reads every history it needs itself (runFix.ts): these scan options are never given to it.
      usage: '',
      usageMaxAge: '',
    },
  );
  if (!shared.ok) throw new OptionError(shared.message);
  const connections = (s.connections ?? []).map((c) => c.trim());
  if (connections.some((c) => c === '')) throw new OptionError(`${names.connections} needs a connection id or name`);
  for (const [name, value] of [
    [names.journal, s.journal],
    [names.revert, s.revert],
  ] as const)
    if (value !== undefined && value.trim() === '') throw new OptionError(`${name} needs a file name`);
  if (s.revert !== undefined && (s.apply || s.all || connections.length > 0))
    throw new OptionError(
      `${names.revert} undoes a journal: it takes no ${names.apply}, ${names.all} or ${names.connections}`,
    );
  const o = shared.options;
  return {
    orgUrl: o.orgUrl,
    projects: o.projects,
    connections: [...new Set(connections)],
    all: s.all === true,
    apply: s.apply === true,
    yes: s.yes === true,
    journal: s.journal ?? null,
    format: oneOf(names.format, s.format ?? FIX_DEFAULTS.format, FIX_FORMATS),
    secretDays:
      s.secretDays === undefined ? FIX_DEFAULTS.secretDays : numberIn(names.secretDays, s.secretDays, 1, 730, true),
    removeOld: s.removeOld === true,
    revert: s.revert ?? null,
    graphUrl: o.graphUrl,
    loginUrl: s.loginUrl === undefined ? null : baseUrl(names.loginUrl, s.loginUrl, false),
    thresholds: o.thresholds,
    concurrency: o.concurrency,
    timeoutMs: o.timeoutMs,
    verbose: o.verbose,
    onlyCriticalConverts: s.onlyCriticalConverts === true,
  };
}

export function checkFixSettings(
  settings: FixSettings,
  names: FixNames,
): { ok: true; options: FixOptions } | { ok: false; message: string } {
  try {
    return { ok: true, options: check(settings, names) };
  } catch (e) {
    if (e instanceof OptionError) return { ok: false, message: e.message };
    throw e;
  }
}
