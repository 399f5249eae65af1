import { shortDate } from './days';
import { showInvisibles } from './logSafe';
import { expiryPhrase, relativeDays } from './labels';
import { STATUS_LABELS } from './status';
import type { SurfaceItem } from './surfaces';
import type { Status } from './types';

/** The words of the warning surfaces: one pill, one line per connection, the widget's lines. */

export interface PillText {
  text: string;
  tooltip: string;
  /** Red for expired and critical, amber for warning (IContributedPill's IColor). */
  color: { red: number; green: number; blue: number };
  status: Status;
}

// Azure DevOps's Pill writes white on a colour it finds dark (0.299 R + 0.587 G + 0.114 B <= 128), else black
// (azure-devops-ui Utilities/Color isDark): white on this red is 7.2:1, black on this amber 7.0:1.
const RED = { red: 164, green: 38, blue: 44 };
const AMBER = { red: 214, green: 127, blue: 60 };

export function colorOf(status: Status): PillText['color'] {
  return status === 'warning' || status === 'unknown' ? AMBER : RED;
}

/** The pill's text and tooltip are plain text the host shows: bidi controls in a name are shown as `<U+202E>`. */
function nameOf(item: SurfaceItem): string {
  return showInvisibles(item.connection.name);
}

/** "expires in 5 days" / "expired 3 days ago" / "expires today". */
export function expiryWords(item: SurfaceItem): string {
  const v = item.verdict;
  if (item.listingProblem) return 'expiry unknown';
  if (v.daysLeft === null) return STATUS_LABELS[v.status].toLowerCase();
  return expiryPhrase(v.daysLeft, v.status === 'expired');
}

/** The first step of the most pressing finding. */
export function firstStep(item: SurfaceItem): string {
  return item.verdict.findings.find((f) => f.fix.length > 0)?.fix[0] ?? '';
}

/** One line: the date, the reading's age and the fix. */
export function oneLineFix(item: SurfaceItem): string {
  if (item.listingProblem)
    return `${nameOf(item)}: cannot tell when its credential expires: ${item.listingProblem}. Open Connection expiry to read it from Azure DevOps.`;
  // The viewer's short date, with the days that the pill's text counts.
  const v = item.verdict;
  const days = v.daysLeft === null ? '' : `, ${relativeDays(v.daysLeft)}`;
  const date = v.expiresAt ? ` on ${shortDate(v.expiresAt)}${days}` : '';
  const asOf = item.takenAt ? ` (as of ${shortDate(item.takenAt)})` : '';
  return `${nameOf(item)}: credential ${item.verdict.status === 'expired' ? 'expired' : 'expires'}${date}${asOf}. ${firstStep(item)}`;
}

/** Several connections collapse into one pill with a count; the most urgent sets the colour. */
export function pillText(items: SurfaceItem[]): PillText | null {
  if (items.length === 0) return null;
  const first = items[0];
  if (items.length === 1) {
    return {
      text: `Connection ${nameOf(first)} ${expiryWords(first)}`,
      tooltip: oneLineFix(first),
      color: colorOf(first.verdict.status),
      status: first.verdict.status,
    };
  }
  const expired = items.filter((i) => i.verdict.status === 'expired').length;
  const unknown = items.filter((i) => i.listingProblem).length;
  const text =
    unknown > 0
      ? `${items.length} connections need a look (${unknown} unknown)`
      : expired === items.length
        ? `${items.length} connections expired`
        : expired > 0
          ? `${items.length} connections need renewal (${expired} expired)`
          : `${items.length} connections expire soon`;
  return {
    text,
    tooltip: items.map(oneLineFix).join(' · '),
    color: colorOf(first.verdict.status),
    status: first.verdict.status,
  };
}
