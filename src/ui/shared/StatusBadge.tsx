import * as React from 'react';
import { Status, Statuses, StatusSize, type StatusType } from 'azure-devops-ui/Status';
import { STATUS_LABELS } from '../../core/status';
import type { Status as VerdictStatus } from '../../core/types';

const ICON: Record<VerdictStatus, StatusType> = {
  expired: 'Failed',
  critical: 'Failed',
  warning: 'Warning',
  healthy: 'Success',
  'no-secret': 'Information',
  unknown: 'Queued',
  'not-applicable': 'Skipped',
};

/**
 * Icon plus the status word: colour is never the only signal. The icon is decorative: with an ariaLabel
 * azure-devops-ui's Status adds an SVG <desc> of the same word, which screen readers and copied text read
 * twice ("CriticalCritical").
 */
export function StatusBadge(props: { status: VerdictStatus; size?: StatusSize }) {
  const label = STATUS_LABELS[props.status];
  return (
    <span className={`sce-badge sce-badge-${props.status} flex-row flex-center`}>
      <Status {...Statuses[ICON[props.status]]} size={props.size ?? StatusSize.m} className="sce-badge-icon" />
      <span className="sce-badge-text">{label}</span>
    </span>
  );
}
