/**
 * Whether a paged Kubernetes list arrived whole. The API server announces, on each page of a list without selectors,
 * how many items are still to come (`metadata.remainingItemCount`, Kubernetes 1.15+); the pages of one list are a
 * consistent snapshot, so the items that arrive must add up to what the first announcing page promised. A page that
 * misses items, counts that jump, an item sent twice in place of another, or continue tokens that never end mean
 * the list cannot be trusted to hold every object: it fails, with what was announced and what arrived.
 *
 * Without a count (an older server, a list with a selector) completeness rests on the continue tokens alone; the
 * loop and page bounds still hold. See docs/rbac.md ("Live lists").
 */

/** A list that cannot be proven whole: its facts are unknown, never "no objects". */
export class IncompleteListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncompleteListError';
  }
}

/** Pages in a row with no items but a continue token before the list is given up. */
export const MAX_EMPTY_PAGES = 3;
/** Pages one list may take (default of LiveOptions.maxPages). */
export const DEFAULT_MAX_PAGES = 10_000;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Follows one list's pages. `restart()` begins the count again (a 410 restart lists from the start, so earlier
 * pages no longer count); `next()` takes each page and says which continue token to follow, if any.
 */
export class ListPaging {
  private announced: { total: number; page: number } | undefined;
  private received = 0;
  private readonly ids = new Set<string>();
  private readonly tokens = new Set<string>();
  private pages = 0;
  private emptyRun = 0;

  constructor(private readonly maxPages = DEFAULT_MAX_PAGES) {}

  restart(): void {
    this.announced = undefined;
    this.received = 0;
    this.ids.clear();
    this.tokens.clear();
    this.pages = 0;
    this.emptyRun = 0;
  }

  /**
   * Takes one page (the identities of its items, in order, and its list metadata). Returns the continue token to
   * follow, or undefined when the list is complete; throws IncompleteListError when it cannot be.
   */
  next(ids: readonly string[], metadata: unknown): string | undefined {
    this.pages++;
    const meta = (typeof metadata === 'object' && metadata !== null ? metadata : {}) as Record<string, unknown>;
    const cont = typeof meta.continue === 'string' && meta.continue ? meta.continue : undefined;
    const count = meta.remainingItemCount;
    if (count !== undefined && count !== null && !(Number.isSafeInteger(count) && (count as number) >= 0)) {
      throw new IncompleteListError(`page ${this.pages} announced an invalid remainingItemCount`);
    }
    const remaining = typeof count === 'number' ? count : undefined;
    // The most specific diagnosis first: a repeated token also brings items already counted.
    if (cont && this.tokens.has(cont)) {
      throw new IncompleteListError(
        `page ${this.pages} handed back a continue token already followed (the list loops)`,
      );
    }
    this.received += ids.length;
    for (const id of ids) this.ids.add(id);

    if (!cont && remaining !== undefined && remaining > 0) {
      const counts = this.announced ? ` (${this.announced.total} announced, ${this.received} arrived)` : '';
      throw new IncompleteListError(
        `the last page announced ${plural(remaining, 'more item')} but gave no continue token${counts}`,
      );
    }
    if (!this.announced && remaining !== undefined) {
      this.announced = { total: this.received + remaining, page: this.pages };
    } else if (this.announced) {
      const { total } = this.announced;
      if (this.received > total) throw new IncompleteListError(`${this.what()}, ${this.received} arrived`);
      if (remaining !== undefined && this.received + remaining !== total) {
        throw new IncompleteListError(
          `${this.what()}; after ${this.received} arrived, a page announced ${remaining} more where ${total - this.received} were left`,
        );
      }
    }

    if (!cont) {
      if (this.announced) {
        const { total } = this.announced;
        if (this.received < total) throw new IncompleteListError(`${this.what()}, ${this.received} arrived`);
        const twice = this.received - this.ids.size;
        if (twice > 0) {
          throw new IncompleteListError(
            `${this.what()}, ${this.received} arrived but ${twice} of them twice (${this.ids.size} distinct)`,
          );
        }
      }
      return undefined;
    }
    this.tokens.add(cont);
    this.emptyRun = ids.length === 0 ? this.emptyRun + 1 : 0;
    if (this.emptyRun >= MAX_EMPTY_PAGES) {
      throw new IncompleteListError(`${this.emptyRun} pages in a row held no items but a continue token`);
    }
    if (this.pages >= this.maxPages) throw new IncompleteListError(`the list did not end after ${this.maxPages} pages`);
    return cont;
  }

  private what(): string {
    const a = this.announced;
    if (!a) return '';
    return a.page === 1
      ? `the first page announced ${plural(a.total, 'item')}`
      : `page ${a.page} announced ${plural(a.total, 'item')} in all`;
  }
}
