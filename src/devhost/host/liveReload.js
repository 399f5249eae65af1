// `npm run dev` only: reloads the host page (and so the extension) after each good rebuild; a failed
// build shows its errors in a banner and keeps the page as it was.
import { log, showBanner, closeBanner } from './hostUi.js';

const events = new EventSource('/__dev/reload');
events.addEventListener('reload', () => {
  log('rebuilt: reloading', 'warning');
  location.reload();
});
events.addEventListener('failed', (e) => {
  showBanner({ level: 'error', message: `Build failed (npm run dev): ${e.data}`, dismissable: true });
  log(`build failed: ${e.data}`, 'warning');
});
events.addEventListener('open', () => closeBanner());
