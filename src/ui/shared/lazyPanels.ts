import * as React from 'react';

// Panels are not needed for the first paint: both hubs load them when first opened, as the same chunks.
export const DetailsPanel = React.lazy(() =>
  import(/* webpackChunkName: "details" */ './DetailsPanel').then((m) => ({ default: m.DetailsPanel })),
);
export const TokenPanel = React.lazy(() =>
  import(/* webpackChunkName: "token" */ './TokenPanel').then((m) => ({ default: m.TokenPanel })),
);
export const SettingsPanel = React.lazy(() =>
  import(/* webpackChunkName: "settings" */ './SettingsPanel').then((m) => ({ default: m.SettingsPanel })),
);
export const ColumnsPanel = React.lazy(() =>
  import(/* webpackChunkName: "columns" */ './ColumnsPanel').then((m) => ({ default: m.ColumnsPanel })),
);
