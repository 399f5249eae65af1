import { isoDay } from './days';
import { plainText as visibleText } from './logSafe';
import { ownerLabel, ownersNote, creatorLabel } from './owners';
import type { ReportConnection } from './report';
import { STATUS_LABELS } from './status';

/**
 * What a tracked renewal says. Work item descriptions and comments are HTML (System.Description is an
 * HTML field; the comments API takes HTML text): every name, message and owner from the data is
 * escaped there. Titles and tags are plain text fields: control characters out, nothing escaped. Azure DevOps
 * shows neither without bidi isolation, so in both the invisible and reordering characters read as <U+202E>.
 */

export const TRACKING_TAG = 'sc-expiry';

/** The tag that finds a connection's item again: `sc-expiry:<connection id>`. */
export function connectionTag(connectionId: string): string {
  return `${TRACKING_TAG}:${connectionId.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
}

/** Both tags, as System.Tags writes them (`; ` between tags). */
export function tagsFor(connectionId: string): string {
  return `${TRACKING_TAG}; ${connectionTag(connectionId)}`;
}

/** Text for the HTML fields: controls out, invisibles shown, markup escaped. */
export function escapeHtml(text: string): string {
  return visibleText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Plain text for a title: controls become spaces, runs of spaces one, at most `max` characters. */
export function plainText(text: string, max = 255): string {
  const clean = visibleText(text)
    .replace(/[\u2028\u2029]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** "2026-12-10", or "no date" when the verdict has none. */
export function dayOf(c: Pick<ReportConnection, 'expiresAt'>): string {
  return c.expiresAt ? isoDay(c.expiresAt) : 'no date';
}

/** System.Title holds 255 characters at most. */
export function titleFor(c: ReportConnection): string {
  const tail = `: ${STATUS_LABELS[c.status].toLowerCase()}, ${dayOf(c)}`;
  const name = plainText(c.name, 255 - 'Renew service connection '.length - tail.length);
  return `Renew service connection ${name}${tail}`;
}

/** FNV-1a of the fix steps, in hex: what "the fix changed" compares. */
export function fixKey(steps: string[]): string {
  let h = 0x811c9dc5;
  for (const ch of steps.join('\n')) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** What the item last said, kept visibly at the end of its description so a run can tell what changed. */
export interface Fingerprint {
  status: string;
  date: string;
  fix: string;
}

const FOOTER = /sc-expiry state: status=([a-z-]+); date=([0-9a-z -]+); fix=([0-9a-f]{8})/;

export function footerText(f: Fingerprint): string {
  return `sc-expiry state: status=${f.status}; date=${f.date}; fix=${f.fix}`;
}

/** The fingerprint in a description someone may have edited: null when it is not there. */
export function readFingerprint(descriptionHtml: string | null): Fingerprint | null {
  const m = FOOTER.exec(descriptionHtml ?? '');
  return m ? { status: m[1], date: m[2].trim(), fix: m[3] } : null;
}

export interface DescriptionInput {
  connection: ReportConnection;
  /** The fix steps of the findings that ask for action. */
  fix: string[];
  fingerprint: Fingerprint;
  /** Why nobody is assigned, when nobody is. */
  unassigned?: string | null;
}

const link = (href: string | null, text: string) =>
  href && /^https?:\/\//i.test(href) ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : null;

/** System.Description: reason, fix steps, links, owners, the pipelines that use it; every datum escaped. */
export function descriptionFor(input: DescriptionInput): string {
  const c = input.connection;
  const parts: string[] = [];
  parts.push(`<p><b>Reason:</b> ${escapeHtml(c.reason)}</p>`);
  if (input.fix.length > 0)
    parts.push(`<p><b>Fix:</b></p><ol>${input.fix.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`);
  const links = [
    link(c.links.devops, `Service connection "${c.name}" in Azure DevOps`),
    link(c.links.entra, 'Certificates & secrets of the app registration in Entra ID'),
  ].filter((l): l is string => l !== null);
  if (links.length > 0) parts.push(`<p><b>Links:</b> ${links.join(' · ')}</p>`);
  const owners = c.owners === null ? 'not read' : c.owners.length === 0 ? 'none' : c.owners.map(ownerLabel).join(', ');
  const note = c.owners ? ownersNote(c.owners) : null;
  parts.push(
    `<p><b>Owners:</b> ${escapeHtml(owners)}<br/><b>Created by:</b> ${escapeHtml(creatorLabel(c.createdBy))}` +
      `${note ? `<br/><i>${escapeHtml(note)}</i>` : ''}</p>`,
  );
  const used =
    c.usedBy === null
      ? escapeHtml('not read')
      : c.usedBy.length === 0
        ? escapeHtml('no pipeline in the last 90 days')
        : c.usedBy.map((u) => link(u.link, u.name) ?? escapeHtml(u.name)).join(', ');
  parts.push(`<p><b>Used by:</b> ${used}</p>`);
  if (input.unassigned) parts.push(`<p><b>Not assigned:</b> ${escapeHtml(input.unassigned)}</p>`);
  parts.push(`<p><small>${escapeHtml(footerText(input.fingerprint))}</small></p>`);
  return parts.join('\n');
}

/** The comment on an open item whose status, date or fix changed: what changed, escaped. */
export function changeComment(before: Fingerprint | null, after: Fingerprint, fix: string[]): string {
  if (!before) return `<p>Updated by sc-expiry: status ${escapeHtml(after.status)}, ${escapeHtml(after.date)}.</p>`;
  const lines: string[] = [];
  if (before.status !== after.status)
    lines.push(`Status changed: ${escapeHtml(before.status)} → ${escapeHtml(after.status)}.`);
  if (before.date !== after.date) lines.push(`Date changed: ${escapeHtml(before.date)} → ${escapeHtml(after.date)}.`);
  if (before.fix !== after.fix && fix.length > 0) lines.push(`The fix changed; now first: ${escapeHtml(fix[0])}`);
  return `<p>${lines.join('<br/>')}</p>`;
}
