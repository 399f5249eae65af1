/**
 * Continuation-token paging that ends, whatever the server sends. Azure DevOps pages lists with the
 * `x-ms-continuationtoken` header (REST reference: Projects - List, `continuationToken` parameter). A
 * server that repeats a token, or sends a page that adds no new item while asking for more, would make a
 * naive loop read forever or list the same items again: the listing stops there and says why.
 */

export const MAX_PAGES = 1000;

export class PageGuard {
  private readonly tokens = new Set<string>();
  private readonly ids = new Set<string>();
  private pages = 0;

  /** `what` names the list and `source` the server in messages: "projects", "dev.azure.com". */
  constructor(
    private readonly what: string,
    private readonly source: string,
    private readonly maxPages = MAX_PAGES,
  ) {}

  /** Keeps the items not seen before (by id, case-insensitively); returns them. */
  keepNew<T>(items: T[], idOf: (item: T) => string): T[] {
    this.pages += 1;
    const fresh: T[] = [];
    for (const item of items) {
      const id = idOf(item).toLowerCase();
      if (this.ids.has(id)) continue;
      this.ids.add(id);
      fresh.push(item);
    }
    return fresh;
  }

  /**
   * After a page: null to ask for the next one (`next` is its token; null means the list is done),
   * else why the listing stops now.
   */
  stopReason(pageLength: number, freshCount: number, next: string | null): string | null {
    const where = `after page ${this.pages} (${this.ids.size} ${this.what} so far)`;
    if (freshCount === 0 && (pageLength > 0 || next !== null))
      return `${this.source} sent a page with no new ${this.what} ${where}; the listing stops there`;
    if (next === null) return null;
    if (this.tokens.has(next))
      return `${this.source} sent the same continuation token twice ${where}; the listing stops there`;
    this.tokens.add(next);
    if (this.pages >= this.maxPages)
      return `${this.source} sent more than ${this.maxPages} pages of ${this.what}; the listing stops there`;
    return null;
  }
}
