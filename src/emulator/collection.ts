import { invalidRequest } from "./api-error.js";

/** A page as ID-cursor lists answer it. */
export interface CursorPage<T> {
  data: T[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/**
 * An ordered collection (creation order, ascending) with an id index, so cursor pages over
 * 100,000 items cost O(limit) without filters. Objects are stored as given; callers copy on read.
 */
export class Collection<T extends object> {
  private readonly items: T[] = [];
  private readonly index = new Map<string, number>();
  /** Called after every insert or update (persistence hooks in here). */
  onChange?: (item: T) => void;
  /** Called after a removal (persistence hooks in here). */
  onRemove?: (id: string, item: T) => void;

  constructor(private readonly idOf: (item: T) => string) {}

  get size(): number {
    return this.items.length;
  }

  get(id: string): T | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.items[i];
  }

  /** Inserts at the end (newest). */
  insert(item: T): T {
    const id = this.idOf(item);
    if (this.index.has(id)) throw new Error(`duplicate id ${id}`);
    this.index.set(id, this.items.length);
    this.items.push(item);
    this.onChange?.(item);
    return item;
  }

  /** Replaces an item in place, keeping its position. */
  update(item: T): T {
    const i = this.index.get(this.idOf(item));
    if (i === undefined) throw new Error(`unknown id ${this.idOf(item)}`);
    this.items[i] = item;
    this.onChange?.(item);
    return item;
  }

  /** Removes an item (O(n): removals are rare next to reads). */
  remove(id: string): T | undefined {
    const i = this.index.get(id);
    if (i === undefined) return undefined;
    const [item] = this.items.splice(i, 1);
    this.index.delete(id);
    for (let j = i; j < this.items.length; j++) this.index.set(this.idOf(this.items[j]), j);
    this.onRemove?.(id, item);
    return item;
  }

  all(): readonly T[] {
    return this.items;
  }

  clear(): void {
    this.items.length = 0;
    this.index.clear();
  }

  /**
   * One ID-cursor page, as documented: `limit` 1–1000 (default 20), `after_id` or `before_id`,
   * optionally over a filtered view. `order: "desc"` lists newest first (models).
   */
  page(
    q: { limit?: number; before_id?: string; after_id?: string },
    opts: { filter?: (item: T) => boolean; order?: "asc" | "desc"; map?: (item: T) => unknown } = {},
  ): CursorPage<unknown> {
    const limit = q.limit ?? 20;
    if (q.before_id && q.after_id) throw invalidRequest("before_id and after_id cannot both be set");
    const view = opts.order === "desc" ? [...this.items].reverse() : this.items;
    const filter = opts.filter;
    const map = opts.map ?? ((x: T) => x);
    const positionOf = (id: string): number => {
      // Ascending order lists the items array itself, so the id index gives the position even with a filter.
      if (opts.order !== "desc") {
        const i = this.index.get(id);
        if (i !== undefined) return i;
      } else {
        const i = view.findIndex((it) => this.idOf(it) === id);
        if (i >= 0) return i;
      }
      throw invalidRequest(`${q.before_id ? "before_id" : "after_id"}: unknown cursor ${id}`);
    };
    let out: T[] = [];
    let hasMore = false;
    if (q.before_id) {
      const end = positionOf(q.before_id);
      for (let i = end - 1; i >= 0 && out.length <= limit; i--) if (!filter || filter(view[i])) out.push(view[i]);
      hasMore = out.length > limit;
      out = out.slice(0, limit).reverse();
    } else {
      const start = q.after_id ? positionOf(q.after_id) + 1 : 0;
      for (let i = start; i < view.length && out.length <= limit; i++) if (!filter || filter(view[i])) out.push(view[i]);
      hasMore = out.length > limit;
      out = out.slice(0, limit);
    }
    return {
      data: out.map(map),
      has_more: hasMore,
      first_id: out.length ? this.idOf(out[0]) : null,
      last_id: out.length ? this.idOf(out[out.length - 1]) : null,
    };
  }
}
