import { DEFAULT_TIMEOUT_MS } from '../adapters/http';
import { checkThresholds, DEFAULT_THRESHOLDS, THRESHOLD_MAX_DAYS, THRESHOLD_MIN_DAYS } from '../core/thresholds';
import type { Thresholds } from '../core/types';
import { DEFAULT_FORMAT, FORMATS, type Format } from './format/formats';
import { baseUrl, marketplaceId, numberIn, oneOf, OptionError, organizationUrl } from './optionChecks';
import { DEFAULT_USAGE_POLICY, type UsagePolicy } from '../core/usagePlan';
import { usagePolicyFrom } from './usageOptions';
import { checkWorkItemSettings, type WorkItemOptions } from './workItemOptions';

/**
 * The options of a scan, and the one typed step that checks them for both shells: the command line
 * reads them from its flags (cli/args.ts), the pipeline task from its inputs (task/taskOptions.ts);
 * each names the options its own way in the messages (OptionNames).
 */

export const FAIL_ON = ['expired', 'critical', 'warning', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export type { Format };

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
  timeoutSeconds: DEFAULT_TIMEOUT_MS.devops / 1000,
  publishTarget: DEFAULT_PUBLISH_TARGET,
  usage: DEFAULT_USAGE_POLICY,
} as const;

/** A checked scan: what runScan.ts is given. */
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
  /** How execution history is read (`--usage`, `--usage-max-age`); what is known comes with --publish. */
  usage: UsagePolicy;
  /** Publish each project's readings to the extension's data (absent when not asked for). */
  publish?: PublishTarget;
  /** Track renewals as work items (absent when not asked for). */
  workItems?: WorkItemOptions;
}

/** The options as a shell was given them: text, not yet checked; absent means the default. */
export interface ScanSettings {
  org?: string;
  projects?: string[];
  format?: string;
  output?: string;
  jsonFile?: string;
  warningDays?: string;
  criticalDays?: string;
  failOn?: string;
  graphUrl?: string;
  concurrency?: string;
  timeoutSeconds?: string;
  publish?: boolean;
  extensionPublisher?: string;
  extensionId?: string;
  verbose?: boolean;
  workItems?: boolean;
  workItemType?: string;
  areaPath?: string;
  assignTo?: string;
  usage?: string;
  usageMaxAge?: string;
}

/** How a shell names each option in its messages: `--warning-days`, or `input "warningDays"`. */
export type OptionNames = Record<Exclude<keyof ScanSettings, 'publish' | 'verbose' | 'workItems'>, string>;

export type Checked = { ok: true; options: ScanOptions } | { ok: false; message: string };

function thresholdsFrom(settings: ScanSettings, names: OptionNames): Thresholds {
  const w = settings.warningDays ?? String(DEFAULT_THRESHOLDS.warningDays);
  // A small warning threshold alone lowers the default critical threshold with it.
  const fallbackCritical = Math.min(
    DEFAULT_THRESHOLDS.criticalDays,
    Number.isInteger(Number(w)) ? Number(w) : DEFAULT_THRESHOLDS.criticalDays,
  );
  const c = settings.criticalDays ?? String(Math.max(THRESHOLD_MIN_DAYS, fallbackCritical));
  const both = checkThresholds(w, c);
  if (both.ok) return both.thresholds;
  const range = `a whole number of days between ${THRESHOLD_MIN_DAYS} and ${THRESHOLD_MAX_DAYS}`;
  if (!checkThresholds(w, String(THRESHOLD_MIN_DAYS)).ok)
    throw new OptionError(`${names.warningDays} must be ${range} (got "${w}")`);
  if (!checkThresholds(String(THRESHOLD_MAX_DAYS), c).ok)
    throw new OptionError(`${names.criticalDays} must be ${range} (got "${c}")`);
  throw new OptionError(`${names.criticalDays} (${c}) cannot be larger than ${names.warningDays} (${w})`);
}

/** Without publishing, the extension options are checked but change nothing. */
function publishTargetFrom(settings: ScanSettings, names: OptionNames): PublishTarget {
  const { extensionPublisher: publisher, extensionId } = settings;
  return {
    publisher:
      publisher === undefined ? DEFAULT_PUBLISH_TARGET.publisher : marketplaceId(names.extensionPublisher, publisher),
    extensionId:
      extensionId === undefined ? DEFAULT_PUBLISH_TARGET.extensionId : marketplaceId(names.extensionId, extensionId),
  };
}

function check(settings: ScanSettings, names: OptionNames): ScanOptions {
  const { org, graphUrl, concurrency, timeoutSeconds } = settings;
  if (!org)
    throw new OptionError(`${names.org} is required (the organization URL, e.g. https://dev.azure.com/contoso)`);
  const projects = (settings.projects ?? []).map((p) => p.trim());
  if (projects.some((p) => p === '')) throw new OptionError(`${names.projects} needs a project name`);
  const target = publishTargetFrom(settings, names);
  const options: ScanOptions = {
    orgUrl: organizationUrl(names.org, names.projects, org),
    projects: [...new Set(projects)],
    format: oneOf(names.format, settings.format ?? DEFAULTS.format, FORMATS),
    output: settings.output ?? null,
    jsonFile: settings.jsonFile ?? null,
    thresholds: thresholdsFrom(settings, names),
    failOn: oneOf(names.failOn, settings.failOn ?? DEFAULTS.failOn, FAIL_ON),
    graphUrl: graphUrl === undefined ? null : baseUrl(names.graphUrl, graphUrl, false).replace(/\/v1\.0$/i, ''),
    concurrency:
      concurrency === undefined ? DEFAULTS.concurrency : numberIn(names.concurrency, concurrency, 1, 64, true),
    timeoutMs:
      timeoutSeconds === undefined
        ? DEFAULTS.timeoutSeconds * 1000
        : Math.round(numberIn(names.timeoutSeconds, timeoutSeconds, 0.1, 600, false) * 1000),
    verbose: settings.verbose === true,
    usage: usagePolicyFrom(settings, names),
    ...(settings.publish ? { publish: target } : {}),
  };
  const workItems = checkWorkItemSettings(settings, names);
  if (!workItems.ok) throw new OptionError(workItems.message);
  if (workItems.options) options.workItems = workItems.options;
  // An empty file name is refused before anything is read.
  if (options.output !== null && options.output.trim() === '')
    throw new OptionError(`${names.output} needs a file name`);
  if (options.jsonFile !== null && options.jsonFile.trim() === '')
    throw new OptionError(`${names.jsonFile} needs a file name`);
  return options;
}

/** Every rule on a scan's options, in one step: the checked options, or the first problem in one line. */
export function checkScanSettings(settings: ScanSettings, names: OptionNames): Checked {
  try {
    return { ok: true, options: check(settings, names) };
  } catch (e) {
    if (e instanceof OptionError) return { ok: false, message: e.message };
    throw e;
  }
}
