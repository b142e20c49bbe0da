/** Example command lines shown in `--help`, by tool name (the registry has no CLI-specific text). */
export const EXAMPLES: Record<string, string[]> = {
  ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE: [
    'anthropic-admin messages create --model claude-sonnet-5-5 --max-tokens 256 "Write a haiku about queues"',
    'anthropic-admin messages create --model claude-sonnet-5-5 --stream --system "Be brief" "Explain retries"',
    'echo "a long prompt" | anthropic-admin messages create --model claude-sonnet-5-5 -',
  ],
  ANTHROPIC_ADMINISTRATOR_COUNT_MESSAGE_TOKENS: ['anthropic-admin messages count-tokens --model claude-sonnet-5-5 "How long is this?"'],
  ANTHROPIC_ADMINISTRATOR_LIST_MODELS: ["anthropic-admin models list --all", "anthropic-admin models list --limit 5 --json"],
  ANTHROPIC_ADMINISTRATOR_GET_MODEL: ["anthropic-admin models get claude-sonnet-5-5"],
  ANTHROPIC_ADMINISTRATOR_LIST_USERS: ["anthropic-admin users list --role developer --all", "anthropic-admin users list --email ada@example.com"],
  ANTHROPIC_ADMINISTRATOR_UPDATE_USER: ["anthropic-admin users update <user_id> --role billing"],
  ANTHROPIC_ADMINISTRATOR_REMOVE_USER: ["anthropic-admin users remove <user_id>          # preview", "anthropic-admin users remove <user_id> --yes    # carry it out"],
  ANTHROPIC_ADMINISTRATOR_CREATE_INVITE: ["anthropic-admin invites create --email a@example.com --role developer"],
  ANTHROPIC_ADMINISTRATOR_LIST_INVITES: ["anthropic-admin invites list --status pending"],
  ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE: ["anthropic-admin workspaces create --name Research", "anthropic-admin workspaces create --name Research --dry-run"],
  ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE: ["anthropic-admin workspaces archive <workspace_id> --yes"],
  ANTHROPIC_ADMINISTRATOR_ADD_WORKSPACE_MEMBER: ["anthropic-admin members add --workspace <workspace_id> --user <user_id> --role workspace_developer"],
  ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACE_MEMBERS: ["anthropic-admin members list <workspace_id> --all"],
  ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY: [
    "anthropic-admin api-keys update <api_key_id> --status inactive",
    "anthropic-admin api-keys update <api_key_id> --status archived --yes   # irreversible",
  ],
  ANTHROPIC_ADMINISTRATOR_LIST_API_KEYS: ["anthropic-admin api-keys list --status active --workspace <workspace_id>"],
  ANTHROPIC_ADMINISTRATOR_GET_USAGE_REPORT: [
    "anthropic-admin usage report --since 7d --group-by model",
    "anthropic-admin usage report --since 24h --bucket-width 1h --ndjson",
  ],
  ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT: ["anthropic-admin cost report --since 30d --group-by workspace_id --all"],
  ANTHROPIC_ADMINISTRATOR_GET_CLAUDE_CODE_USAGE_REPORT: ["anthropic-admin claude-code report --since 1d --all"],
};

/** Lines printed after the top-level help: environment, exit codes, a first command. */
export const ROOT_HELP_AFTER = `
Environment:
  ANTHROPIC_API_KEY     standard key (messages, models)
  ANTHROPIC_ADMIN_KEY   Admin API key (organization, users, invites, workspaces, members, api-keys, reports)
  ANTHROPIC_BASE_URL    API base URL (e.g. a local emulator)

Exit codes: 0 ok, 2 bad input or usage, 3 auth or configuration, 4 API 4xx, 5 API 5xx or network,
6 confirmation required or refused by policy.

Destructive commands (remove, delete, archive) print what they would do and exit 6 until --yes is given.
Writes accept --dry-run. Every call is checked by the Verifier and appended to the audit log.

Start here: anthropic-admin --sandbox users list   (a built-in demo organization; no keys needed)`;
