import { parseEndpoint } from '../../src/core/endpoint';
import { parseApplication } from '../../src/core/graph';
import { buildReport } from '../../src/core/report';
import { computeVerdict } from '../../src/core/verdict';
import type { AppLookup } from '../../src/core/types';
import {
  assigneeCandidates,
  decideWorkItem,
  DELETED,
  pickItem,
  trackingOf,
  type ExistingItem,
} from '../../src/core/workItemDecision';
import { parseStates, type WorkItemState } from '../../src/core/workItemStates';
import { descriptionFor, readFingerprint, tagsFor, titleFor } from '../../src/core/workItemText';
import { application, armEndpoint, iso, NOW } from '../support/payloads';

/**
 * Task states per process, as `GET {project}/_apis/wit/workitemtypes/Task/states` lists them: categories from
 * learn.microsoft.com "Workflow states and state categories" and "Default processes" (Basic To Do/Doing/Done;
 * CMMI's Task Resolved sits in the In Progress category, and CMMI has no Removed state).
 */
const TASK_STATES: Record<string, unknown> = {
  Agile: {
    count: 4,
    value: [
      { name: 'New', color: 'b2b2b2', category: 'Proposed' },
      { name: 'Active', color: '007acc', category: 'InProgress' },
      { name: 'Closed', color: '339933', category: 'Completed' },
      { name: 'Removed', color: 'ffffff', category: 'Removed' },
    ],
  },
  Scrum: {
    count: 4,
    value: [
      { name: 'To Do', color: 'b2b2b2', category: 'Proposed' },
      { name: 'In Progress', color: '007acc', category: 'InProgress' },
      { name: 'Done', color: '339933', category: 'Completed' },
      { name: 'Removed', color: 'ffffff', category: 'Removed' },
    ],
  },
  Basic: {
    count: 3,
    value: [
      { name: 'To Do', color: 'b2b2b2', category: 'Proposed' },
      { name: 'Doing', color: '007acc', category: 'InProgress' },
      { name: 'Done', color: '339933', category: 'Completed' },
    ],
  },
  CMMI: {
    count: 4,
    value: [
      { name: 'Proposed', color: 'b2b2b2', category: 'Proposed' },
      { name: 'Active', color: '007acc', category: 'InProgress' },
      { name: 'Resolved', color: 'ff9d00', category: 'InProgress' },
      { name: 'Closed', color: '339933', category: 'Completed' },
    ],
  },
};
const COMPLETED = { Agile: 'Closed', Scrum: 'Done', Basic: 'Done', CMMI: 'Closed' } as const;
const PROPOSED = { Agile: 'New', Scrum: 'To Do', Basic: 'To Do', CMMI: 'Proposed' } as const;
const PROCESSES = Object.keys(COMPLETED) as (keyof typeof COMPLETED)[];

function entry(daysLeft: number, name = 'arm-prod') {
  const connection = parseEndpoint({
    ...armEndpoint({ name }),
    createdBy: { displayName: 'John Doe', id: 'x', uniqueName: 'john@contoso.com' },
  });
  const lookup: AppLookup = {
    kind: 'found',
    app: parseApplication(application([{ start: iso(-60), end: iso(daysLeft) }]))!,
  };
  const verdict = computeVerdict({ connection, lookup, nowMs: NOW });
  const report = buildReport(
    [{ connection, verdict, project: 'Web' }],
    'https://dev.azure.com/contoso',
    {
      warningDays: 30,
      criticalDays: 7,
    },
    new Date(NOW).toISOString(),
  ).connections[0];
  return { report, verdict };
}

/** What an item holds after sc-expiry wrote it for a given day count. */
function itemFor(daysLeft: number, state: string, id = 7): ExistingItem {
  const { report, verdict } = entry(daysLeft);
  const t = trackingOf(report, verdict);
  if (t.kind !== 'needs') throw new Error('expected needs');
  return {
    id,
    state,
    type: 'Task',
    description: descriptionFor({ connection: report, fix: t.fix, fingerprint: t.fingerprint }),
  };
}

describe.each(PROCESSES)('the work item of one connection, %s process', (process) => {
  const states = parseStates(TASK_STATES[process]) as WorkItemState[];
  const decide = (days: number, item: ExistingItem | null) => {
    const { report, verdict } = entry(days);
    return decideWorkItem(trackingOf(report, verdict), item, states);
  };

  it('creates one when a connection needs action and none exists', () => {
    expect(decide(20, null)).toEqual({ kind: 'create' });
  });
  it('does nothing on an unchanged day (no duplicate, no comment)', () => {
    expect(decide(20, itemFor(20, PROPOSED[process]))).toEqual({ kind: 'nothing', why: 'unchanged' });
  });
  it('comments once when the status changes', () => {
    const action = decide(5, itemFor(20, PROPOSED[process]));
    expect(action.kind).toBe('update');
    expect(action.kind === 'update' && action.comment).toMatch(/Status changed: warning → critical/);
  });
  it(`closes with the Completed state (${COMPLETED[process]}) once renewed`, () => {
    const action = decide(85, itemFor(5, PROPOSED[process]));
    expect(action).toMatchObject({ kind: 'close', state: COMPLETED[process] });
    expect(action.kind === 'close' && action.comment).toMatch(/renewed: healthy, expires/);
  });
  it(`reopens (${PROPOSED[process]}) one a person closed, never a second`, () => {
    const action = decide(5, itemFor(5, COMPLETED[process]));
    expect(action).toMatchObject({ kind: 'reopen', state: PROPOSED[process] });
  });
  it('closes the item of a deleted connection, and leaves a closed one alone', () => {
    expect(decideWorkItem(DELETED, itemFor(5, PROPOSED[process]), states)).toMatchObject({ kind: 'close' });
    expect(decideWorkItem(DELETED, itemFor(5, COMPLETED[process]), states).kind).toBe('nothing');
  });
  it('prefers the open item of two', () => {
    const picked = pickItem([itemFor(5, COMPLETED[process], 9), itemFor(5, PROPOSED[process], 4)], () => states);
    expect(picked?.id).toBe(4);
  });
});

