/** The user-timing mark the browser bench reads: the surface's content is on screen. */
export function markContent(): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function')
    performance.mark('sce:surface-content');
}
