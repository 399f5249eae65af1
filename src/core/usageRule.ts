import { DAY_MS, toMs } from './days';
import type { Connection, Finding, ProjectRef } from './types';
import { USAGE_WINDOW_DAYS, type ConnectionUsage, type PipelineUse, type ProjectReading } from './usage';

/**
 * When "unused" may be said. Execution history is stored per project: a connection shared by several
 * projects is unused only when every project that references it was read, whole, and none used it in
 * the window. A project not read makes the answer unknown, and names it. An empty history from a project
 * where the reader may not view the connection looks like no use, so without a project administrator's
 * reading there it is "unused in the projects you can see".
 */

const sameProject = (a: ProjectRef, b: ProjectRef) =>
  (!!a.id && !!b.id && a.id.toLowerCase() === b.id.toLowerCase()) ||
  (!a.id || !b.id ? a.name.toLowerCase() === b.name.toLowerCase() : false);

/** The projects that reference the connection whose history the usage does not hold. */
export function unreadProjects(connection: Connection, usage: ConnectionUsage | undefined): ProjectRef[] {
  const referencing = connection.projects;
  if (!usage) return referencing;
  // A reading that does not say its projects (made before they were kept) holds one project's history.
  if (!usage.readIn) return referencing.length > 1 ? referencing : [];
  const read = usage.readIn;
  return referencing.filter((p) => !read.some((r) => sameProject(r.project, p)));
}

/** The reading of the connection's history in that project, when the usage holds one. */
export function readingIn(usage: ConnectionUsage | undefined, project: ProjectRef): ProjectReading | undefined {
  return usage?.readIn?.find((r) => sameProject(r.project, project));
}

/**
 * How far one read of a project's history went, newest first (adapters/usage/readUsage.ts): to its end, past
 * the window's start, or down to the newest record of an earlier reading there, found again by its id.
 */
export interface HistoryReach {
  ended: boolean;
  pastWindow: boolean;
  reachedKnown: boolean;
  /** That earlier reading was itself whole. */
  knownWhole: boolean;
}

/**
 * A reading is whole for the window (the only ground for "unused") when this read reached the history's end
 * or the window's start, or reached the newest record of an earlier whole reading: what was known plus what
 * was read covers the window. The earlier record must be found again by its id and is counted itself (a
 * stored reading is shared, writable input): a forged one cannot hide a use in the window, since its record
 * is either in the window (a use) or older (then this read went past the window's start anyway).
 */
export function readWhole(reach: HistoryReach): boolean {
  return reach.ended || reach.pastWindow || (reach.reachedKnown && reach.knownWhole);
}

/** Every project it was read in has a project administrator's reading. */
export function readByAdmins(usage: ConnectionUsage): boolean {
  return !!usage.readIn && usage.readIn.length > 0 && usage.readIn.every((r) => r.admin === true);
}

/** The usage window's start: a use at or after it counts (the one window check: "unused", reuse, fix risks). */
export function windowStart(nowMs: number, windowDays = USAGE_WINDOW_DAYS): number {
  return nowMs - windowDays * DAY_MS;
}

/** The pipelines that used it in the window, by what the usage holds (an unreadable date is no use in it). */
export function pipelinesInWindow(
  usage: ConnectionUsage,
  nowMs: number,
  windowDays = USAGE_WINDOW_DAYS,
): PipelineUse[] {
  const since = windowStart(nowMs, windowDays);
  return usage.pipelines.filter((p) => (toMs(p.lastUsedAt) ?? -Infinity) >= since);
}

const names = (projects: ProjectRef[]) => projects.map((p) => p.name || p.id).join(', ');

export function unusedFinding(
  connection: Connection,
  usage: ConnectionUsage | undefined,
  nowMs: number,
  windowDays = USAGE_WINDOW_DAYS,
): Finding | null {
  if (!usage || !usage.complete || !connection.entraBacked) return null;
  if (unreadProjects(connection, usage).length > 0) return null;
  const since = windowStart(nowMs, windowDays);
  const created = toMs(connection.createdAt);
  if (created === null || created > since) return null;
  if (pipelinesInWindow(usage, nowMs, windowDays).length > 0) return null;
  // The latest use, whatever the order the usage came in (a snapshot is written by others).
  const last = usage.pipelines.reduce<string | null>(
    (best, p) => ((toMs(p.lastUsedAt) ?? -Infinity) > (toMs(best) ?? -Infinity) ? p.lastUsedAt : best),
    null,
  );
  const lastText = last ? ` (last used ${last.slice(0, 10)})` : '';
  if (!readByAdmins(usage)) {
    const read = usage.readIn?.map((r) => r.project) ?? connection.projects;
    const where = read.length > 0 ? ` (${names(read)})` : '';
    return {
      code: 'unused',
      severity: 'info',
      message: `Unused in the projects you can see${where}: no pipeline used it in ${windowDays} days${lastText}.`,
      fix: [
        'An empty usage history can also mean you may not view the connection there: ask a project administrator of each project that uses it to check its Usage history before deleting anything.',
        'If nothing needs it, delete the connection and its app registration: an unused credential is only a risk.',
      ],
    };
  }
  return {
    code: 'unused',
    severity: 'info',
    message: `Unused: no pipeline used it in ${windowDays} days${lastText}. Consider deleting it.`,
    fix: [
      'Check with the project whether anything still needs it (Usage history on the connection’s page in Azure DevOps).',
      'If not, delete the connection and its app registration: an unused credential is only a risk.',
    ],
  };
}

/** "not read in B, C": why a shared connection's use is unknown; null when every referencing project was read. */
export function unreadText(connection: Connection, usage: ConnectionUsage | undefined): string | null {
  const unread = unreadProjects(connection, usage);
  return unread.length > 0 ? `not read in ${names(unread)}` : null;
}
