// The Azure DevOps pages around the warning surfaces: what each page asks of the extension's frame.
//   pipeline: the pill provider's registered object → getPills(pillGroupId, {definitionId, definitionName}),
//             an ObservableArray (value + subscribe) of IContributedPill {text, tooltip, color, onClick}
//   run:      nothing to call: the section asks for ms.vss-build-web.build-page-data-service (hostServices.js)
//   dashboard: the widget's registered object → preload(settings), load(settings); Configure opens the
//             widget-configuration contribution: load(settings, {notify}), onSave() → reload(settings)
import { devhost, log, warn } from './hostUi.js';

function rgb(color) {
  if (!color || typeof color !== 'object') return null;
  const c = (v) => Math.max(0, Math.min(255, Number(v) || 0));
  return `rgb(${c(color.red)}, ${c(color.green)}, ${c(color.blue)})`;
}

/** A registered object, asked for by the sample's relative id first, then the full contribution id. */
async function registeredObject(channel, ids) {
  let last = null;
  for (const id of ids) {
    try {
      const object = await channel.invokeRemote('', id, undefined, {}, undefined);
      if (object) return object;
    } catch (e) {
      last = e;
    }
  }
  throw last || new Error('no registered object');
}

function drawPills(area, pills) {
  area.replaceChildren();
  for (const pill of pills) {
    const node = document.createElement('button');
    node.type = 'button';
    node.className = 'pill';
    node.textContent = String(pill.text || '');
    if (pill.tooltip) {
      node.title = String(pill.tooltip);
      node.setAttribute('aria-label', `${pill.text}. ${pill.tooltip}`);
    }
    const color = rgb(pill.color);
    if (color) {
      node.style.background = color;
      // azure-devops-ui Pill (Utilities/Color isDark): white text on a dark colour, black on a light one.
      const c = pill.color;
      node.style.color =
        Number(c.red) * 0.299 + Number(c.green) * 0.587 + Number(c.blue) * 0.114 <= 128 ? '#fff' : '#000';
    }
    const connections = Array.isArray(pill.connections) ? pill.connections : [];
    if (connections[0]) node.dataset.status = String(connections[0].status);
    for (const c of connections) {
      const mark = document.createElement('span');
      mark.hidden = true;
      mark.dataset.connectionId = String(c.id);
      mark.dataset.status = String(c.status);
      node.append(mark);
    }
    node.addEventListener('click', () => typeof pill.onClick === 'function' && pill.onClick());
    area.append(node);
  }
  devhost.pills = pills.map((p) => ({ text: p.text, tooltip: p.tooltip, color: p.color }));
  document.body.dataset.pills = String(pills.length);
}

async function pipelinePage(config, channel) {
  const page = config.page;
  const area = document.querySelector('[data-surface="pill"]');
  const provider = await registeredObject(channel, [page.serviceName, `${config.extension.id}.pipeline-pills`]);
  const pills = await provider.getPills(page.pillGroupId, {
    definitionId: page.definitionId,
    definitionName: page.definitionName,
  });
  const items = Array.isArray(pills) ? pills : Array.isArray(pills && pills.value) ? [...pills.value] : [];
  drawPills(area, items);
  if (pills && typeof pills.subscribe === 'function') {
    // ObservableArray events: {index, addedItems, removedItems}; action push/splice/change/removeAll.
    await pills.subscribe((args, action) => {
      if (action === 'removeAll') items.length = 0;
      else if (args)
        items.splice(Number(args.index) || 0, (args.removedItems || []).length, ...(args.addedItems || []));
      drawPills(area, items);
    });
  }
  log(`getPills answered ${items.length} pill(s); watching for more`);
}

function widgetFailure(cell, e) {
  const message = (e && (e.message || e)) || 'The widget failed to load.';
  const box = document.createElement('div');
  box.className = 'widget-error';
  box.setAttribute('role', 'alert');
  box.textContent = String(message);
  cell.append(box);
  warn('widget load failed: ' + message);
}

async function dashboardPage(config, channel, connect) {
  let settings = config.page.settings;
  const cell = document.getElementById('widget-cell');
  const widget = await registeredObject(channel, ['widget', `${config.extension.id}.widget`]);
  try {
    await widget.preload(settings);
    const status = await widget.load(settings);
    devhost.widgetStatus = status;
    document.body.dataset.widget = 'loaded';
  } catch (e) {
    document.body.dataset.widget = 'failed';
    return widgetFailure(cell, e);
  }
  const panel = document.getElementById('config-panel');
  const configFrame = document.getElementById('config-frame');
  let configuration = null;
  let pending = null;
  document.getElementById('configure-widget').addEventListener('click', () => {
    panel.hidden = false;
    if (configFrame.src) return;
    connect(
      configFrame,
      config.configContributionId,
      async (configChannel) => {
        configuration = await registeredObject(configChannel, ['widget-configuration', config.configContributionId]);
        await configuration.load(settings, {
          notify: async (event, args) => {
            if (event !== 'ms.vss-dashboards-web.configurationChange') return {};
            pending = { ...settings, customSettings: args && args.data };
            await widget.reload(pending);
            return {};
          },
        });
        document.body.dataset.configuration = 'loaded';
      },
      false,
    );
    configFrame.src = config.configUrl;
  });
  document.getElementById('config-save').addEventListener('click', async () => {
    if (!configuration) return;
    const result = await configuration.onSave();
    if (!result || !result.isValid) return warn('The widget configuration refused to save.');
    settings = { ...settings, customSettings: result.customSettings };
    devhost.widgetSettings = settings;
    panel.hidden = true;
    await widget.reload(settings);
  });
  document.getElementById('config-cancel').addEventListener('click', async () => {
    panel.hidden = true;
    if (pending) await widget.reload(settings);
    pending = null;
  });
}

export async function startSurfacePage(config, channel, connect) {
  if (config.page.kind === 'pipeline') return pipelinePage(config, channel);
  if (config.page.kind === 'dashboard') return dashboardPage(config, channel, connect);
}
