import { z } from "zod";

/** Query fields of ID-cursor lists (models, users, invites, workspaces, members, API keys). */
export const cursorPageInput = {
  limit: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("Items per page, 1 to 1000 (API default 20)."),
  before_id: z
    .string()
    .min(1)
    .optional()
    .describe("Cursor: return the page of items just before this id (walks backwards)."),
  after_id: z.string().min(1).optional().describe("Cursor: return the page of items just after this id."),
};

/** Envelope of an ID-cursor page. */
export function cursorPage<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    has_more: z.boolean(),
    first_id: z.string().nullable(),
    last_id: z.string().nullable(),
  });
}

/** Query fields of page-cursor lists (rate limits). */
export const pageCursorInput = {
  limit: z.number().int().min(1).max(1000).optional().describe("Items per page; omitted returns everything in one page."),
  page: z.string().min(1).optional().describe("Cursor from a previous response's next_page."),
};

/** Envelope of a page-cursor page. */
export function pageCursorPage<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_page: z.string().nullable() });
}

/** Envelope of a usage, cost or Claude Code report page. */
export function reportPage<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), has_more: z.boolean(), next_page: z.string().nullable() });
}

/** RFC 3339 timestamp as the API writes it. */
export const timestamp = z.string().describe("RFC 3339 timestamp");

/** Path id field: a non-empty string. */
export function idField(what: string) {
  return z.string().min(1).describe(what);
}
