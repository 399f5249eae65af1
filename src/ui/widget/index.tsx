import './widget.scss';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as SDK from 'azure-devops-extension-sdk';
import { WidgetStatusHelper, type WidgetSettings, type WidgetStatus } from 'azure-devops-extension-api/Dashboard';
import { loadSurfaceData, navigateHost } from '../../adapters/sdk/surfaceData';
import { markContent } from '../../adapters/userTiming';
import { ExpiryWidget } from './ExpiryWidget';
import { readWidgetSettings } from './widgetSettings';

/**
 * Composition of the dashboard widget (Microsoft's sample: azure-devops-extension-sample
 * src/Samples/widget-catalog): SDK.init without loaded, then register {preload, load, reload}; the
 * dashboard calls load with the widget's settings and shows the widget when it answers Success.
 */
export const WIDGET_ID = 'widget';

async function render(settings: WidgetSettings): Promise<WidgetStatus> {
  try {
    const data = await loadSurfaceData('project');
    const view = {
      title: settings?.name?.trim() || 'Service connection expiry',
      rows: settings?.size?.rowSpan === 1 ? 1 : 2,
      settings: readWidgetSettings(settings?.customSettings?.data),
    };
    ReactDOM.render(
      <ExpiryWidget view={view} data={data} nowMs={Date.now()} onOpen={(url) => void navigateHost(url)} />,
      document.getElementById('root'),
    );
    markContent();
    return WidgetStatusHelper.Success();
  } catch (e) {
    return WidgetStatusHelper.Failure(
      `Connection expiry could not read this project's readings: ${(e as Error)?.message ?? e}`,
    );
  }
}

const widget = {
  preload: () => WidgetStatusHelper.Success(),
  load: render,
  reload: render,
};

void SDK.init({ loaded: false, applyTheme: true }).then(() => {
  SDK.register(WIDGET_ID, widget);
  SDK.register(SDK.getContributionId(), widget);
  return SDK.notifyLoadSucceeded();
});
