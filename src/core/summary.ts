import { STATUS_ORDER } from './status';
import type { Status } from './types';

export type Summary = Record<Status, number>;

export function summarize(statuses: Iterable<Status>): Summary {
  const out = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Summary;
  for (const s of statuses) out[s] += 1;
  return out;
}
