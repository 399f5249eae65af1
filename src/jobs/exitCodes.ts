import { severityRank } from '../core/status';
import type { Status } from '../core/types';
import type { FailOn } from './scanOptions';

export const EXIT = {
  /** Nothing at or above --fail-on. */
  ok: 0,
  /** A connection is at or above --fail-on. */
  failOn: 1,
  /** Bad usage or configuration. */
  usage: 2,
  /** The scan could not complete (auth, network): the report holds what was gathered. */
  incomplete: 3,
  /** Stopped by SIGINT (Ctrl-C), 128 + 2: every report file as it was or whole. */
  interrupted: 130,
  /** Stopped by SIGTERM, 128 + 15: every report file as it was or whole. */
  terminated: 143,
} as const;

export function reachesFailOn(status: Status, failOn: FailOn): boolean {
  return failOn !== 'none' && severityRank(status) <= severityRank(failOn);
}

/** An incomplete scan wins: "nothing at or above --fail-on" cannot be claimed about what was not read. */
export function exitCodeFor(statuses: Status[], failOn: FailOn, incomplete: boolean): number {
  if (incomplete) return EXIT.incomplete;
  return statuses.some((s) => reachesFailOn(s, failOn)) ? EXIT.failOn : EXIT.ok;
}
