import { asObject, getKey, getString } from './raw';

/**
 * A work item type's states and their categories, from `GET {project}/_apis/wit/workitemtypes/{type}/states`
 * (REST reference "Work Item Type States - List": `{count, value: [{name, color, category}]}`; categories
 * Proposed, InProgress, Resolved, Completed, Removed). Process templates name their states differently
 * (Agile Closed, Scrum and Basic Done, CMMI Closed): only the category says which one closes an item.
 */

export type StateCategory = 'Proposed' | 'InProgress' | 'Resolved' | 'Completed' | 'Removed';

export interface WorkItemState {
  name: string;
  category: StateCategory | 'Other';
}

const CATEGORIES: StateCategory[] = ['Proposed', 'InProgress', 'Resolved', 'Completed', 'Removed'];

/** The states answer in either shape (`{value}` or a bare array); null when it is not a list. */
export function parseStates(body: unknown): WorkItemState[] | null {
  const list = Array.isArray(body) ? body : getKey(asObject(body), 'value');
  if (!Array.isArray(list)) return null;
  const out: WorkItemState[] = [];
  for (const item of list) {
    const obj = asObject(item);
    const name = getString(obj, 'name');
    const category = (getString(obj, 'category') ?? '').toLowerCase();
    if (name) out.push({ name, category: CATEGORIES.find((c) => c.toLowerCase() === category) ?? 'Other' });
  }
  return out;
}

/** The state that closes an item: the first of the Completed category. */
export function completedState(states: WorkItemState[]): string | null {
  return states.find((s) => s.category === 'Completed')?.name ?? null;
}

/** The state that reopens one: the first Proposed state, else the first In Progress one. */
export function reopenState(states: WorkItemState[]): string | null {
  return (
    states.find((s) => s.category === 'Proposed')?.name ?? states.find((s) => s.category === 'InProgress')?.name ?? null
  );
}

/** Closed means Completed or Removed; a state the type does not list (renamed since) counts as open. */
export function isClosedState(state: string, states: WorkItemState[]): boolean {
  const category = states.find((s) => s.name.toLowerCase() === state.toLowerCase())?.category;
  return category === 'Completed' || category === 'Removed';
}
