import { STATUS_ORDER } from '../../core/status';
import type { Status } from '../../core/types';

/** The widget's custom settings (WidgetSettings.customSettings.data), written by its configuration. */
export interface ExpiryWidgetSettings {
  statuses: Status[];
}

export const DEFAULT_WIDGET_STATUSES: Status[] = ['expired', 'critical', 'warning', 'unknown'];

/** Shared dashboard data, written by whoever may edit the dashboard: read defensively. */
export function readWidgetSettings(data: string | null | undefined): ExpiryWidgetSettings {
  let raw: unknown = null;
  try {
    raw = data ? JSON.parse(data) : null;
  } catch {
    raw = null;
  }
  const list = (raw as { statuses?: unknown } | null)?.statuses;
  const statuses = Array.isArray(list) ? STATUS_ORDER.filter((s) => list.includes(s)) : [];
  return { statuses: statuses.length > 0 ? statuses : DEFAULT_WIDGET_STATUSES };
}

export function writeWidgetSettings(settings: ExpiryWidgetSettings): {
  data: string;
  version: { major: number; minor: number; patch: number };
} {
  return { data: JSON.stringify({ statuses: settings.statuses }), version: { major: 1, minor: 0, patch: 0 } };
}
