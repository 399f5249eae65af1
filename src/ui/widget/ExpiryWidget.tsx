import * as React from 'react';
import type { SurfaceData } from '../../adapters/sdk/surfaceData';
import { shortDate } from '../../core/days';
import { STATUS_LABELS } from '../../core/status';
import { snapshotVerdicts, widgetSummary } from '../../core/surfaces';
import { expiryTimeline } from '../../core/timeline';
import { expiryWords } from '../../core/surfaceText';
import { ExpiryTimeline } from '../shared/ExpiryTimeline';
import { StatusText } from '../surface/StatusText';
import type { ExpiryWidgetSettings } from './widgetSettings';

export interface WidgetView {
  title: string;
  /** Dashboard rows the widget spans (1 or 2). */
  rows: number;
  settings: ExpiryWidgetSettings;
}

const HOW_TO_GET_READINGS =
  'An admin opens Project settings → Connection expiry signed in to Microsoft Graph, or a scheduled pipeline runs sc-expiry scan --publish.';

/** Counts by status and the soonest to expire, linked to the hub; says how to get readings when there are none. */
export function ExpiryWidget(props: {
  view: WidgetView;
  data: SurfaceData;
  nowMs: number;
  onOpen: (url: string) => void;
}) {
  const { view, data } = props;
  const open = (id: string | null) => (e: React.MouseEvent) => {
    e.preventDefault();
    props.onOpen(data.hubLink(id));
  };
  const thresholds = data.thresholds;
  const summary =
    thresholds && data.snapshot?.connections ? widgetSummary(data.snapshot, props.nowMs, thresholds) : null;
  // A 2×2 widget has room for the next 90 days of the hub's timeline (trusted readings only, as its counts).
  const timeline =
    view.rows >= 2 && thresholds && summary && summary.asOf !== null && data.snapshot
      ? expiryTimeline(
          snapshotVerdicts(data.snapshot, props.nowMs, thresholds)
            .filter((i) => i.trusted)
            .map((i) => ({ id: i.connection.id, status: i.verdict.status, expiresAt: i.verdict.expiresAt })),
          props.nowMs,
          { unit: 'week', count: 13 },
        )
      : null;
  return (
    <section data-surface="widget" className={`sce-widget sce-widget-rows-${view.rows}`} aria-label={view.title}>
      <h2 className="sce-widget-title">{view.title}</h2>
      {!thresholds ? (
        // Never counts computed with the defaults: the project's thresholds are unknown.
        <div className="sce-widget-empty" data-empty="true" data-thresholds-unread="true">
          <p>This project&apos;s thresholds could not be read ({data.thresholdsProblem}): no counts are shown.</p>
          <p className="sce-muted">Open Project settings → Connection expiry.</p>
        </div>
      ) : !summary || (summary.asOf === null && summary.listingProblem === null) ? (
        <div className="sce-widget-empty" data-empty="true">
          <p>No expiry readings for this project yet.</p>
          <p className="sce-muted">{HOW_TO_GET_READINGS}</p>
        </div>
      ) : (
        <>
          <ul className="sce-widget-counts">
            {view.settings.statuses.map((s) => (
              <li key={s} data-count-status={s} className={`sce-count sce-count-${s}`}>
                <span className="sce-count-number">{summary.counts[s]}</span>
                <span className="sce-count-label">{STATUS_LABELS[s]}</span>
              </li>
            ))}
          </ul>
          {summary.soonest ? (
            <p
              className="sce-widget-soonest"
              data-connection-id={summary.soonest.connection.id}
              data-status={summary.soonest.verdict.status}
            >
              <StatusText status={summary.soonest.verdict.status} />{' '}
              <a href={data.hubLink(summary.soonest.connection.id)} onClick={open(summary.soonest.connection.id)}>
                <bdi>{summary.soonest.connection.name}</bdi>
              </a>{' '}
              {expiryWords(summary.soonest)}
            </p>
          ) : (
            <p className="sce-widget-soonest sce-muted">Nothing expires within {thresholds?.warningDays} days.</p>
          )}
          {summary.listingProblem ? (
            <p className="sce-widget-listing" role="note" data-listing-problem="true">
              Some connections count as unknown: {summary.listingProblem}. Open Connection expiry to read them from
              Azure DevOps.
            </p>
          ) : null}
          {data.thresholdsNote ? (
            <p className="sce-widget-thresholds sce-muted" data-thresholds-note="true">
              {data.thresholdsNote}
            </p>
          ) : null}
          {timeline ? <ExpiryTimeline timeline={timeline} spanText="next 90 days" compact /> : null}
          <p
            className={summary.stale ? 'sce-widget-asof sce-widget-stale' : 'sce-widget-asof sce-muted'}
            data-stale={summary.stale}
          >
            {summary.stale
              ? `Readings from ${shortDate(summary.asOf)} are stale: open the hub signed in to Graph to refresh them.`
              : summary.asOf
                ? `As of ${shortDate(summary.asOf)}.`
                : ''}{' '}
            <a href={data.hubLink(null)} onClick={open(null)}>
              Open Connection expiry
            </a>
          </p>
        </>
      )}
    </section>
  );
}
