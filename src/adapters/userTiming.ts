/** User-timing marks on the first-paint path (read by the browser bench and the browser's profiler). */
export function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}
