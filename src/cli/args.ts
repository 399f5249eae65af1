import { checkThresholds, DEFAULT_THRESHOLDS, THRESHOLD_MAX_DAYS, THRESHOLD_MIN_DAYS } from '../core/thresholds';
import type { Thresholds } from '../core/types';
import { DEFAULT_FORMAT, FORMATS, type Format } from './format/formats';

/** Command-line parsing for `sc-expiry`: no dependencies, one-line errors that name the flag. */

export const FAIL_ON = ['expired', 'critical', 'warning', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ScanOptions {
  orgUrl: string;
  projects: string[];
  format: Format;
  output: string | null;
  jsonFile: string | null;
  thresholds: Thresholds;
  failOn: FailOn;
  graphUrl: string | null;
  concurrency: number;
  timeoutMs: number;
  verbose: boolean;
  /** --publish: write each project's readings to the extension's data (absent without --publish). */
  publish?: PublishTarget;
}

/** The installed extension whose data receives the snapshots. */
export interface PublishTarget {
  publisher: string;
  extensionId: string;
}

/** The values in vss-extension.json. */
export const DEFAULT_PUBLISH_TARGET: PublishTarget = {
  publisher: 'sc-expiry',
  extensionId: 'service-connection-expiry',
};

/** What an option is when it is not given; `--help` prints these same values. */
export const DEFAULTS = {
  format: DEFAULT_FORMAT,
  failOn: 'expired' as FailOn,
  thresholds: DEFAULT_THRESHOLDS,
  concurrency: 8,
  timeoutSeconds: 30,
  publishTarget: DEFAULT_PUBLISH_TARGET,
} as const;

export type { Format };

export type Parsed =
  { kind: 'help' } | { kind: 'version' } | { kind: 'scan'; options: ScanOptions } | { kind: 'error'; message: string };

export class UsageError extends Error {}

const VALUE_FLAGS = new Set([
  '--org',
  '--project',
  '--format',
  '--output',
  '--json-file',
  '--warning-days',
  '--critical-days',
  '--fail-on',
  '--graph-url',
  '--concurrency',
  '--timeout-seconds',
  '--extension-publisher',
  '--extension-id',
]);
const BOOLEAN_FLAGS = new Set(['--verbose', '--publish', '--help', '-h', '--version']);

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** http(s) base URL without trailing slashes. A bare organization name means dev.azure.com. */
function baseUrl(flag: string, value: string, allowBareName: boolean): string {
  if (allowBareName && /^[A-Za-z0-9][A-Za-z0-9-]{0,49}$/.test(value)) return `https://dev.azure.com/${value}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${flag} must be an http(s) URL (got "${value}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${flag} must be an http(s) URL (got "${value}")`);
  if (url.username || url.password) throw new UsageError(`${flag} must not carry credentials in the URL`);
  // Tokens go with every request: in clear text only to this machine (a local fake or proxy).
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new UsageError(
      `${flag} must use https:// (http:// is accepted only for localhost, 127.0.0.1 or [::1]: the token would cross the network in clear text)`,
    );
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/** A Marketplace publisher or extension id: letters, digits, '-', '_' and '.'. */
function marketplaceId(flag: string, value: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value)) return value;
  throw new UsageError(
    `${flag} must be a Marketplace id (letters, digits, '-', '_', '.'), got "${value.slice(0, 60)}"`,
  );
}

function numberIn(flag: string, value: string, min: number, max: number, integer: boolean): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    const what = integer ? 'a whole number' : 'a number';
    throw new UsageError(`${flag} must be ${what} between ${min} and ${max} (got "${value}")`);
  }
  return n;
}

function thresholdsFrom(warning: string | undefined, critical: string | undefined): Thresholds {
  const w = warning ?? String(DEFAULT_THRESHOLDS.warningDays);
  // A small --warning-days alone lowers the default critical threshold with it.
  const fallbackCritical = Math.min(
    DEFAULT_THRESHOLDS.criticalDays,
    Number.isInteger(Number(w)) ? Number(w) : DEFAULT_THRESHOLDS.criticalDays,
  );
  const c = critical ?? String(Math.max(THRESHOLD_MIN_DAYS, fallbackCritical));
  const both = checkThresholds(w, c);
  if (both.ok) return both.thresholds;
  const range = `a whole number of days between ${THRESHOLD_MIN_DAYS} and ${THRESHOLD_MAX_DAYS}`;
  if (!checkThresholds(w, String(THRESHOLD_MIN_DAYS)).ok)
    throw new UsageError(`--warning-days must be ${range} (got "${w}")`);
  if (!checkThresholds(String(THRESHOLD_MAX_DAYS), c).ok)
    throw new UsageError(`--critical-days must be ${range} (got "${c}")`);
  throw new UsageError(`--critical-days (${c}) cannot be larger than --warning-days (${w})`);
}

