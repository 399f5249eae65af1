import * as React from 'react';
import type { SurfaceData } from '../../adapters/sdk/surfaceData';
import { shortDate } from '../../core/days';
import { devopsConnectionLink } from '../../core/links';
import { likelyCause, pipelineWarnings, type SurfaceItem } from '../../core/surfaces';
import { expiryWords, firstStep } from '../../core/surfaceText';
import { showInvisibles } from '../../core/logSafe';
import { StatusText } from '../surface/StatusText';

/** The run being shown, from the build page data service. */
export interface RunInfo {
  definitionId: number;
  buildNumber: string;
  failed: boolean;
  finishedAt: string | null;
}

/**
 * A plain click goes through the host's navigation service (the frame may not navigate the page itself);
 * a click with a modifier (new tab, new window) is left to the browser.
 */
function openInHost(url: string, onOpen: (url: string) => void) {
  return (e: React.MouseEvent) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen(url);
  };
}

function Item(props: { item: SurfaceItem; data: SurfaceData; cause: boolean; onOpen: (url: string) => void }) {
  const { connection: c, verdict: v } = props.item;
  return (
    <li className="sce-run-item" data-connection-id={c.id} data-status={v.status}>
      <div className="sce-run-line">
        <StatusText status={v.status} />{' '}
        <strong className="sce-run-name" title={showInvisibles(c.name)}>
          <bdi>{c.name}</bdi>
        </strong>{' '}
        <span>
          credential {expiryWords(props.item)}
          {v.expiresAt ? ` (${shortDate(v.expiresAt)})` : ''}
        </span>
      </div>
      {props.cause ? (
        <p className="sce-run-cause" role="note">
          Likely cause of this failure: the credential had expired before the run finished.
        </p>
      ) : null}
      <p className="sce-run-fix">{firstStep(props.item)}</p>
      <div className="sce-run-links">
        <a href={props.data.hubLink(c.id)} onClick={openInHost(props.data.hubLink(c.id), props.onOpen)}>
          Details in Connection expiry
        </a>
        <a
          href={devopsConnectionLink(props.data.orgUrl, props.data.project.name, c.id)}
          target="_blank"
          rel="noopener noreferrer"
        >
          Open the service connection
        </a>
      </div>
    </li>
  );
}

/** The connections this run's pipeline uses that need action; nothing at all when none does. */
export function RunSection(props: { data: SurfaceData; run: RunInfo; nowMs: number; onOpen: (url: string) => void }) {
  const { thresholds } = props.data;
  // Thresholds that could not be read: say so, never a verdict computed with the defaults.
  if (!thresholds)
    return (
      <section data-surface="run-section" data-thresholds-unread="true" className="sce-run">
        <p className="sce-muted">
          Service connection expiry: this project&apos;s thresholds could not be read ({props.data.thresholdsProblem}),
          so no verdict is shown here. Open Project settings → Connection expiry.
        </p>
      </section>
    );
  const items = pipelineWarnings(props.data.snapshot, props.run.definitionId, props.nowMs, thresholds);
  if (items.length === 0) return <div data-surface="run-section" data-empty="true" />;
  const cause = likelyCause(items, props.run);
  const asOf = items
    .map((i) => i.takenAt)
    .filter((t): t is string => !!t)
    .sort()[0];
  return (
    <section data-surface="run-section" aria-label="Service connections that need action" className="sce-run">
      <h2 className="sce-run-title">
        {items.length === 1
          ? '1 service connection this pipeline uses needs action'
          : `${items.length} service connections this pipeline uses need action`}
      </h2>
      <ul className="sce-run-list">
        {items.map((i) => (
          <Item key={i.connection.id} item={i} data={props.data} cause={cause === i} onOpen={props.onOpen} />
        ))}
      </ul>
      <p className="sce-muted sce-run-asof">
        {asOf ? `Expiry dates as of ${shortDate(asOf)}, from the last scan of this project.` : ''}
        {props.data.thresholdsNote ? ` ${props.data.thresholdsNote}` : ''}
      </p>
    </section>
  );
}
