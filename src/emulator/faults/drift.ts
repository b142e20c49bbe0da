import type { Fault } from "./rules.js";

type DriftFault = Extract<Fault, { kind: "drift" }>;
type Obj = Record<string, unknown>;

/** Fields a rename or enum change never touches by default: without them nothing can be matched. */
const KEEP = new Set(["id", "type", "data", "has_more", "first_id", "last_id", "next_page"]);

/**
 * Applies a drift variant to a success body as a newer (or broken) server might send it: an extra
 * field, a renamed field, or a new enum value. Applies to each item of a list page's `data`, else
 * to the body. Returns a new object; the stored state is untouched.
 */
export function applyDrift(body: unknown, fault: DriftFault): unknown {
  if (!body || typeof body !== "object") return body;
  const page = body as Obj;
  if (Array.isArray(page.data)) return { ...page, data: page.data.map((item) => driftOne(item, fault)) };
  return driftOne(body, fault);
}

function driftOne(value: unknown, fault: DriftFault): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  const obj = { ...(value as Obj) };
  switch (fault.variant) {
    case "extra_field":
      obj[fault.field ?? "emulator_extra_field"] = fault.to ?? "added by a fault rule";
      return obj;
    case "rename_field": {
      const field = fault.field ?? Object.keys(obj).find((k) => !KEEP.has(k));
      if (!field || !(field in obj)) return obj;
      const renamed: Obj = {};
      // Keep the key order so the change reads as a rename in a diff.
      for (const [k, v] of Object.entries(obj)) renamed[k === field ? (fault.to ?? `${field}_v2`) : k] = v;
      return renamed;
    }
    case "enum_value": {
      const field = fault.field ?? ["status", "role", "workspace_role", "lifecycle"].find((k) => typeof obj[k] === "string");
      if (!field) return obj;
      obj[field] = fault.to ?? "emulator_new_value";
      return obj;
    }
  }
}
