/**
 * Starts a paged read at once (before the page is drawn) and hands what it read to the first caller,
 * replaying the pages that already arrived; every later caller (Refresh) reads afresh.
 */
export function startEarly<T>(
  read: (onPage: (page: T[]) => void) => Promise<T[]>,
): (onPage: (page: T[]) => void) => Promise<T[]> {
  const pages: T[][] = [];
  let listener: ((page: T[]) => void) | null = null;
  const first = read((page) => {
    pages.push(page);
    listener?.(page);
  });
  first.catch(() => undefined); // the first caller gets the failure
  let used = false;
  return (onPage) => {
    if (used) return read(onPage);
    used = true;
    pages.forEach((page) => onPage(page));
    listener = onPage;
    return first;
  };
}