/** Splits argv into flags (`--a b` or `--a=b`) and positionals; rejects unknown flags. */
function tokenize(argv: string[]): { values: Map<string, string[]>; positionals: string[] } {
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    let value: string;
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq > 0 && arg.startsWith('--')) throw new UsageError(`${name} takes no value`);
      value = 'true';
    } else if (VALUE_FLAGS.has(name)) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !(argv[i + 1].startsWith('--') && argv[i + 1].length > 2)) value = argv[++i];
      else throw new UsageError(`${name} needs a value`);
    } else {
      throw new UsageError(`unknown option ${name.slice(0, 60)} (see sc-expiry --help)`);
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { values, positionals };
}

export function parseArgs(argv: string[]): Parsed {
  try {
    const { values, positionals } = tokenize(argv);
    if (values.has('--help') || values.has('-h') || positionals[0] === 'help') return { kind: 'help' };
    if (values.has('--version')) return { kind: 'version' };
    if (positionals.length === 0)
      throw new UsageError('missing command: try "sc-expiry scan --org <organization URL>" or sc-expiry --help');
    if (positionals[0] !== 'scan')
      throw new UsageError(`unknown command "${positionals[0].slice(0, 60)}" (the only command is "scan")`);
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1].slice(0, 60)}"`);
    const single = (flag: string): string | undefined => {
      const list = values.get(flag);
      if (list && list.length > 1) throw new UsageError(`${flag} was given more than once`);
      return list?.[0];
    };
    const org = single('--org');
    if (!org) throw new UsageError('--org is required (the organization URL, e.g. https://dev.azure.com/contoso)');
    const projects = (values.get('--project') ?? []).map((p) => p.trim());
    if (projects.some((p) => p === '')) throw new UsageError('--project needs a project name');
    const graphUrl = single('--graph-url');
    const timeout = single('--timeout-seconds');
    const concurrency = single('--concurrency');
    const publisher = single('--extension-publisher');
    const extensionId = single('--extension-id');
    // Without --publish the extension flags are checked but change nothing.
    const target: PublishTarget = {
      publisher:
        publisher === undefined ? DEFAULT_PUBLISH_TARGET.publisher : marketplaceId('--extension-publisher', publisher),
      extensionId:
        extensionId === undefined ? DEFAULT_PUBLISH_TARGET.extensionId : marketplaceId('--extension-id', extensionId),
    };
    return {
      kind: 'scan',
      options: {
        orgUrl: baseUrl('--org', org, true),
        projects: [...new Set(projects)],
        format: oneOf('--format', single('--format') ?? DEFAULTS.format, FORMATS),
        output: single('--output') ?? null,
        jsonFile: single('--json-file') ?? null,
        thresholds: thresholdsFrom(single('--warning-days'), single('--critical-days')),
        failOn: oneOf('--fail-on', single('--fail-on') ?? DEFAULTS.failOn, FAIL_ON),
        graphUrl: graphUrl === undefined ? null : baseUrl('--graph-url', graphUrl, false).replace(/\/v1\.0$/i, ''),
        concurrency:
          concurrency === undefined ? DEFAULTS.concurrency : numberIn('--concurrency', concurrency, 1, 64, true),
        timeoutMs:
          timeout === undefined
            ? DEFAULTS.timeoutSeconds * 1000
            : Math.round(numberIn('--timeout-seconds', timeout, 0.1, 600, false) * 1000),
        verbose: values.has('--verbose'),
        ...(values.has('--publish') ? { publish: target } : {}),
      },
    };
  } catch (e) {
    if (e instanceof UsageError) return { kind: 'error', message: e.message };
    throw e;
  }
}
