import * as React from 'react';
import { FocusZoneContext } from 'azure-devops-ui/FocusZone';
import { Icon } from 'azure-devops-ui/Icon';
import { Tooltip } from 'azure-devops-ui/TooltipEx';
import { showInvisibles } from '../../core/logSafe';

/**
 * Text that may be cut with an ellipsis: its whole text shows in a tooltip on hover and on keyboard focus.
 * Each one is a stop of the row's focus zone, so the left and right arrow keys reach it from the row.
 * Names others wrote: the text sits in <bdi> (a U+202E cannot reorder the row around it), and the
 * tooltip, plain text, shows bidi controls as `<U+202E>` (issue 21).
 */
export function CellText(props: { text: string; tooltip?: string; className?: string; wrap?: boolean }) {
  const zone = React.useContext(FocusZoneContext);
  const full = props.tooltip ?? props.text;
  return (
    <Tooltip text={showInvisibles(full)} overflowOnly={!props.tooltip && !props.wrap} showOnFocus>
      <span
        className={`${props.wrap ? 'sce-wrap' : 'text-ellipsis'} sce-cell-text ${props.className ?? ''}`}
        tabIndex={-1}
        data-focuszone={zone.focuszoneId}
        data-full-text={full}
      >
        <bdi>{props.text}</bdi>
      </span>
    </Tooltip>
  );
}

/** A primary line and an optional secondary one; each is whole on hover and focus. */
export function TwoLines(props: { first: React.ReactNode; second?: string | null; secondTooltip?: string }) {
  return (
    <div className="flex-column sce-two-lines">
      {typeof props.first === 'string' ? <CellText text={props.first} /> : props.first}
      {props.second ? <CellText text={props.second} tooltip={props.secondTooltip} className="secondary-text" /> : null}
    </div>
  );
}

/** A chevron at the end of a row: the row opens its details; the tooltip tells the fix's first step. */
export function DetailsAffordance(props: { hint: string }) {
  const zone = React.useContext(FocusZoneContext);
  return (
    <Tooltip text={props.hint} showOnFocus>
      <span
        className="sce-details-link flex-row flex-center"
        tabIndex={-1}
        data-focuszone={zone.focuszoneId}
        aria-label={props.hint}
        role="img"
      >
        <Icon iconName="ChevronRight" />
      </span>
    </Tooltip>
  );
}
