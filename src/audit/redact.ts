/** What replaces a secret in audit lines and errors. */
export const REDACTED = "[REDACTED]";

/** Anything shaped like an Anthropic key (standard, admin, scoped). */
const KEY_PATTERN = /sk-ant-[A-Za-z0-9_-]+/g;

/** Field names that hold credentials: api_key, x-api-key, secret, access_token, authorization, password… */
const SENSITIVE_NAME = /key|secret|token|authorization|password|credential|cookie/i;
/** …but not identifiers, hints, counts and the like that merely mention them (api_key_id, max_tokens). */
const HARMLESS_SUFFIX = /(_id|_ids|_hint|_type|_name|_count|_tokens|_at|_by)$/i;

/** True when a field of this name must never be written out as given. */
export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name) && !HARMLESS_SUFFIX.test(name);
}

/** Replaces key-shaped substrings in a text. */
export function redactText(text: string): string {
  return text.replace(KEY_PATTERN, REDACTED);
}

/**
 * A deep copy with secrets removed: strings that look like Anthropic keys are cut out wherever
 * they appear, and string values of credential-named fields are replaced entirely.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 32) return REDACTED;
  if (typeof value === "string") return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === "string" && isSensitiveName(k)) out[k] = REDACTED;
      else out[k] = redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
