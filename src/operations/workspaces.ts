import { z } from "zod";
import { defineOperation } from "./derive.js";
import { cursorPage, cursorPageInput, idField, timestamp } from "./shared.js";
import type { ReadCall } from "./types.js";

const InferenceGeo = z.enum(["global", "us"]);

/** `Workspace`; fields added after 2025 are optional so older servers do not read as drift. */
export const WorkspaceSchema = z.object({
  id: z.string(),
  type: z.literal("workspace"),
  name: z.string(),
  display_color: z.string(),
  created_at: timestamp,
  archived_at: z.string().nullable(),
  data_residency: z
    .object({
      workspace_geo: z.enum(["us"]),
      allowed_inference_geos: z.union([z.array(InferenceGeo), z.literal("unrestricted")]),
      default_inference_geo: InferenceGeo,
    })
    .optional(),
  compartment_id: z.string().optional(),
  external_key_id: z.string().nullable().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  user_profile_id: z.string().nullable().optional(),
});

export type Workspace = z.infer<typeof WorkspaceSchema>;

const workspaceId = idField("Workspace id (wrkspc_…). Take ids from LIST_WORKSPACES; the Default Workspace has a real id too.");

const displayColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/, "a hex color like #6C5BB9");
const colorHelp = "Hex color shown in the Console, e.g. #6C5BB9.";

const allowedGeos = z
  .union([z.array(InferenceGeo).min(1), z.literal("unrestricted")])
  .nullable()
  .optional()
  .describe('Inference geos allowed: a list of "global"/"us", or "unrestricted" (default on create).');

const defaultGeo = InferenceGeo.nullable()
  .optional()
  .describe('Geo used when a request names none ("global" default); must be in allowed_inference_geos unless unrestricted.');

/** Tags as a record whose keys may not start with "anthropic" (checked per key so the issue names it). */
function tagsOf<V extends z.ZodType>(value: V) {
  return z.record(z.string().min(1), value).superRefine((tags, ctx) => {
    for (const key of Object.keys(tags)) {
      if (key.toLowerCase().startsWith("anthropic")) {
        ctx.addIssue({ code: "custom", path: [key], message: 'tag keys may not start with "anthropic"', input: key });
      }
    }
  });
}

export const createWorkspace = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE",
  title: "Create a workspace",
  group: "workspaces",
  verb: "create",
  method: "POST",
  path: "/v1/organizations/workspaces",
  key: "admin",
  input: z.object({
    name: z.string().min(1).max(40).describe("Workspace name, 1 to 40 characters."),
    display_color: displayColor.nullable().optional().describe(`${colorHelp} Omitted: the server picks one.`),
    data_residency: z
      .object({
        workspace_geo: z.literal("us").nullable().optional().describe('Where workspace data is stored: "us" (the only value; immutable).'),
        allowed_inference_geos: allowedGeos,
        default_inference_geo: defaultGeo,
      })
      .nullable()
      .optional()
      .describe("Data residency; omitted means us storage, unrestricted inference, global default."),
    external_key_id: z.string().min(1).nullable().optional().describe("CMEK key configuration (ekey_…) to encrypt with; write-once, needs CMEK enabled."),
    tags: tagsOf(z.string()).nullable().optional().describe('Your tags as string key/value pairs; keys may not start with "anthropic".'),
    user_profile_id: z.string().min(1).nullable().optional().describe("User profile every inference request through the workspace must name; permanent."),
  }),
  output: WorkspaceSchema,
  effect: "write",
  idempotent: false,
  snapshot: snapshotCreate,
  reconcile: reconcileCreate,
  description:
    "Create a workspace: a group of API keys, members, limits and usage under its own name. Use it to separate teams, projects or environments. At most 100 non-archived workspaces per organization (400 when full: archive one first); names are 1–40 characters; tag keys may not start with \"anthropic\". Not idempotent (the API has no idempotency key): after a timeout the toolkit checks by name before creating again. Needs the Admin API key (ANTHROPIC_ADMIN_KEY).",
});

export const listWorkspaces = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES",
  title: "List workspaces",
  group: "workspaces",
  verb: "list",
  method: "GET",
  path: "/v1/organizations/workspaces",
  key: "admin",
  input: z.object({
    ...cursorPageInput,
    include_archived: z.boolean().optional().describe("Also list archived workspaces (default false)."),
    include_default: z.boolean().optional().describe("Also list the organization's Default Workspace (default false)."),
    ids: z.array(z.string().min(1)).max(100).optional().describe("Only these workspace ids (at most 100); the include_* filters still apply."),
  }),
  output: cursorPage(WorkspaceSchema),
  effect: "read",
  idempotent: true,
  pagination: "cursor",
  description:
    "List the organization's workspaces, oldest first, with name, color, tags, data residency and archived_at. The Default Workspace is left out unless include_default is true, archived ones unless include_archived is true. Use it to find a workspace id by name before adding members or filtering keys and usage. Set all: true to walk every page. Needs the Admin API key.",
});

export const getWorkspace = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_WORKSPACE",
  title: "Get a workspace",
  group: "workspaces",
  verb: "get",
  method: "GET",
  path: "/v1/organizations/workspaces/{workspace_id}",
  key: "admin",
  input: z.object({ workspace_id: workspaceId }),
  output: WorkspaceSchema,
  effect: "read",
  idempotent: true,
  description:
    "Get one workspace by id, archived or not (the Default Workspace answers with name \"Default\"). An unknown id gives not_found_error. Needs the Admin API key.",
});

