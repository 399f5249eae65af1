import { isNameless } from './owners';
import type { ReportConnection } from './report';
import { needsAction } from './status';
import type { Verdict } from './types';
import { escapeHtml, changeComment, dayOf, fixKey, readFingerprint, type Fingerprint } from './workItemText';
import { completedState, isClosedState, reopenState, type WorkItemState } from './workItemStates';

/**
 * One tracked renewal per connection that needs action: what to do with its work item this run.
 * Create when none exists; comment only when the status, the date or the fix changed; close with the
 * type's Completed state when it no longer needs action; reopen a closed one needed again; else nothing.
 */

/** Findings about our own reading (Graph refused, failed, another tenant): never a reason to open or close an item. */
const READ_PROBLEMS = new Set(['no-graph-access', 'graph-error', 'other-tenant']);

export type Tracking =
  | { kind: 'needs'; fix: string[]; fingerprint: Fingerprint }
  | { kind: 'clear'; why: string }
  /** We could not tell this run (Graph unreadable): leave any item as it is. */
  | { kind: 'undetermined'; why: string };

const CLEAR: Partial<Record<Verdict['status'], (c: ReportConnection) => string>> = {
  healthy: (c) => `renewed: healthy, expires ${dayOf(c)}`,
  'no-secret': () => 'nothing left to expire (converted to workload identity federation or a managed identity)',
  'not-applicable': () => 'no Entra credential behind it any more',
};

export function trackingOf(c: ReportConnection, verdict: Verdict): Tracking {
  const acting = verdict.findings.filter((f) => f.severity !== 'info' && !READ_PROBLEMS.has(f.code));
  if (needsAction(verdict.status) || acting.length > 0) {
    const fix = [...new Set(acting.flatMap((f) => f.fix))];
    return { kind: 'needs', fix, fingerprint: { status: verdict.status, date: dayOf(c), fix: fixKey(fix) } };
  }
  const clear = CLEAR[verdict.status];
  return clear ? { kind: 'clear', why: clear(c) } : { kind: 'undetermined', why: verdict.reason };
}

export const DELETED: Tracking = { kind: 'clear', why: 'the service connection was deleted' };

export interface ExistingItem {
  id: number;
  state: string;
  type: string;
  description: string | null;
}

export type WorkItemAction =
  | { kind: 'create' }
  | { kind: 'update'; comment: string }
  | { kind: 'close'; state: string; comment: string }
  | { kind: 'reopen'; state: string; comment: string }
  | { kind: 'nothing'; why: string }
  /** Something should change but cannot (the type has no Completed state, its states unread). */
  | { kind: 'blocked'; why: string };

/** Of a connection's items (a person may have made a second), the open one with the highest id, else the newest closed. */
export function pickItem(
  items: ExistingItem[],
  statesOf: (type: string) => WorkItemState[] | null,
): ExistingItem | null {
  const sorted = [...items].sort((a, b) => b.id - a.id);
  return sorted.find((i) => !isClosedState(i.state, statesOf(i.type) ?? [])) ?? sorted[0] ?? null;
}

const same = (a: Fingerprint | null, b: Fingerprint) =>
  !!a && a.status === b.status && a.date === b.date && a.fix === b.fix;

export function decideWorkItem(
  tracking: Tracking,
  item: ExistingItem | null,
  states: WorkItemState[] | null,
): WorkItemAction {
  if (tracking.kind === 'undetermined') return { kind: 'nothing', why: `not decided this run: ${tracking.why}` };
  const closed = item ? isClosedState(item.state, states ?? []) : false;
  if (tracking.kind === 'clear') {
    if (!item || closed) return { kind: 'nothing', why: 'no action needed and no open item' };
    const state = states ? completedState(states) : null;
    if (!state)
      return { kind: 'blocked', why: `cannot close #${item.id}: the ${item.type} type lists no Completed state` };
    return {
      kind: 'close',
      state,
      comment: `<p>Closed by sc-expiry: the connection no longer needs action (${escapeHtml(tracking.why)}).</p>`,
    };
  }
  if (!item) return { kind: 'create' };
  const before = readFingerprint(item.description);
  if (closed) {
    const state = states ? reopenState(states) : null;
    if (!state)
      return { kind: 'blocked', why: `cannot reopen #${item.id}: the ${item.type} type lists no Proposed state` };
    const { status, date } = tracking.fingerprint;
    return {
      kind: 'reopen',
      state,
      comment: `<p>Reopened by sc-expiry: the connection needs action again (${escapeHtml(status)}, ${escapeHtml(date)}).</p>`,
    };
  }
  if (same(before, tracking.fingerprint)) return { kind: 'nothing', why: 'unchanged' };
  return { kind: 'update', comment: changeComment(before, tracking.fingerprint, tracking.fix) };
}

export type AssignTo = { kind: 'creator' } | { kind: 'owner' } | { kind: 'none' } | { kind: 'email'; email: string };

/** Whom to try for System.AssignedTo, in order, and why nobody when there is nobody to try. */
export function assigneeCandidates(
  assign: AssignTo,
  c: Pick<ReportConnection, 'createdBy' | 'owners'>,
): { candidates: string[]; why: string | null } {
  switch (assign.kind) {
    case 'none':
      return { candidates: [], why: null };
    case 'email':
      return { candidates: [assign.email], why: null };
    case 'creator': {
      const who = c.createdBy?.uniqueName;
      return who
        ? { candidates: [who], why: null }
        : { candidates: [], why: 'Azure DevOps does not say who created the connection.' };
    }
    case 'owner': {
      if (c.owners === null) return { candidates: [], why: "the app registration's owners were not read." };
      if (c.owners.length === 0) return { candidates: [], why: 'nobody owns the app registration.' };
      const users = c.owners.filter((o) => o.kind === 'user');
      const named = users.flatMap((o) => [o.userPrincipalName ?? o.mail].filter((x): x is string => !!x));
      if (named.length > 0) return { candidates: [...new Set(named)].slice(0, 3), why: null };
      if (users.some(isNameless))
        return {
          candidates: [],
          why: "Graph gave the owners without names (reading users' names needs User.ReadBasic.All).",
        };
      return { candidates: [], why: 'no owner of the app registration is a user.' };
    }
  }
}
