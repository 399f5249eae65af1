import './widgetConfig.scss';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as SDK from 'azure-devops-extension-sdk';
import {
  ConfigurationEvent,
  WidgetConfigurationSave,
  WidgetStatusHelper,
  type IWidgetConfigurationContext,
  type WidgetSettings,
} from 'azure-devops-extension-api/Dashboard';
import { readWidgetSettings, writeWidgetSettings, type ExpiryWidgetSettings } from '../widget/widgetSettings';
import { WidgetConfig } from './WidgetConfig';

/** Composition of the widget's configuration (Microsoft's sample: src/Samples/widget-configuration). */
let current: ExpiryWidgetSettings = readWidgetSettings(null);
let context: IWidgetConfigurationContext | null = null;

function changed(next: ExpiryWidgetSettings): void {
  current = next;
  // Lights up Save and previews the change in the widget.
  if (next.statuses.length > 0)
    void context?.notify(ConfigurationEvent.ConfigurationChange, ConfigurationEvent.Args(writeWidgetSettings(next)));
}

const configuration = {
  load(settings: WidgetSettings, widgetContext: IWidgetConfigurationContext) {
    context = widgetContext;
    current = readWidgetSettings(settings?.customSettings?.data);
    ReactDOM.render(<WidgetConfig initial={current} onChange={changed} />, document.getElementById('root'));
    return WidgetStatusHelper.Success();
  },
  onSave() {
    return current.statuses.length > 0
      ? WidgetConfigurationSave.Valid(writeWidgetSettings(current))
      : WidgetConfigurationSave.Invalid();
  },
};

void SDK.init({ loaded: false, applyTheme: true }).then(() => {
  SDK.register('widget-configuration', configuration);
  SDK.register(SDK.getContributionId(), configuration);
  return SDK.notifyLoadSucceeded();
});
