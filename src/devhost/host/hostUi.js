// What the host page draws around the extension: global banners, toasts, message dialogs and a call log.
// Everything the extension asks for is also recorded on window.devhost for browser tests.

const LEVELS = ['info', 'warning', 'error', 'success'];

export const devhost = (window.devhost = {
  handshake: null,
  loaded: null,
  calls: [],
  warnings: [],
  banners: [],
  toasts: [],
  dialogs: [],
  navigations: [],
});

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function safeLink(href, text) {
  const ok = /^https?:\/\//i.test(String(href || ''));
  return ok ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text) : document.createTextNode(text);
}

/** "{0} and {1}" with messageLinks → text nodes and links (never HTML from the extension). */
function formatted(message, format, links) {
  if (!format) return [document.createTextNode(message || '')];
  const parts = [];
  const re = /\{(\d+)\}/g;
  let last = 0;
  let m;
  while ((m = re.exec(format))) {
    parts.push(document.createTextNode(format.slice(last, m.index)));
    const link = (links || [])[Number(m[1])];
    parts.push(link ? safeLink(link.href, link.name) : document.createTextNode(m[0]));
    last = re.lastIndex;
  }
  parts.push(document.createTextNode(format.slice(last)));
  return parts;
}

export function log(text, kind = 'call') {
  const list = document.getElementById('host-log');
  if (list) list.prepend(el('li', { class: 'log-' + kind }, `${new Date().toLocaleTimeString()}  ${text}`));
}

export function warn(text) {
  console.warn('[local host] ' + text);
  devhost.warnings.push(text);
  log(text, 'warning');
}

export function setStatus(text) {
  const s = document.getElementById('host-status');
  if (s) s.textContent = text;
}

export function showBanner(banner = {}) {
  devhost.banners.push(banner);
  const area = document.getElementById('host-banner');
  const level = LEVELS[banner.level] || 'info';
  const close =
    banner.dismissable === false
      ? null
      : el('button', { class: 'banner-close', 'aria-label': 'Dismiss', onclick: closeBanner }, '×');
  const buttons = (banner.buttons || []).map((b) =>
    b.href ? safeLink(b.href, b.text || b.href) : el('span', { class: 'banner-button' }, b.text || ''),
  );
  area.replaceChildren(
    el(
      'div',
      { class: 'banner banner-' + level, role: 'status', 'data-level': level },
      ...formatted(banner.message, banner.messageFormat, banner.messageLinks),
      ...buttons,
      close,
    ),
  );
}

export function closeBanner() {
  document.getElementById('host-banner').replaceChildren();
}

export function showToast(toast = {}) {
  devhost.toasts.push({ message: toast.message, callToAction: toast.callToAction, duration: toast.duration });
  const area = document.getElementById('host-toasts');
  if (toast.forceOverrideExisting) area.replaceChildren();
  const node = el('div', { class: 'toast', role: 'status' }, toast.message || '');
  if (toast.callToAction) {
    node.append(
      el(
        'button',
        {
          class: 'toast-cta',
          onclick: () => {
            node.remove();
            if (toast.onCallToActionClick) toast.onCallToActionClick();
          },
        },
        toast.callToAction,
      ),
    );
  }
  area.append(node);
  setTimeout(() => node.remove(), Math.max(1000, Number(toast.duration) || 5000));
}

export function showDialog({ title, message, okText, cancelText, showCancel, onClose }) {
  devhost.dialogs.push({ title, message });
  const area = document.getElementById('host-dialog');
  const done = (result) => {
    area.replaceChildren();
    if (onClose) onClose(result);
  };
  const buttons = el('div', { class: 'dialog-buttons' }, el('button', { onclick: () => done(true) }, okText || 'OK'));
  if (showCancel) buttons.append(el('button', { onclick: () => done(false) }, cancelText || 'Cancel'));
  area.replaceChildren(
    el(
      'div',
      { class: 'dialog', role: 'dialog', 'aria-label': title || 'Message' },
      title ? el('h2', {}, title) : null,
      el('p', {}, message || ''),
      buttons,
    ),
  );
}

export function closeDialog() {
  document.getElementById('host-dialog').replaceChildren();
}

/** Same-origin navigations happen; others are shown as a link (the demo's URLs point at the real Azure DevOps). */
export function showNavigation(url) {
  devhost.navigations.push(url);
  log('navigate → ' + url);
  let target;
  try {
    target = new URL(url, location.href);
  } catch {
    return warn('navigate(): not a URL: ' + url);
  }
  // The organization URL serves both the REST API (the fake Azure DevOps) and the pages (this host).
  const org = document.getElementById('host-config');
  const devopsOrigin = org ? JSON.parse(org.textContent).devopsOrigin : null;
  if (devopsOrigin && target.origin === devopsOrigin)
    return location.assign(location.origin + target.pathname + target.search);
  if (target.origin === location.origin) return location.assign(target.href);
  const node = el(
    'div',
    { class: 'toast', role: 'status' },
    'The extension navigates to ',
    safeLink(target.href, target.href),
  );
  document.getElementById('host-toasts').append(node);
  setTimeout(() => node.remove(), 10000);
}
