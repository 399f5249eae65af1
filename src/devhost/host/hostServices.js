// The services an extension gets from SDK.getService(id) (see azure-devops-extension-api/Common/CommonServices.d.ts).
import { createExtensionDataManager } from './extensionData.js';
import {
  closeBanner,
  closeDialog,
  devhost,
  showBanner,
  showDialog,
  showNavigation,
  showToast,
  warn,
} from './hostUi.js';

function queryParams() {
  const out = {};
  for (const [k, v] of new URLSearchParams(location.search)) out[k] = v;
  return out;
}

function replaceUrl(search, hash) {
  const url = new URL(location.href);
  if (search !== undefined) url.search = search;
  if (hash !== undefined) url.hash = hash;
  history.replaceState(history.state, '', url.href);
}

export function createServices(config) {
  const messages = {
    addBanner: (banner) => showBanner(banner),
    closeBanner: () => closeBanner(),
    addToast: (toast) => showToast(toast),
    addDialog: (dialog) =>
      showDialog({
        title: dialog && dialog.title,
        message: dialog && dialog.message,
        onClose: () => dialog && dialog.onDismiss && dialog.onDismiss(),
      }),
    closeDialog: () => closeDialog(),
  };
  const hashListeners = [];
  window.addEventListener('hashchange', () => hashListeners.forEach((cb) => cb(location.hash.slice(1))));
  let fullScreen = false;

  const services = {
    'ms.vss-features.location-service': {
      getResourceAreaLocation: () => config.devopsRoot,
      getServiceLocation: (_serviceInstanceType, hostType) =>
        hostType === 1 ? config.devopsOrigin + '/' : config.devopsRoot,
      routeUrl: (routeId, routeValues, hostPath) => {
        const v = routeValues || {};
        const project = v.project ? encodeURIComponent(v.project) + '/' : '';
        return `${hostPath || config.devopsRoot}${project}_route/${encodeURIComponent(routeId)}`;
      },
    },
    'ms.vss-tfs-web.tfs-page-data-service': {
      getProject: () => (config.project ? { id: config.project.id, name: config.project.name } : undefined),
      getPageData: () => ({ project: config.project, organization: config.organization }),
    },
    'ms.vss-features.host-navigation-service': {
      getQueryParams: () => queryParams(),
      setQueryParams: (params) => {
        const search = new URLSearchParams(location.search);
        for (const [k, v] of Object.entries(params || {})) {
          if (v === null || v === undefined || v === '') search.delete(k);
          else search.set(k, String(v));
        }
        const text = search.toString();
        replaceUrl(text ? '?' + text : '');
      },
      getHash: () => location.hash.slice(1),
      setHash: (hash) => {
        location.hash = hash || '';
      },
      replaceHash: (hash) => replaceUrl(undefined, hash ? '#' + hash : ''),
      onHashChanged: (callback) => {
        if (typeof callback === 'function') hashListeners.push(callback);
      },
      getPageRoute: () => ({
        id: config.project ? 'ms.vss-admin-web.project-admin-hub-route' : 'ms.vss-admin-web.collection-admin-hub-route',
        routeValues: {
          ...(config.project ? { project: config.project.name } : {}),
          adminPivot: config.contributionId,
          controller: 'ContributedPage',
          action: 'Execute',
        },
      }),
      getPageNavigationElements: () => [],
      navigate: (url) => showNavigation(url),
      openNewWindow: (url, features) => {
        devhost.navigations.push(url);
        window.open(url, '_blank', features || 'noopener');
      },
      reload: () => location.reload(),
      setDocumentTitle: (title) => {
        document.title = `${title} · ${config.organization} (local host)`;
      },
    },
    // The run page's build (azure-devops-extension-api/Build BuildServices: IBuildPageData {build, definition}).
    'ms.vss-build-web.build-page-data-service': {
      getBuildPageData: () => {
        const build = config.page && config.page.kind === 'run' ? config.page.build : null;
        if (!build) return undefined;
        return {
          build: {
            id: build.id,
            buildNumber: build.buildNumber,
            result: build.result,
            status: build.status,
            finishTime: build.finishTime ? new Date(build.finishTime) : undefined,
          },
          definition: { id: build.definition.id, name: build.definition.name },
        };
      },
    },
    'ms.vss-features.extension-data-service': {
      getExtensionDataManager: (extensionId, accessToken) =>
        createExtensionDataManager(config, extensionId, accessToken),
    },
    'ms.vss-tfs-web.tfs-global-messages-service': messages,
    'ms.vss-features.global-messages-service': messages,
    'ms.vss-features.host-page-layout-service': {
      getFullScreenMode: () => fullScreen,
      setFullScreenMode: (value) => {
        fullScreen = !!value;
        document.body.classList.toggle('full-screen', fullScreen);
      },
      openMessageDialog: (message, options) => showDialog({ ...(options || {}), message }),
      openCustomDialog: (id) => warn(`openCustomDialog(${id}) is not supported by the local host.`),
      openPanel: (id) => warn(`openPanel(${id}) is not supported by the local host.`),
    },
  };

  return {
    getService(contributionId) {
      const service = services[contributionId];
      if (!service) {
        warn(`getService("${contributionId}"): the local host does not offer this service.`);
        throw new Error(`Service "${contributionId}" is not available in the local host.`);
      }
      return service;
    },
  };
}
