import * as React from 'react';
import { STATUS_LABELS } from '../../core/status';
import type { Status } from '../../core/types';

/** A status as text in a bordered chip (colour is never the only signal). */
export function StatusText(props: { status: Status }) {
  return <span className={`sce-status sce-status-${props.status}`}>{STATUS_LABELS[props.status]}</span>;
}
