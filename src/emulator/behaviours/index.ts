import { apiKeysBehaviours } from "./api-keys.js";
import { invitesBehaviours } from "./invites.js";
import { messagesBehaviours } from "./messages.js";
import { modelsBehaviours } from "./models.js";
import { organizationBehaviours } from "./organization.js";
import { rateLimitsBehaviours } from "./rate-limits.js";
import { reportsBehaviours } from "./reports.js";
import type { Behaviours } from "./types.js";
import { usersBehaviours } from "./users.js";
import { workspaceMembersBehaviours } from "./workspace-members.js";
import { workspacesBehaviours } from "./workspaces.js";

/** Every operation's emulator behaviour, keyed by tool name. */
export const behaviours: Readonly<Behaviours> = Object.freeze({
  ...messagesBehaviours,
  ...modelsBehaviours,
  ...organizationBehaviours,
  ...usersBehaviours,
  ...invitesBehaviours,
  ...workspacesBehaviours,
  ...workspaceMembersBehaviours,
  ...apiKeysBehaviours,
  ...rateLimitsBehaviours,
  ...reportsBehaviours,
});
