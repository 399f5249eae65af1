// The local host page: embeds the extension (cross-origin iframe) and answers the SDK's XDM calls.
import { createHostChannel } from './xdmHost.js';
import { createServices } from './hostServices.js';
import { createNaaHost } from './naaHost.js';
import { devhost, log, setStatus, warn } from './hostUi.js';
import { startSurfacePage } from './surfacePages.js';

const config = JSON.parse(document.getElementById('host-config').textContent);
const frame = document.getElementById('extension-frame');

const services = createServices(config);

// The theme: ?theme=light|dark|high-contrast, else the last one picked on this host, else light.
const THEME_KEY = 'sce-local-host-theme';
function startTheme() {
  const asked = new URL(location.href).searchParams.get('theme');
  if (asked && config.themes[asked]) return asked;
  try {
    const kept = localStorage.getItem(THEME_KEY);
    if (kept && config.themes[kept]) return kept;
  } catch {
    // storage refused: light
  }
  return 'light';
}
let theme = startTheme();
config.themeData = config.themes[theme];
document.body.dataset.theme = theme;
devhost.theme = theme;
/** Every extension frame's channel, to tell each of them when the theme changes. */
const channels = [];

// As Azure DevOps does when the user picks another theme: the SDK registers DevOps.SdkClient.dispatchEvent, and
// its "themeChanged" listener applies event.detail.data (azure-devops-extension-sdk esm/SDK.js, init and
// applyTheme); new frames get the theme in their handshake's themeData.
function switchTheme(name) {
  if (!config.themes[name] || name === theme) return;
  theme = name;
  config.themeData = config.themes[name];
  document.body.dataset.theme = name;
  devhost.theme = name;
  try {
    localStorage.setItem(THEME_KEY, name);
  } catch {
    // not kept: this page view only
  }
  for (const channel of channels)
    channel
      .invokeRemote('dispatchEvent', 'DevOps.SdkClient', ['themeChanged', { detail: { data: config.themeData } }])
      .catch((e) => warn(`themeChanged: ${e && e.message}`));
  log(`Theme: ${name}`);
}
const themePicker = document.getElementById('host-theme');
if (themePicker) {
  themePicker.value = theme;
  themePicker.addEventListener('change', () => switchTheme(themePicker.value));
}

function handshakeData(contributionId) {
  return {
    contributionId,
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

const naa = config.naa.enabled
  ? createNaaHost(config, (text, kind) => (kind === 'warning' ? warn(text) : log(text)))
  : null;
if (!naa) log('This host does not offer Nested App Authentication (fixture host.nestedAppAuth = false).');

/** One XDM channel per extension frame, answering as the host does for that contribution. */
function connect(target, contributionId, onLoaded, main = true) {
  const channel = createHostChannel({
    getTargetWindow: () => target.contentWindow,
    targetOrigin: config.extensionOrigin,
    onWarning: warn,
    onCall: (instanceId, method) => {
      devhost.calls.push(`${instanceId}.${method}`);
      log(`${instanceId}.${method}()`);
    },
  });
  channel.register('DevOps.HostControl', {
    initialHandshake(options) {
      // SDK.init({loaded: true}) (the default) means "loaded once the handshake is done": no notifyLoadSucceeded follows.
      if (options && options.loaded !== false && onLoaded) setTimeout(() => onLoaded(channel), 0);
      if (main) {
        devhost.handshake = { sdkVersion: options && options.sdkVersion, at: Date.now() };
        document.body.dataset.handshake = 'done';
        setStatus(`Extension connected (SDK ${options && options.sdkVersion})`);
      }
      return handshakeData(contributionId);
    },
    getAccessToken: () => ({ token: config.adoToken }),
    getAppToken: () => ({ token: config.appToken }),
    notifyLoadSucceeded() {
      if (main) {
        devhost.loaded = true;
        setStatus('Extension loaded');
      }
      if (onLoaded) onLoaded(channel);
    },
    notifyLoadFailed(e) {
      if (main) devhost.loaded = false;
      const message = e && e.message ? e.message : String(e);
      setStatus('Extension failed to load: ' + message);
      warn('notifyLoadFailed: ' + message);
    },
    // SDK.resize(width, height): a section (build results) takes the height its content asks for; 0 hides it.
    resize(_width, height) {
      if (!target.classList.contains('section-frame')) return;
      const h = Number(height);
      if (!Number.isFinite(h) || h < 0) return;
      target.style.height = `${Math.ceil(h)}px`;
      target.classList.toggle('section-empty', h === 0);
      devhost.resizes = [...(devhost.resizes || []), Math.ceil(h)];
    },
  });
  channels.push(channel);
  channel.register('DevOps.ServiceManager', { getService: (id) => services.getService(id) });
  if (naa) channel.register('DevOps.NestedAppAuth', { processRequest: (json) => naa.processRequest(json) });
  return channel;
}

if (frame) {
  let started = false;
  connect(frame, config.contributionId, (channel) => {
    if (started) return;
    started = true;
    startSurfacePage(config, channel, connect).catch((e) =>
      warn(`The ${config.page.kind} page failed: ${e && e.message}`),
    );
  });
  setStatus('Waiting for the extension handshake…');
  frame.src = config.hubUrl;
} else {
  setStatus('Nothing to load on this page.');
}
