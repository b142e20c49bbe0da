import { checkCredentials } from "./check-credentials.js";
import { checkOutput } from "./check-output.js";
import { compose } from "./compose.js";
import type { Step } from "./context.js";
import { paginate } from "./paginate.js";
import { sendRequest } from "./send-request.js";
import { validateInput } from "./validate-input.js";

/** The Verifier's steps, outermost first. */
export const verifierSteps: readonly Step[] = [validateInput, checkCredentials, paginate, sendRequest, checkOutput];

/** The composed pipeline every surface calls through. */
export const runPipeline = compose(verifierSteps);
