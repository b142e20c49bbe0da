import { audit } from "./audit.js";
import { checkCredentials } from "./check-credentials.js";
import { checkOutput } from "./check-output.js";
import { compose } from "./compose.js";
import type { Step } from "./context.js";
import { governor } from "./governor.js";
import { guardrails } from "./guardrails.js";
import { paginate } from "./paginate.js";
import { refreshCredentials } from "./refresh-credentials.js";
import { reportCache } from "./report-cache.js";
import { retryAndReconcile } from "./retry.js";
import { sendRequest } from "./send-request.js";
import { validateInput } from "./validate-input.js";

/**
 * The Verifier's steps, outermost first:
 * audit → check input → guardrails → credentials → pages → report cache →
 * retry/reconcile (per page) → 401 refresh → governor (pace) → send → drift check.
 */
export const verifierSteps: readonly Step[] = [
  audit,
  validateInput,
  guardrails,
  checkCredentials,
  paginate,
  reportCache,
  retryAndReconcile,
  refreshCredentials,
  governor,
  sendRequest,
  checkOutput,
];

/** The composed pipeline every surface calls through. */
export const runPipeline = compose(verifierSteps);
