import { parseArgs as readFlags } from 'node:util';
import { checkScanSettings, type OptionNames, type ScanOptions, type ScanSettings } from '../jobs/scanOptions';
import { checkFixSettings, type FixOptions } from '../jobs/fix/fixOptions';
import {
  FIX_BOOLEAN_FLAGS,
  FIX_FLAG_NAMES,
  FIX_ONLY_FLAGS,
  FIX_VALUE_FLAGS,
  fixSettingsFrom,
  FixUsageError,
  SCAN_ONLY_FLAGS,
} from './fixArgs';

/**
 * The flags of `sc-expiry`, read with node:util parseArgs, then checked by the step both shells share
 * (jobs/scanOptions.ts). Errors are one line that names the flag.
 */

export { DEFAULTS, FAIL_ON } from '../jobs/scanOptions';
export type { FailOn, Format, PublishTarget, ScanOptions } from '../jobs/scanOptions';

export type Parsed =
  | { kind: 'help'; command?: 'fix' }
  | { kind: 'version' }
  | { kind: 'scan'; options: ScanOptions }
  | { kind: 'fix'; options: FixOptions }
  | { kind: 'error'; message: string };

class UsageError extends Error {}

/** Each flag that takes a value, and the scan setting it gives. */
const VALUE_FLAGS = {
  org: 'org',
  project: 'projects',
  format: 'format',
  output: 'output',
  'json-file': 'jsonFile',
  'warning-days': 'warningDays',
  'critical-days': 'criticalDays',
  'fail-on': 'failOn',
  'graph-url': 'graphUrl',
  concurrency: 'concurrency',
  'timeout-seconds': 'timeoutSeconds',
  'extension-publisher': 'extensionPublisher',
  'extension-id': 'extensionId',
  'work-item-type': 'workItemType',
  'area-path': 'areaPath',
  'assign-to': 'assignTo',
  usage: 'usage',
  'usage-max-age': 'usageMaxAge',
} as const satisfies Record<string, keyof OptionNames>;
type ValueFlag = keyof typeof VALUE_FLAGS;
const BOOLEAN_FLAGS = ['verbose', 'publish', 'work-items', 'help', 'version', ...FIX_BOOLEAN_FLAGS] as const;

/** The messages name the flags. */
const FLAG_NAMES = Object.fromEntries(
  Object.entries(VALUE_FLAGS).map(([flag, key]) => [key, `--${flag}`]),
) as OptionNames;

const FLAG_CONFIG = {
  ...Object.fromEntries(
    [...Object.keys(VALUE_FLAGS), ...FIX_VALUE_FLAGS].map((f) => [f, { type: 'string', multiple: true }]),
  ),
  ...Object.fromEntries(BOOLEAN_FLAGS.map((f) => [f, { type: 'boolean', multiple: true }])),
  help: { type: 'boolean', short: 'h', multiple: true },
} as const;

const isValueFlag = (name: string): name is ValueFlag =>
  Object.prototype.hasOwnProperty.call(VALUE_FLAGS, name) || (FIX_VALUE_FLAGS as readonly string[]).includes(name);
const isBooleanFlag = (name: string) => (BOOLEAN_FLAGS as readonly string[]).includes(name);

/** How the flag was written, as the message names it: `--a=b` → `--a`, `-xy` stays `-xy`. */
function writtenName(arg: string): string {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
}

interface Flags {
  values: Map<string, string[]>;
  positionals: string[];
}

/** Flags (`--a b` or `--a=b`) and positionals; unknown flags and missing or unwanted values are refused. */
function tokenize(argv: string[]): Flags {
  const { tokens } = readFlags({
    args: argv,
    options: FLAG_CONFIG,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const raw = argv[token.index];
    const name = writtenName(raw);
    // -h is the only short flag; a group (-hv) or anything else with one dash is unknown.
    const known = raw.startsWith('--') ? name === token.rawName : raw === '-h';
    if (!known || !(isValueFlag(token.name) || isBooleanFlag(token.name)))
      throw new UsageError(`unknown option ${name.slice(0, 60)} (see sc-expiry --help)`);
    if (isBooleanFlag(token.name)) {
      if (token.inlineValue) throw new UsageError(`${name} takes no value`);
      add(token.name, 'true');
    } else if (token.value === undefined || (!token.inlineValue && /^--./.test(token.value))) {
      // `--output --verbose`: the next flag is not a value.
      throw new UsageError(`${name} needs a value`);
    } else {
      add(token.name, token.value);
    }
  }
  return { values, positionals };
}

/** The flags as scan settings; a flag that takes one value and was given twice is refused. */
function settingsFrom(values: Map<string, string[]>): ScanSettings {
  const settings: ScanSettings = {
    projects: values.get('project') ?? [],
    publish: values.has('publish'),
    workItems: values.has('work-items'),
    verbose: values.has('verbose'),
  };
  for (const [flag, key] of Object.entries(VALUE_FLAGS)) {
    if (key === 'projects' || !values.has(flag)) continue;
    const list = values.get(flag);
    if (list && list.length > 1) throw new UsageError(`--${flag} was given more than once`);
    if (list) settings[key] = list[0];
  }
  return settings;
}

function command({ values, positionals }: Flags): Parsed {
  if (values.has('help') && positionals[0] === 'fix') return { kind: 'help', command: 'fix' };
  if (values.has('help') || positionals[0] === 'help') return { kind: 'help' };
  if (values.has('version')) return { kind: 'version' };
  if (positionals.length === 0)
    throw new UsageError('missing command: try "sc-expiry scan --org <organization URL>" or sc-expiry --help');
  if (positionals[0] !== 'scan' && positionals[0] !== 'fix')
    throw new UsageError(`unknown command "${positionals[0].slice(0, 60)}" (the commands are "scan" and "fix")`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1].slice(0, 60)}"`);
  const foreign = [...values.keys()].find((f) =>
    (positionals[0] === 'fix' ? SCAN_ONLY_FLAGS : FIX_ONLY_FLAGS).includes(f),
  );
  if (foreign)
    throw new UsageError(
      `--${foreign} is not an option of "${positionals[0]}" (see sc-expiry ${positionals[0]} --help)`,
    );
  if (positionals[0] === 'fix') {
    const fix = checkFixSettings(fixSettingsFrom(values, settingsFrom(values)), FIX_FLAG_NAMES);
    return fix.ok ? { kind: 'fix', options: fix.options } : { kind: 'error', message: fix.message };
  }
  const checked = checkScanSettings(settingsFrom(values), FLAG_NAMES);
  return checked.ok ? { kind: 'scan', options: checked.options } : { kind: 'error', message: checked.message };
}

export function parseArgs(argv: string[]): Parsed {
  try {
    return command(tokenize(argv));
  } catch (e) {
    if (e instanceof UsageError || e instanceof FixUsageError) return { kind: 'error', message: e.message };
    throw e;
  }
}
