/** User-timing marks on the first-paint path (read by the browser bench and the browser's profiler). */
export function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

/** The mark the browser bench reads on a warning surface (pill, run section, widget): its content is on screen. */
export function markContent(): void {
  mark('sce:surface-content');
}
