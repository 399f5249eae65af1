import type { ClientIdChange } from '../../core/clientIdSetting';
import { dateAndDays } from '../../core/labels';
import { DEFAULT_THRESHOLDS, isCustomThresholds } from '../../core/thresholds';
import type { Thresholds } from '../../core/types';
import type { HubData } from './loadSteps';

/** Words and decisions about settings shared by the header, the app note and the Settings panel. */

export function describeChange(h: ClientIdChange, nowMs: number): string {
  const when = dateAndDays(h.at, nowMs);
  return `${h.clientId ? `set to ${h.clientId}` : 'cleared'} by ${h.by || 'someone'}${when ? ` on ${when}` : ''}`;
}

/** "Microsoft Graph sign-in uses Entra app …": which app every viewer's sign-in and consent goes to, and why. */
export function appInUse(
  data: Pick<HubData, 'clientId' | 'clientIdSource' | 'clientIdHistory'>,
  nowMs: number,
): string | null {
  if (!data.clientId) return null;
  if (data.clientIdSource === 'package')
    return `Microsoft Graph sign-in uses Entra app ${data.clientId}, fixed in the extension package.`;
  const last = data.clientIdHistory.find((h) => h.clientId === data.clientId);
  return `Microsoft Graph sign-in uses Entra app ${data.clientId}, ${last ? describeChange(last, nowMs) : 'set in Settings'}.`;
}

/** The header's note when the project does not use the default thresholds. */
export function thresholdsNote(t: Thresholds): string | null {
  if (!isCustomThresholds(t)) return null;
  return `Project thresholds: warning ${t.warningDays} days, critical ${t.criticalDays} (defaults ${DEFAULT_THRESHOLDS.warningDays} and ${DEFAULT_THRESHOLDS.criticalDays})`;
}

export interface SettingsSave {
  clientId?: string | null;
  thresholds?: Thresholds;
}

/** Only what changed is written: an unchanged value is never rewritten over someone else's newer one. */
export function changedSettings(
  data: Pick<HubData, 'clientId' | 'clientIdSource' | 'thresholds' | 'settingsError' | 'thresholdsInvalid'>,
  clientId: string | null,
  thresholds: Thresholds | null,
): SettingsSave {
  if (data.settingsError) throw new Error(`the settings could not be read (${data.settingsError}); Refresh first`);
  const out: SettingsSave = {};
  if (data.clientIdSource !== 'package' && (clientId ?? null) !== (data.clientId ?? null)) out.clientId = clientId;
  if (
    thresholds &&
    (data.thresholdsInvalid ||
      thresholds.warningDays !== data.thresholds.warningDays ||
      thresholds.criticalDays !== data.thresholds.criticalDays)
  )
    out.thresholds = thresholds;
  return out;
}