describe('what decides nothing', () => {
  it('a connection Graph could not read this run leaves its item as it is', () => {
    const connection = parseEndpoint(armEndpoint());
    const verdict = computeVerdict({ connection, lookup: { kind: 'forbidden', message: '403' }, nowMs: NOW });
    const report = buildReport(
      [{ connection, verdict, project: 'Web' }],
      null,
      { warningDays: 30, criticalDays: 7 },
      '',
    ).connections[0];
    expect(trackingOf(report, verdict).kind).toBe('undetermined');
    expect(decideWorkItem(trackingOf(report, verdict), itemFor(5, 'New'), parseStates(TASK_STATES.Agile)).kind).toBe(
      'nothing',
    );
  });
  it('a type without a Completed state cannot be closed, and says so', () => {
    const { report, verdict } = entry(85);
    const action = decideWorkItem(trackingOf(report, verdict), itemFor(5, 'New'), [
      { name: 'New', category: 'Proposed' },
    ]);
    expect(action.kind).toBe('blocked');
  });
});

describe('hostile names', () => {
  const hostile = '<img src=x onerror=alert(1)> ##vso[task.setvariable variable=x]1\u001b[31m';
  const { report, verdict } = entry(5, hostile);

  it('are escaped in the HTML description, plain in title and tags', () => {
    const t = trackingOf(report, verdict);
    if (t.kind !== 'needs') throw new Error('needs');
    const html = descriptionFor({ connection: report, fix: t.fix, fingerprint: t.fingerprint });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(readFingerprint(html)).toEqual(t.fingerprint);
    const title = titleFor(report);
    expect(title).toMatch(
      /^Renew service connection <img src=x onerror=alert\(1\)> ##vso\[.*: critical, \d{4}-\d{2}-\d{2}$/,
    );
    expect(title).not.toContain(String.fromCharCode(27));
    expect(title.length).toBeLessThanOrEqual(255);
    expect(tagsFor('3B2A1F0E-0000-4000-8000-000000000010;evil')).toBe(
      'sc-expiry; sc-expiry:3b2a1f0e-0000-4000-8000-000000000010evil',
    );
  });
});

describe('bidi and invisible characters', () => {
  it.each([
    ['override', 'acr-\u202Egnp.exe-push', 'acr-<U+202E>gnp.exe-push'],
    ['isolate and zero width', 'web\u2066\u200Bapp', 'web<U+2066><U+200B>app'],
    ['byte order mark', 'prod\uFEFFweb', 'prod<U+FEFF>web'],
  ])('%s: shown as escapes in the title and the description', (_, name, shown) => {
    const { report, verdict } = entry(5, name);
    const t = trackingOf(report, verdict);
    if (t.kind !== 'needs') throw new Error('needs');
    expect(titleFor(report)).toContain(`Renew service connection ${shown}:`);
    const html = descriptionFor({ connection: report, fix: t.fix, fingerprint: t.fingerprint });
    expect(html).toContain(shown.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\uFEFF]/);
  });
});

describe('whom to assign', () => {
  const owners = {
    user: { id: 'u1', kind: 'user' as const, displayName: 'Adele', userPrincipalName: 'adele@contoso.com', mail: null },
    nameless: { id: 'u2', kind: 'user' as const, displayName: null, userPrincipalName: null, mail: null },
  };
  it.each([
    [
      'creator',
      { kind: 'creator' as const },
      { createdBy: { id: null, displayName: 'J', uniqueName: 'j@c.com' }, owners: null },
      ['j@c.com'],
      null,
    ],
    [
      'creator unknown',
      { kind: 'creator' as const },
      { createdBy: null, owners: null },
      [],
      /does not say who created/,
    ],
    [
      'owner with a name',
      { kind: 'owner' as const },
      { createdBy: null, owners: [owners.nameless, owners.user] },
      ['adele@contoso.com'],
      null,
    ],
    [
      'owners without names',
      { kind: 'owner' as const },
      { createdBy: null, owners: [owners.nameless] },
      [],
      /User\.ReadBasic\.All/,
    ],
    ['nobody owns it', { kind: 'owner' as const }, { createdBy: null, owners: [] }, [], /nobody owns/],
    [
      'an e-mail',
      { kind: 'email' as const, email: 'ops@contoso.com' },
      { createdBy: null, owners: null },
      ['ops@contoso.com'],
      null,
    ],
    ['none', { kind: 'none' as const }, { createdBy: null, owners: null }, [], null],
  ])('%s', (_n, assign, who, candidates, why) => {
    const got = assigneeCandidates(assign, who);
    expect(got.candidates).toEqual(candidates);
    if (why) expect(got.why).toMatch(why);
    else expect(got.why).toBeNull();
  });
});
