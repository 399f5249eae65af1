// The local host page: embeds the extension (cross-origin iframe) and answers the SDK's XDM calls.
import { createHostChannel } from './xdmHost.js';
import { createServices } from './hostServices.js';
import { createNaaHost } from './naaHost.js';
import { devhost, log, setStatus, warn } from './hostUi.js';

const config = JSON.parse(document.getElementById('host-config').textContent);
const frame = document.getElementById('extension-frame');

const channel = createHostChannel({
  getTargetWindow: () => frame.contentWindow,
  targetOrigin: config.extensionOrigin,
  onWarning: warn,
  onCall: (instanceId, method) => {
    devhost.calls.push(`${instanceId}.${method}`);
    log(`${instanceId}.${method}()`);
  },
});

const services = createServices(config);

function handshakeData() {
  return {
    contributionId: config.contributionId,
    context: {
      extension: { ...config.extension, baseUri: config.extensionOrigin + '/' },
      user: config.user,
      host: {
        id: config.hostId,
        name: config.organization,
        serviceVersion: 'Dev20.M300 (local host)',
        type: 4,
        isHosted: true,
      },
      pageContext: {
        // Organization pages (Organization settings) have no project and no team in their web context.
        webContext: config.project
          ? {
              project: { id: config.project.id, name: config.project.name },
              team: { id: config.teamId, name: `${config.project.name} Team` },
            }
          : {},
        globalization: {
          culture: 'en-US',
          explicitTheme: '',
          theme: 'Light',
          timeZoneId: 'UTC',
          timezoneOffset: 0,
          typeAheadDisabled: false,
        },
        timeZonesConfiguration: { daylightSavingsAdjustments: [] },
      },
    },
    initialConfig: config.initialConfig,
    themeData: config.themeData,
  };
}

channel.register('DevOps.HostControl', {
  initialHandshake(options) {
    devhost.handshake = { sdkVersion: options && options.sdkVersion, at: Date.now() };
    document.body.dataset.handshake = 'done';
    setStatus(`Extension connected (SDK ${options && options.sdkVersion})`);
    return handshakeData();
  },
  getAccessToken: () => ({ token: config.adoToken }),
  getAppToken: () => ({ token: config.appToken }),
  notifyLoadSucceeded() {
    devhost.loaded = true;
    setStatus('Extension loaded');
  },
  notifyLoadFailed(e) {
    devhost.loaded = false;
    const message = e && e.message ? e.message : String(e);
    setStatus('Extension failed to load: ' + message);
    warn('notifyLoadFailed: ' + message);
  },
  resize() {},
});

channel.register('DevOps.ServiceManager', { getService: (id) => services.getService(id) });

if (config.naa.enabled) {
  const naa = createNaaHost(config, (text, kind) => (kind === 'warning' ? warn(text) : log(text)));
  channel.register('DevOps.NestedAppAuth', { processRequest: (json) => naa.processRequest(json) });
} else {
  log('This host does not offer Nested App Authentication (fixture host.nestedAppAuth = false).');
}

setStatus('Waiting for the extension handshake…');
frame.src = config.hubUrl;
