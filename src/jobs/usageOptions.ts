import { DEFAULT_USAGE_POLICY, USAGE_MAX_AGE_LIMIT_DAYS, USAGE_MODES, type UsagePolicy } from '../core/usagePlan';
import { numberIn, oneOf, OptionError } from './optionChecks';

/**
 * How a scan reads execution history, checked once for both shells: the CLI's `--usage` and
 * `--usage-max-age`, the task's `usage` and `usageMaxAge` (core/usagePlan.ts decides per history).
 */

export interface UsageSettings {
  usage?: string;
  usageMaxAge?: string;
}

export type UsageNames = Record<keyof UsageSettings, string>;

/** Throws OptionError (optionChecks.ts) on the first problem. */
export function usagePolicyFrom(s: UsageSettings, names: UsageNames): UsagePolicy {
  const mode = oneOf(names.usage, s.usage ?? DEFAULT_USAGE_POLICY.mode, USAGE_MODES);
  if (s.usageMaxAge !== undefined && mode !== 'auto')
    throw new OptionError(`${names.usageMaxAge} applies only when ${names.usage} is auto (got ${mode})`);
  const maxAgeDays =
    s.usageMaxAge === undefined
      ? DEFAULT_USAGE_POLICY.maxAgeDays
      : numberIn(names.usageMaxAge, s.usageMaxAge, 0, USAGE_MAX_AGE_LIMIT_DAYS, false);
  return { mode, maxAgeDays };
}