export const updateWorkspace = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE",
  title: "Update a workspace",
  group: "workspaces",
  verb: "update",
  method: "POST",
  path: "/v1/organizations/workspaces/{workspace_id}",
  key: "admin",
  input: z.object({
    workspace_id: workspaceId,
    name: z.string().min(1).max(40).optional().describe("New name, 1 to 40 characters. The Default Workspace cannot be renamed."),
    display_color: displayColor.optional().describe(colorHelp),
    data_residency: z
      .object({
        workspace_geo: z.literal("us").optional().describe("Where data is stored; cannot change (us)."),
        allowed_inference_geos: allowedGeos,
        default_inference_geo: defaultGeo,
      })
      .strict()
      .nullable()
      .optional()
      .describe("Inference geos; workspace_geo cannot change."),
    external_key_id: z.string().min(1).optional().describe("Attach a CMEK key configuration; write-once (cannot be detached or replaced)."),
    tags: tagsOf(z.string().nullable())
      .nullable()
      .optional()
      .describe("Tags to set; a null value deletes that tag, tags not named stay as they are."),
    user_profile_id: z.string().min(1).optional().describe("Attach a user profile once; not on the Default Workspace."),
  }),
  output: WorkspaceSchema,
  effect: "write",
  idempotent: true,
  reconcile: reconcileUpdate,
  description:
    "Change a workspace's name, display color, inference geos, tags (null deletes a tag) or attach a CMEK key or user profile (both write-once). Only the fields you pass change. Fails with invalid_request_error for the Default Workspace's name, for archived workspaces, and for tag keys starting with \"anthropic\"; not_found_error for an unknown id. Needs the Admin API key.",
});

export const archiveWorkspace = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE",
  title: "Archive a workspace",
  group: "workspaces",
  verb: "archive",
  method: "POST",
  path: "/v1/organizations/workspaces/{workspace_id}/archive",
  key: "admin",
  input: z.object({ workspace_id: workspaceId }),
  output: WorkspaceSchema,
  effect: "destructive",
  idempotent: true,
  reconcile: reconcileArchive,
  description:
    "Archive a workspace, permanently: there is no unarchive and no delete. Every API key of the workspace is archived with it and stops working at once; members lose access; its usage history stays. The Default Workspace cannot be archived (invalid_request_error). Archiving an already archived workspace changes nothing and answers it again. Destructive: pass confirm: true. Needs the Admin API key.",
});

/** Ids of the live workspaces that already have the name, so the reconcile can tell ours apart. */
async function snapshotCreate(input: Record<string, unknown>, read: ReadCall): Promise<string[]> {
  const page = (await read("ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES", { all: true, limit: 1000 })) as { data: Workspace[] };
  return page.data.filter((w) => w.name === input.name && w.archived_at === null).map((w) => w.id);
}

async function reconcileCreate(input: Record<string, unknown>, read: ReadCall, before?: unknown) {
  const page = (await read("ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES", { all: true, limit: 1000 })) as { data: Workspace[] };
  // Names are not unique: workspaces that had the name before the call are not ours (without a
  // snapshot, e.g. when its read failed, they cannot be told apart), and the other fields sent
  // must match too. Newest last, so a workspace the lost request made is the newest such one.
  const existed = new Set(Array.isArray(before) ? (before as string[]) : []);
  const { display_color, tags } = input as { display_color?: string | null; tags?: Record<string, string> | null };
  const match = page.data
    .filter((w) => w.name === input.name && w.archived_at === null && !existed.has(w.id))
    .filter((w) => display_color == null || w.display_color.toLowerCase() === display_color.toLowerCase())
    .filter((w) => Object.entries(tags ?? {}).every(([k, v]) => w.tags?.[k] === v))
    .at(-1);
  return match ? { applied: true as const, data: match } : { applied: false as const };
}

async function reconcileUpdate(input: Record<string, unknown>, read: ReadCall) {
  const ws = (await read("ANTHROPIC_ADMINISTRATOR_GET_WORKSPACE", { workspace_id: input.workspace_id })) as Workspace;
  return workspaceMatches(ws, input) ? { applied: true as const, data: ws } : { applied: false as const };
}

async function reconcileArchive(input: Record<string, unknown>, read: ReadCall) {
  const ws = (await read("ANTHROPIC_ADMINISTRATOR_GET_WORKSPACE", { workspace_id: input.workspace_id })) as Workspace;
  return ws.archived_at !== null ? { applied: true as const, data: ws } : { applied: false as const };
}

/** True when a workspace shows every field an update asked for. */
export function workspaceMatches(ws: Workspace, input: Record<string, unknown>): boolean {
  if (input.name !== undefined && ws.name !== input.name) return false;
  if (typeof input.display_color === "string" && ws.display_color.toLowerCase() !== input.display_color.toLowerCase()) return false;
  if (input.external_key_id !== undefined && ws.external_key_id !== input.external_key_id) return false;
  if (input.user_profile_id !== undefined && ws.user_profile_id !== input.user_profile_id) return false;
  const tags = input.tags as Record<string, string | null> | null | undefined;
  for (const [k, v] of Object.entries(tags ?? {})) {
    if ((ws.tags?.[k] ?? null) !== v) return false;
  }
  const dr = input.data_residency as { allowed_inference_geos?: unknown; default_inference_geo?: unknown } | null | undefined;
  if (dr?.default_inference_geo != null && ws.data_residency?.default_inference_geo !== dr.default_inference_geo) return false;
  if (dr?.allowed_inference_geos != null) {
    const want = JSON.stringify(dr.allowed_inference_geos);
    if (JSON.stringify(ws.data_residency?.allowed_inference_geos) !== want) return false;
  }
  return true;
}

export const workspaceOperations = [createWorkspace, listWorkspaces, getWorkspace, updateWorkspace, archiveWorkspace];
