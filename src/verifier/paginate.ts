import { DEFAULT_MAX_ITEMS } from "../operations/tool-input.js";
import type { CallContext, Step } from "./context.js";
import { ToolkitError } from "./errors.js";

type Page = { data: unknown[]; has_more?: boolean; first_id?: string | null; last_id?: string | null; next_page?: string | null };

/** Largest page a walk asks for when the caller gave no `limit`. */
const WALK_PAGE_SIZE = 1000;

/**
 * With `all: true`, walks every page (ID cursor, page cursor or report cursor), bounded by
 * `max_items`, and returns one aggregated page. A report page refused as too large is asked
 * again with half the `limit` instead of failing.
 */
export const paginate: Step = async (ctx, next) => {
  if (!ctx.control.all || !ctx.op.pagination) return next();
  const max = ctx.control.max_items ?? DEFAULT_MAX_ITEMS;
  const base = { ...ctx.input };
  const items: unknown[] = [];
  let pages = 0;
  let last: Page | undefined;
  let firstPage: Page | undefined;
  const backwards = base.before_id !== undefined;
  const walkLimit = (): number | undefined => {
    if (ctx.op.pagination === "report") return base.limit as number | undefined;
    const wanted = (base.limit as number | undefined) ?? ctx.op.maxPageSize ?? WALK_PAGE_SIZE;
    return Math.max(1, Math.min(wanted, max - items.length));
  };
  let cursor: Record<string, unknown> = {};
  for (;;) {
    const page = await fetchPage(ctx, next, { ...base, ...cursor, limit: walkLimit() });
    pages++;
    firstPage ??= page;
    last = page;
    const room = max - items.length;
    items.push(...page.data.slice(0, room));
    ctx.control.onProgress?.(pages, items.length);
    const more = hasMore(ctx, page);
    if (!more) break;
    if (items.length >= max) {
      ctx.meta.truncated = true;
      break;
    }
    cursor = nextCursor(ctx, page, backwards);
  }
  ctx.meta.pages = pages;
  ctx.meta.truncated ??= false;
  if (ctx.op.pagination === "cursor") {
    ctx.data = {
      data: items,
      has_more: ctx.meta.truncated,
      first_id: backwards ? (last?.first_id ?? null) : (firstPage?.first_id ?? null),
      last_id: backwards ? (firstPage?.last_id ?? null) : (last?.last_id ?? null),
    };
  } else {
    ctx.data = { ...last, data: items, has_more: ctx.meta.truncated, next_page: ctx.meta.truncated ? (last?.next_page ?? null) : null };
  }
};

async function fetchPage(ctx: CallContext, next: () => Promise<void>, input: Record<string, unknown>): Promise<Page> {
  for (;;) {
    ctx.input = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    try {
      await next();
      return ctx.data as Page;
    } catch (err) {
      const limit = (input.limit as number | undefined) ?? undefined;
      if (ctx.op.pagination === "report" && isTooLarge(err)) {
        const current = limit ?? 31;
        if (current <= 1) throw err;
        input.limit = Math.max(1, Math.floor(current / 2));
        ctx.runtime.warnOnce("report_page_too_large", `A ${ctx.op.tool} page was refused as too large; asking again with limit ${input.limit}.`);
        continue;
      }
      throw err;
    }
  }
}

function isTooLarge(err: unknown): boolean {
  if (!(err instanceof ToolkitError)) return false;
  if (err.details?.error_code === "report_page_too_large") return true;
  return err.status === 413 || (err.status === 400 && /too large|too many/i.test(err.message));
}

function hasMore(ctx: CallContext, page: Page): boolean {
  if (ctx.op.pagination === "page") return Boolean(page.next_page);
  if (ctx.op.pagination === "report") return Boolean(page.has_more && page.next_page);
  return Boolean(page.has_more) && (page.last_id ?? null) !== null;
}

function nextCursor(ctx: CallContext, page: Page, backwards: boolean): Record<string, unknown> {
  if (ctx.op.pagination === "cursor") {
    return backwards ? { before_id: page.first_id, after_id: undefined } : { after_id: page.last_id, before_id: undefined };
  }
  return { page: page.next_page };
}
