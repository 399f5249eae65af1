import * as React from 'react';
import { TIMELINE_STATUSES, type Timeline, type TimelineBar } from '../../core/timeline';
import { barCaption, barCounts, barLabel, barPeriod } from './timelineText';

interface Props {
  timeline: Timeline;
  /** "next 12 months", "next 90 days". */
  spanText: string;
  /** The bar the table is filtered to. */
  selected?: string | null;
  /** Absent: the bars only show (the widget); present: a click or Enter on a bar filters by it, again clears. */
  onSelect?: (bar: TimelineBar | null) => void;
  compact?: boolean;
}

const BAR_HEIGHT = 64;
/** The widget's bars are lower: it has three lines of text to keep. */
const COMPACT_BAR_HEIGHT = 40;

/**
 * What expires when, as native buttons (focus, Enter/Space, screen-reader names come free) drawn as stacked bars
 * by CSS, no chart library. Left/Right/Home/End move between bars (one tab stop), and a table of the same
 * numbers is one click away.
 */
export function ExpiryTimeline(props: Props) {
  const { timeline, onSelect } = props;
  const [asTable, setAsTable] = React.useState(false);
  const [focusIndex, setFocusIndex] = React.useState(0);
  const refs = React.useRef<(HTMLElement | null)[]>([]);
  const max = Math.max(1, ...timeline.bars.map((b) => b.total));
  const move = (e: React.KeyboardEvent, i: number) => {
    const next = nextBar(e.key, i, timeline.bars.length - 1);
    if (next === null) return;
    e.preventDefault();
    setFocusIndex(next);
    refs.current[next]?.focus();
  };
  const Bar = onSelect ? 'button' : 'div';
  return (
    <section
      className="sce-timeline"
      aria-label={`Expiry timeline, ${props.spanText}`}
      data-timeline={timeline.bars.length}
    >
      <div className="sce-timeline-head flex-row flex-center">
        <h2 className="sce-timeline-title">What expires when · {props.spanText}</h2>
        <button
          type="button"
          className="sce-timeline-toggle"
          aria-expanded={asTable}
          onClick={() => setAsTable((v) => !v)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {asTable ? (
        <TimelineTable timeline={timeline} />
      ) : (
        <div
          className="sce-timeline-bars flex-row"
          role={onSelect ? 'toolbar' : 'list'}
          aria-label={onSelect ? 'Filter the table by when connections expire' : 'Connections by when they expire'}
        >
          {timeline.bars.map((b, i) => {
            const pressed = props.selected === b.key;
            const caption = (
              <BarCaption {...barCaption(b, i)} onClick={onSelect && (() => onSelect(pressed ? null : b))} />
            );
            const bar = (
              <Bar
                key={b.key}
                ref={(el: HTMLElement | null) => {
                  refs.current[i] = el;
                }}
                className={`sce-bar${pressed ? ' pressed' : ''}${b.total === 0 ? ' empty' : ''}`}
                data-bar-key={b.key}
                data-bar-total={b.total}
                title={barLabel(b)}
                {...(onSelect
                  ? {
                      type: 'button',
                      'aria-label': barLabel(b),
                      'aria-pressed': pressed,
                      tabIndex: i === focusIndex ? 0 : -1,
                      onClick: () => onSelect(pressed ? null : b),
                      onKeyDown: (e: React.KeyboardEvent) => move(e, i),
                      onFocus: () => setFocusIndex(i),
                    }
                  : { role: 'listitem', 'aria-label': barLabel(b) })}
              >
                <span className="sce-bar-count" aria-hidden="true">
                  {b.total || ''}
                </span>
                <span
                  className="sce-bar-stack flex-column"
                  aria-hidden="true"
                  style={{ height: Math.round((b.total / max) * (props.compact ? COMPACT_BAR_HEIGHT : BAR_HEIGHT)) }}
                >
                  {TIMELINE_STATUSES.filter((s) => b.counts[s] > 0).map((s) => (
                    <span key={s} className={`sce-seg sce-seg-${s}`} style={{ flexGrow: b.counts[s] }} />
                  ))}
                </span>
                {onSelect ? null : caption}
              </Bar>
            );
            // A button's visible words must be in its name (WCAG 2.5.3): "Jan" is not in "January 2027: …", so a
            // button's caption sits under it, outside it; a click on the caption still presses the bar.
            return onSelect ? (
              <div key={b.key} className="sce-bar-col">
                {bar}
                {caption}
              </div>
            ) : (
              bar
            );
          })}
        </div>
      )}
      {timeline.later > 0 ? (
        <p className="secondary-text sce-timeline-later">
          {timeline.later === 1 ? '1 more connection expires' : `${timeline.later} more connections expire`} later.
        </p>
      ) : null}
    </section>
  );
}

/** A bar's short name under it ("Jan", "2027" under it on January): the bar's own label says it in full. */
function BarCaption(props: { text: string; year: string | null; onClick?: () => void }) {
  return (
    <span className="sce-bar-caption" aria-hidden="true" onClick={props.onClick}>
      {props.text}
      {props.year ? <span className="sce-bar-year">{props.year}</span> : null}
    </span>
  );
}

/** The bar a key moves to from bar `i`, or null when the key is not one of the toolbar's. */
function nextBar(key: string, i: number, last: number): number | null {
  if (key === 'ArrowRight') return Math.min(last, i + 1);
  if (key === 'ArrowLeft') return Math.max(0, i - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return null;
}

/** The same numbers as a table, for screen readers and for reading exact counts. */
function TimelineTable(props: { timeline: Timeline }) {
  return (
    <table className="sce-timeline-table">
      <caption className="sce-visually-hidden">Connections by when they expire</caption>
      <thead>
        <tr>
          <th scope="col">Period</th>
          <th scope="col">Connections</th>
          {TIMELINE_STATUSES.map((s) => (
            <th key={s} scope="col">
              {s[0].toUpperCase() + s.slice(1)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.timeline.bars.map((b) => (
          <tr key={b.key} data-bar-key={b.key}>
            <th scope="row">{barPeriod(b)}</th>
            <td title={barCounts(b)}>{b.total}</td>
            {TIMELINE_STATUSES.map((s) => (
              <td key={s}>{b.counts[s]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
