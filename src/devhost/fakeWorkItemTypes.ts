/**
 * The work item types the fake Azure DevOps knows, per process, with their states and state categories as
 * `GET {project}/_apis/wit/workitemtypes/{type}/states` lists them (REST reference "Work Item Type States -
 * List": `{count, value: [{name, color, category}]}`). Sources: learn.microsoft.com "Default processes and
 * process templates" (Basic: Epic, Issue, Task with To Do/Doing/Done; Agile, Scrum and CMMI have Task and,
 * but Scrum, Issue; the default CMMI workflow has no Removed state) and "How workflow states and state
 * categories are used" (Agile Task New/Active/Closed/Removed; Scrum Task To Do/In Progress/Done/Removed; CMMI
 * Task Resolved in the In Progress category, CMMI Issue Resolved in the Resolved category).
 */

export type Process = 'Agile' | 'Scrum' | 'Basic' | 'CMMI';
export const PROCESSES: Process[] = ['Agile', 'Scrum', 'Basic', 'CMMI'];

export interface FakeState {
  name: string;
  color: string;
  category: 'Proposed' | 'InProgress' | 'Resolved' | 'Completed' | 'Removed';
}

const s = (name: string, category: FakeState['category'], color: string): FakeState => ({ name, color, category });
const GREY = 'b2b2b2';
const BLUE = '007acc';
const ORANGE = 'ff9d00';
const GREEN = '339933';
const WHITE = 'ffffff';

const AGILE = [
  s('New', 'Proposed', GREY),
  s('Active', 'InProgress', BLUE),
  s('Closed', 'Completed', GREEN),
  s('Removed', 'Removed', WHITE),
];
const AGILE_ISSUE = [s('Active', 'Proposed', BLUE), s('Closed', 'Completed', GREEN)];
const SCRUM_TASK = [
  s('To Do', 'Proposed', GREY),
  s('In Progress', 'InProgress', BLUE),
  s('Done', 'Completed', GREEN),
  s('Removed', 'Removed', WHITE),
];
const BASIC = [s('To Do', 'Proposed', GREY), s('Doing', 'InProgress', BLUE), s('Done', 'Completed', GREEN)];
const CMMI_TASK = [
  s('Proposed', 'Proposed', GREY),
  s('Active', 'InProgress', BLUE),
  s('Resolved', 'InProgress', ORANGE),
  s('Closed', 'Completed', GREEN),
];
const CMMI_ISSUE = [
  s('Proposed', 'Proposed', GREY),
  s('Active', 'InProgress', BLUE),
  s('Resolved', 'Resolved', ORANGE),
  s('Closed', 'Completed', GREEN),
];

const TYPES: Record<Process, Record<string, FakeState[]>> = {
  Agile: { Task: AGILE, 'User Story': AGILE, Bug: AGILE, Issue: AGILE_ISSUE },
  Scrum: { Task: SCRUM_TASK, 'Product Backlog Item': SCRUM_TASK, Bug: SCRUM_TASK },
  Basic: { Task: BASIC, Issue: BASIC, Epic: BASIC },
  CMMI: { Task: CMMI_TASK, Requirement: CMMI_TASK, Bug: CMMI_ISSUE, Issue: CMMI_ISSUE },
};

/** The type's states, or null when the process has no such type (names compare case-insensitively). */
export function statesOf(process: Process, type: string): { name: string; states: FakeState[] } | null {
  const entry = Object.entries(TYPES[process]).find(([name]) => name.toLowerCase() === type.toLowerCase());
  return entry ? { name: entry[0], states: entry[1] } : null;
}
