import { isUnknownAssignee, WorkItemError, type PatchOp, type WorkItemsClient } from '../adapters/rest/workItemsClient';
import { assigneeCandidates, decideWorkItem, pickItem, type ExistingItem } from '../core/workItemDecision';
import type { WorkItemState } from '../core/workItemStates';
import { descriptionFor, tagsFor, titleFor } from '../core/workItemText';
import type { Conn, TrackEntry, TrackOptions, TrackOutcome, TrackVerb } from './trackWorkItems';
import { permissionHint } from './workItemHints';

/** One project's writes; the first refusal stops them and is reported once with its hint. */
export class ProjectRun {
  stopped = false;
  private states = new Map<string, Promise<WorkItemState[] | null>>();

  constructor(
    private project: { id: string; name: string },
    private client: WorkItemsClient,
    private options: TrackOptions,
    private outcome: TrackOutcome,
  ) {}

  refused(e: unknown, what: 'query' | 'write'): void {
    const status = e instanceof WorkItemError || e instanceof Error ? (e as WorkItemError).status : null;
    const hint = permissionHint(status, what, {
      project: this.project.name,
      orgUrl: this.options.orgUrl,
      areaPath: this.options.areaPath ?? this.project.name,
      inPipeline: this.options.inPipeline,
    });
    this.outcome.problems.push({ project: this.project.name, message: (e as Error).message, hint });
    if (hint || what === 'query') this.stopped = true;
  }

  private statesOf(type: string): Promise<WorkItemState[] | null> {
    const key = type.toLowerCase();
    if (!this.states.has(key)) this.states.set(key, this.client.typeStates(this.project.name, type));
    return this.states.get(key) as Promise<WorkItemState[] | null>;
  }

  async track(conn: Conn, items: ExistingItem[]): Promise<void> {
    const record = (verb: TrackVerb, id: number | null, message: string | null = null): void => {
      this.outcome.actions.push({
        connectionId: conn.id,
        connection: conn.name,
        project: this.project.name,
        verb,
        id,
        message,
      });
    };
    try {
      const known = new Map<string, WorkItemState[] | null>();
      for (const i of items) known.set(i.type.toLowerCase(), await this.statesOf(i.type));
      const item = pickItem(items, (t) => known.get(t.toLowerCase()) ?? null);
      const action = decideWorkItem(conn.tracking, item, item ? (known.get(item.type.toLowerCase()) ?? null) : null);
      const open = (id: number) => {
        (this.outcome.tracked[this.project.id] ??= {})[conn.id.toLowerCase()] = id;
      };
      switch (action.kind) {
        case 'nothing':
          // A connection without item that needs none is not an action at all.
          if (!item) return;
          if (conn.tracking.kind !== 'clear' && action.why === 'unchanged') open(item.id);
          return record('unchanged', item.id, action.why);
        case 'blocked':
          return record('blocked', item?.id ?? null, action.why);
        case 'create': {
          const id = await this.create(conn);
          open(id);
          return record('created', id);
        }
        case 'update':
        case 'reopen':
        case 'close': {
          const target = item as ExistingItem;
          const ops: PatchOp[] =
            action.kind === 'update' ? [] : [{ op: 'add', path: '/fields/System.State', value: action.state }];
          if (action.kind !== 'close') ops.push(...this.content(conn, null));
          await this.client.update(this.project.name, target.id, ops);
          await this.client.addComment(this.project.name, target.id, action.comment);
          if (action.kind !== 'close') open(target.id);
          return record(
            action.kind === 'update' ? 'updated' : action.kind === 'close' ? 'closed' : 'reopened',
            target.id,
          );
        }
      }
    } catch (e) {
      this.refused(e, 'write');
      record('failed', null, (e as Error).message);
    }
  }

  /** Title, description and tags; `unassigned` says why nobody is assigned, when nobody is. */
  private content(conn: Conn, unassigned: string | null): PatchOp[] {
    const entry = conn.entry as TrackEntry;
    const t = conn.tracking;
    if (t.kind !== 'needs') return [];
    const field = (name: string, value: unknown): PatchOp => ({ op: 'add', path: `/fields/${name}`, value });
    return [
      field('System.Title', titleFor(entry.report)),
      field(
        'System.Description',
        descriptionFor({ connection: entry.report, fix: t.fix, fingerprint: t.fingerprint, unassigned }),
      ),
      field('System.Tags', tagsFor(conn.id)),
    ];
  }

  /** Creates the item; an assignee Azure DevOps does not know is skipped and named in the item. */
  private async create(conn: Conn): Promise<number> {
    const entry = conn.entry as TrackEntry;
    const { candidates, why } = assigneeCandidates(this.options.assign, entry.report);
    const area = this.options.areaPath
      ? [{ op: 'add' as const, path: '/fields/System.AreaPath', value: this.options.areaPath }]
      : [];
    const unknown: string[] = [];
    for (const who of [...candidates, null]) {
      const note = who
        ? null
        : unknown.length > 0
          ? `Azure DevOps does not know ${unknown.join(', ')} (not a member of this organization).`
          : why;
      const ops = [...this.content(conn, note), ...area];
      if (who) ops.push({ op: 'add', path: '/fields/System.AssignedTo', value: who });
      try {
        return await this.createTyped(ops);
      } catch (e) {
        if (who && isUnknownAssignee(e)) {
          unknown.push(who);
          continue;
        }
        throw e;
      }
    }
    throw new Error('unreachable');
  }

  /** The chosen type, or Task then Issue (a process without Task: the 404 says so). */
  private async createTyped(ops: PatchOp[]): Promise<number> {
    if (this.options.type) return this.client.create(this.project.name, this.options.type, ops);
    try {
      return await this.client.create(this.project.name, 'Task', ops);
    } catch (e) {
      if (e instanceof WorkItemError && e.status === 404 && e.typeKey === 'WorkItemTypeNotFoundException')
        return this.client.create(this.project.name, 'Issue', ops);
      throw e;
    }
  }
}
